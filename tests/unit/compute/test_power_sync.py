"""The power-state sync and the lifecycle events it serves: the recorded
power state follows the hypervisor, a guest that went off makes the
server stop (through the stop API), a running guest of a stopped server
is stopped, nothing is ever started; guests of deleted instances are
reaped or only logged."""

import time

import pytest

from nova_lite.compute import power_state
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite import context as nova_context
from nova_lite.virt import event as virtevent
from tests.unit import fakes
from tests.unit.compute.test_manager import _build
from tests.unit.compute.test_manager import compute  # noqa: F401


@pytest.fixture
def server(compute, user_context):  # noqa: F811
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    return _build(compute, user_context, inst)


def _guest_state(compute, instance, state):  # noqa: F811
    compute.driver._guests[instance.uuid]['state'] = state


def _sync(compute, instance):  # noqa: F811
    compute._query_driver_power_state_and_sync(
        nova_context.get_admin_context(), instance)
    instance.refresh()


def _actions(instance):
    from tests.unit.api.test_server_lifecycle_actions import actions_of
    return actions_of(instance.uuid)


def test_a_guest_that_powered_off_makes_the_server_stop(
        compute, server):  # noqa: F811
    _guest_state(compute, server, power_state.SHUTDOWN)

    _sync(compute, server)

    assert server.power_state == power_state.SHUTDOWN
    assert server.task_state == task_states.POWERING_OFF
    assert _actions(server) == ['stop']


def test_a_running_guest_of_a_stopped_server_is_stopped_not_kept(
        compute, server, user_context):  # noqa: F811
    server.vm_state = vm_states.STOPPED
    server.power_state = power_state.SHUTDOWN
    server.save()

    _sync(compute, server)

    assert server.power_state == power_state.RUNNING
    assert (server.vm_state, server.task_state) == (
        vm_states.STOPPED, task_states.POWERING_OFF)


def test_a_guest_that_came_back_is_not_started_by_the_sync(
        compute, server):  # noqa: F811
    _guest_state(compute, server, power_state.SHUTDOWN)
    server.vm_state = vm_states.STOPPED
    server.save()

    _sync(compute, server)

    assert compute.driver.get_info(server).state == power_state.SHUTDOWN
    assert (server.vm_state, server.task_state) == (vm_states.STOPPED, None)


def test_a_server_with_a_task_is_left_alone(compute, server):  # noqa: F811
    _guest_state(compute, server, power_state.SHUTDOWN)
    server.task_state = task_states.REBOOT_STARTED
    server.save()

    _sync(compute, server)

    assert server.power_state == power_state.RUNNING
    assert server.task_state == task_states.REBOOT_STARTED


def test_a_paused_guest_of_an_active_server_is_recorded_but_ignored(
        compute, server):  # noqa: F811
    _guest_state(compute, server, power_state.PAUSED)

    _sync(compute, server)

    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.ACTIVE, None, power_state.PAUSED)


def test_a_lost_guest_is_recorded_as_no_state(compute, server):  # noqa
    del compute.driver._guests[server.uuid]

    _sync(compute, server)

    assert (server.vm_state, server.task_state, server.power_state) == (
        vm_states.ACTIVE, None, power_state.NOSTATE)


def test_a_lifecycle_event_syncs_its_instance(compute, server):  # noqa
    _guest_state(compute, server, power_state.SHUTDOWN)

    compute._handle_lifecycle_event(virtevent.LifecycleEvent(
        server.uuid, virtevent.EVENT_LIFECYCLE_STOPPED))

    server.refresh()
    assert server.power_state == power_state.SHUTDOWN
    assert server.task_state == task_states.POWERING_OFF


def test_the_guest_of_a_deleted_instance_is_reaped(
        compute, server, conf):  # noqa: F811
    server.destroy()

    compute._handle_running_deleted_instances(
        nova_context.get_admin_context())

    assert server.uuid not in compute.driver.list_instance_uuids()


def test_with_action_log_the_guest_of_a_deleted_instance_is_kept(
        compute, server, conf):  # noqa: F811
    conf.set_override('running_deleted_instance_action', 'log')
    server.destroy()

    compute._handle_running_deleted_instances(
        nova_context.get_admin_context())

    assert server.uuid in compute.driver.list_instance_uuids()


def test_a_guest_no_instance_knows_is_left_alone(compute, user_context):  # noqa
    stranger = fakes.instance(user_context, fakes.flavor(), create=False)
    compute.driver._guests[stranger.uuid] = {'state': power_state.RUNNING,
                                             'console': ''}

    compute._handle_running_deleted_instances(
        nova_context.get_admin_context())

    assert stranger.uuid in compute.driver.list_instance_uuids()


def test_the_periodic_sync_runs_again_only_after_its_interval(
        compute, server, conf):  # noqa: F811
    # The first periodic run is due at once; the default interval is 600 s.
    context = nova_context.get_admin_context()
    compute._sync_power_states(context)
    deadline = time.time() + 10
    while compute._syncs_in_progress and time.time() < deadline:
        time.sleep(0.05)
    _guest_state(compute, server, power_state.PAUSED)

    compute._sync_power_states(context)

    server.refresh()
    assert server.power_state == power_state.RUNNING
