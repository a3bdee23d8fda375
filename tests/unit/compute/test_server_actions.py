"""The compute manager's server actions with the fake driver: the states
each leaves, and what a failure leaves (a fault the user reads, a task
state cleared, ERROR only when the guest is lost)."""

import pytest

from nova_lite.compute import power_state
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite import exception
from nova_lite import objects
from tests.unit import fakes
from tests.unit.compute.test_manager import _build
from tests.unit.compute.test_manager import compute  # noqa: F401


@pytest.fixture
def server(compute, user_context):  # noqa: F811
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    return _build(compute, user_context, inst)


def _start(instance, task_state):
    instance.task_state = task_state
    instance.save()
    objects.InstanceAction.action_start(instance._context, instance.uuid,
                                        task_state)


def _fault(instance):
    return objects.InstanceFault.get_latest_for_instance(
        instance._context, instance.uuid)


def _broken(driver, method):
    def fail(*args, **kwargs):
        raise exception.HypervisorUnavailable(host='h1')
    setattr(driver, method, fail)


def test_reboot_boots_the_guest_again_and_leaves_it_active(
        compute, server, user_context):  # noqa: F811
    _start(server, task_states.REBOOTING)

    compute.reboot_instance(user_context, instance=server,
                            block_device_info=None, reboot_type='SOFT')

    server.refresh()
    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.ACTIVE, None, power_state.RUNNING)
    assert compute.driver.get_console_output(None, server).count(
        'booted') == 2


def test_a_failed_reboot_of_a_running_guest_keeps_it_active_with_a_fault(
        compute, server, user_context):  # noqa: F811
    _broken(compute.driver, 'reboot')
    _start(server, task_states.REBOOTING_HARD)

    compute.reboot_instance(user_context, instance=server,
                            block_device_info=None, reboot_type='HARD')

    server.refresh()
    assert (server.vm_state, server.task_state) == (vm_states.ACTIVE, None)
    assert 'Connection to the hypervisor is broken' in \
        _fault(server).message


def test_a_failed_reboot_of_a_stopped_guest_is_an_error(
        compute, server, user_context):  # noqa: F811
    compute.driver.power_off(server)
    _broken(compute.driver, 'reboot')
    _start(server, task_states.REBOOTING_HARD)

    with pytest.raises(exception.HypervisorUnavailable):
        compute.reboot_instance(user_context, instance=server,
                                block_device_info=None, reboot_type='HARD')

    server.refresh()
    assert (server.vm_state, server.task_state) == (vm_states.ERROR, None)
    assert _fault(server).code == 500


def test_stop_leaves_the_guest_off_and_the_server_stopped(
        compute, server, user_context):  # noqa: F811
    _start(server, task_states.POWERING_OFF)

    compute.stop_instance(user_context, instance=server)

    server.refresh()
    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.STOPPED, None, power_state.SHUTDOWN)


def test_a_failed_stop_clears_the_task_and_records_a_fault(
        compute, server, user_context):  # noqa: F811
    _broken(compute.driver, 'power_off')
    _start(server, task_states.POWERING_OFF)

    with pytest.raises(exception.HypervisorUnavailable):
        compute.stop_instance(user_context, instance=server)

    server.refresh()
    assert (server.vm_state, server.task_state) == (vm_states.ACTIVE, None)
    assert 'hypervisor' in _fault(server).message


def test_a_stop_preempted_by_a_delete_leaves_the_delete_in_charge(
        compute, server, user_context):  # noqa: F811
    _start(server, task_states.POWERING_OFF)
    power_off = compute.driver.power_off

    def deleted_meanwhile(instance, *args, **kwargs):
        # The API's delete lands while the guest shuts down.
        other = objects.Instance.get_by_uuid(user_context, instance.uuid)
        other.task_state = task_states.DELETING
        other.save()
        power_off(instance, *args, **kwargs)
    compute.driver.power_off = deleted_meanwhile

    with pytest.raises(exception.InstanceInvalidState):
        compute.stop_instance(user_context, instance=server)

    server.refresh()
    assert server.task_state == task_states.DELETING


def test_pause_and_suspend_record_the_guests_state(
        compute, server, user_context):  # noqa: F811
    _start(server, task_states.PAUSING)
    compute.pause_instance(user_context, instance=server)
    server.refresh()
    assert (server.vm_state, server.power_state) == (vm_states.PAUSED,
                                                     power_state.PAUSED)

    _start(server, task_states.UNPAUSING)
    compute.unpause_instance(user_context, instance=server)
    _start(server, task_states.SUSPENDING)
    compute.suspend_instance(user_context, instance=server)
    server.refresh()
    assert (server.vm_state, server.power_state) == (vm_states.SUSPENDED,
                                                     power_state.SUSPENDED)

    _start(server, task_states.RESUMING)
    compute.resume_instance(user_context, instance=server)
    server.refresh()
    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.ACTIVE, None, power_state.RUNNING)


def test_a_failed_rebuild_is_an_error_with_a_fault(
        compute, server, user_context):  # noqa: F811
    _broken(compute.driver, 'spawn')
    _start(server, task_states.REBUILDING)

    with pytest.raises(exception.HypervisorUnavailable):
        compute.rebuild_instance(
            user_context, instance=server, orig_image_ref=server.image_ref,
            image_ref=server.image_ref,
            image={'id': server.image_ref, 'properties': {}},
            admin_password=None)

    server.refresh()
    assert (server.vm_state, server.task_state) == (vm_states.ERROR, None)
    assert 'hypervisor' in _fault(server).message
    assert server.host == 'h1'


def test_rebuilding_a_stopped_server_leaves_it_stopped(
        compute, server, user_context):  # noqa: F811
    _start(server, task_states.POWERING_OFF)
    compute.stop_instance(user_context, instance=server)
    _start(server, task_states.REBUILDING)

    compute.rebuild_instance(
        user_context, instance=server, orig_image_ref=server.image_ref,
        image_ref=server.image_ref,
        image={'id': server.image_ref, 'properties': {}},
        admin_password=None)

    server.refresh()
    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.STOPPED, None, power_state.SHUTDOWN)


def test_a_forced_config_drive_is_recorded_so_later_boots_keep_it(
        compute, user_context, conf):  # noqa: F811
    conf.set_override('force_config_drive', True)
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')

    inst = _build(compute, user_context, inst)

    assert inst.config_drive == 'True'
    assert inst.launched_at is not None
