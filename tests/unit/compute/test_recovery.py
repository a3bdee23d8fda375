"""What a compute service that starts again makes of the instances a
previous run left half done (the manager's init_host, as Nova's
_init_instance). The hypervisor outlives the service: the new manager
is given the old one's guests."""

import pytest

from nova_lite.compute import manager
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


def _restart(old, conf):
    new = manager.ComputeManager('h1', 'nova-lite-compute', conf)
    new.driver._guests = old.driver._guests
    new.init_host(None)
    return new


def _interrupt(instance, vm_state, task_state):
    instance.vm_state = vm_state
    instance.task_state = task_state
    instance.save()


def test_an_interrupted_hard_reboot_is_done_again(compute, server,  # noqa
                                                  conf):
    compute.driver.power_off(server)
    _interrupt(server, vm_states.ACTIVE, task_states.REBOOT_STARTED_HARD)

    new = _restart(compute, conf)

    server.refresh()
    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.ACTIVE, None, power_state.RUNNING)
    assert new.driver.get_console_output(None, server).count('booted') == 2


def test_an_interrupted_stop_is_finished(compute, server, conf):  # noqa
    _interrupt(server, vm_states.ACTIVE, task_states.POWERING_OFF)

    _restart(compute, conf)

    server.refresh()
    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.STOPPED, None, power_state.SHUTDOWN)


def test_an_interrupted_rebuild_is_an_error_with_a_fault(compute,  # noqa
                                                         server, conf):
    _interrupt(server, vm_states.ACTIVE, task_states.REBUILD_SPAWNING)

    _restart(compute, conf)

    server.refresh()
    assert (server.vm_state, server.task_state, server.host) == (
        vm_states.ERROR, None, 'h1')
    assert objects.InstanceFault.get_latest_for_instance(
        server._context, server.uuid).message == (
        'Rebuild interrupted by a restart of the compute service on h1.')


def test_a_pause_of_a_running_guest_is_cleared(compute, server,  # noqa
                                               conf):
    _interrupt(server, vm_states.ACTIVE, task_states.PAUSING)

    _restart(compute, conf)

    server.refresh()
    assert (server.vm_state, server.task_state) == (vm_states.ACTIVE, None)


def test_a_guest_that_is_off_stays_off_by_default(compute, server,  # noqa
                                                  conf):
    compute.driver.power_off(server)

    new = _restart(compute, conf)

    assert new.driver.get_info(server).state == power_state.SHUTDOWN


def test_resume_guests_state_on_host_boot_starts_it_again(
        compute, server, conf):  # noqa: F811
    conf.set_override('resume_guests_state_on_host_boot', True)
    compute.driver.power_off(server)

    new = _restart(compute, conf)

    server.refresh()
    assert new.driver.get_info(server).state == power_state.RUNNING
    assert server.power_state == power_state.RUNNING


def test_a_guest_that_cannot_be_started_again_is_an_error(
        compute, server, conf, monkeypatch):  # noqa: F811
    conf.set_override('resume_guests_state_on_host_boot', True)
    compute.driver.power_off(server)

    def fail(*args, **kwargs):
        raise exception.HypervisorUnavailable(host='h1')
    from nova_lite.virt import fake
    monkeypatch.setattr(fake.FakeDriver, 'reboot', fail)

    _restart(compute, conf)

    server.refresh()
    assert (server.vm_state, server.host) == (vm_states.ERROR, 'h1')
    assert 'hypervisor' in objects.InstanceFault.get_latest_for_instance(
        server._context, server.uuid).message
