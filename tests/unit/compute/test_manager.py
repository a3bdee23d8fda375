"""The compute manager's build and delete, with the fake driver."""

import datetime

from oslo_utils import timeutils
import pytest

from nova_lite.compute import manager
from nova_lite.compute import power_state
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite.db import placement_api
from nova_lite import exception
from nova_lite import objects
from tests.unit import fakes


@pytest.fixture
def compute(conf, db, fake_rpc, admin_context):
    conf.set_override('compute_driver', 'fake.FakeDriver')
    conf.set_override('host', 'h1')
    conf.set_override('reserved_host_memory_mb', 0)
    fakes.compute_host(admin_context, 'h1')
    mgr = manager.ComputeManager('h1', 'nova-lite-compute', conf)
    mgr.init_host(None)
    return mgr


def _build(compute, ctxt, inst, limits=None):
    image = {'id': inst.image_ref, 'disk_format': 'qcow2',
             'properties': {}}
    spec = fakes.request_spec(inst.flavor, instance_uuid=inst.uuid)
    compute._do_build_and_run_instance(
        ctxt, inst, image, spec, None, [], None, None, 'h1', limits or {},
        None)
    inst.refresh()
    return inst


def test_successful_build_leaves_the_instance_active_and_running(
        compute, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    inst = _build(compute, user_context, inst)
    assert inst.vm_state == vm_states.ACTIVE
    assert inst.task_state is None
    assert inst.power_state == power_state.RUNNING
    assert inst.launched_at is not None
    assert compute.driver.instance_exists(inst)


def test_build_claims_the_flavor_on_the_compute_node(compute, user_context,
                                                     admin_context):
    inst = fakes.instance(user_context, fakes.flavor(memory_mb=300), host='h1')
    _build(compute, user_context, inst)
    node = objects.ComputeNode.get_by_host_and_nodename(admin_context, 'h1',
                                                        'h1')
    assert node.memory_mb_used == 300
    assert node.running_vms == 1


def test_node_record_shows_the_hosts_address_and_workload(
        compute, conf, user_context, admin_context):
    """As os-hypervisors shows them: a build counts in current_workload
    (Nova's io_workload) until the next update_available_resource."""
    conf.set_override('my_ip', '192.0.2.7')
    compute.periodic_tasks(admin_context)
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    _build(compute, user_context, inst)

    node = objects.ComputeNode.get_by_host_and_nodename(admin_context, 'h1',
                                                        'h1')
    assert (node.host_ip, node.current_workload) == ('192.0.2.7', 1)
    assert node.disk_available_least == compute.driver.local_gb

    compute.periodic_tasks(admin_context)

    node = objects.ComputeNode.get_by_host_and_nodename(admin_context, 'h1',
                                                        'h1')
    assert (node.running_vms, node.current_workload) == (1, 0)


def _node(admin_context):
    return objects.ComputeNode.get_by_host_and_nodename(admin_context, 'h1',
                                                        'h1')


def _meanwhile(monkeypatch, step):
    """Run ``step`` once, between the periodic task's read of this host's
    instances and its use of what it read."""
    get_by_host = objects.InstanceList.get_by_host

    def read_then_step(context, host, *args, **kwargs):
        monkeypatch.setattr(objects.InstanceList, 'get_by_host',
                            get_by_host)
        instances = get_by_host(context, host, *args, **kwargs)
        step()
        return instances

    monkeypatch.setattr(objects.InstanceList, 'get_by_host', read_then_step)


def test_a_claim_made_while_the_periodic_task_reads_still_counts(
        compute, user_context, admin_context, monkeypatch):
    inst = fakes.instance(user_context, fakes.flavor(memory_mb=300))
    _meanwhile(monkeypatch, lambda: _build(compute, user_context, inst))

    compute.update_available_resource(admin_context)

    assert inst.vm_state == vm_states.ACTIVE
    node = _node(admin_context)
    assert (node.memory_mb_used, node.running_vms) == (300, 1)


def test_a_server_deleted_while_the_periodic_task_reads_is_not_counted(
        compute, user_context, admin_context, monkeypatch):
    inst = _build(compute, user_context, fakes.instance(
        user_context, fakes.flavor(memory_mb=300), host='h1'))
    _meanwhile(monkeypatch, lambda: compute.terminate_instance(
        user_context, instance=inst))

    compute.update_available_resource(admin_context)

    node = _node(admin_context)
    assert (node.memory_mb_used, node.running_vms) == (0, 0)


def test_spawn_failure_sends_the_instance_back_to_scheduling(
        compute, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1',
                          display_name='fail-spawn')
    inst = _build(compute, user_context, inst)
    assert inst.vm_state == vm_states.BUILDING
    assert inst.task_state == task_states.SCHEDULING
    assert inst.host is None
    assert 'fake driver was asked to fail' in \
        objects.InstanceFault.get_latest_for_instance(
            user_context, inst.uuid).message
    assert not compute.driver.instance_exists(inst)


def test_claim_beyond_the_limits_reschedules(compute, user_context):
    inst = fakes.instance(user_context, fakes.flavor(memory_mb=512),
                          host='h1')
    inst = _build(compute, user_context, inst, limits={'memory_mb': 256})
    assert inst.task_state == task_states.SCHEDULING
    assert 'Free memory_mb 256 < requested 512' in \
        objects.InstanceFault.get_latest_for_instance(
            user_context, inst.uuid).message


def test_build_of_an_instance_deleted_meanwhile_does_nothing(
        compute, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    objects.Instance.get_by_uuid(user_context, inst.uuid).destroy()
    image = {'id': inst.image_ref, 'properties': {}}
    compute._do_build_and_run_instance(
        user_context, inst, image, None, None, [], None, None, 'h1', {},
        None)
    assert not compute.driver.instance_exists(inst)


def test_terminate_destroys_the_guest_and_the_record(compute, user_context):
    inst = _build(compute, user_context,
                  fakes.instance(user_context, fakes.flavor(), host='h1'))
    compute.terminate_instance(user_context, instance=inst)
    assert not compute.driver.instance_exists(inst)
    with pytest.raises(exception.InstanceNotFound):
        objects.Instance.get_by_uuid(user_context, inst.uuid)


def test_console_output_of_a_missing_guest_is_not_available(
        compute, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    with pytest.raises(exception.ConsoleNotAvailable):
        compute.get_console_output(user_context, instance=inst)


def _deleted_once_spawned(compute, ctxt, inst, monkeypatch):
    """Make the user delete ``inst`` just after the driver spawned it."""
    spawn = compute.driver.spawn

    def spawn_then_get_deleted(*args, **kwargs):
        spawn(*args, **kwargs)
        other = objects.Instance.get_by_uuid(ctxt, inst.uuid)
        other.task_state = task_states.DELETING
        other.save()

    monkeypatch.setattr(compute.driver, 'spawn', spawn_then_get_deleted)


def test_guest_is_destroyed_when_the_build_fails_after_it_started(
        compute, user_context, monkeypatch):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    _deleted_once_spawned(compute, user_context, inst, monkeypatch)
    _build(compute, user_context, inst)
    assert not compute.driver.instance_exists(inst)


def test_failing_to_record_an_event_does_not_fail_the_build(
        compute, user_context, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError('history unavailable')

    monkeypatch.setattr(objects.InstanceActionEvent, 'event_start', broken)
    monkeypatch.setattr(objects.InstanceActionEvent, 'event_finish', broken)
    inst = _build(compute, user_context,
                  fakes.instance(user_context, fakes.flavor(), host='h1'))
    assert inst.vm_state == vm_states.ACTIVE


def test_instance_building_too_long_goes_to_error(compute, conf,
                                                  user_context):
    conf.set_override('instance_build_timeout', 60)
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    inst.created_at = timeutils.utcnow(True) - datetime.timedelta(minutes=5)
    inst.save()
    fresh = fakes.instance(user_context, fakes.flavor(), host='h1')
    compute.periodic_tasks(user_context)
    inst.refresh()
    fresh.refresh()
    assert inst.vm_state == vm_states.ERROR
    assert 'timed out' in objects.InstanceFault.get_latest_for_instance(
        user_context, inst.uuid).message
    assert fresh.vm_state == vm_states.BUILDING


def test_restart_puts_an_interrupted_build_in_error(compute, user_context,
                                                    admin_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1',
                          task_state=task_states.SPAWNING)
    compute.init_host(None)
    inst.refresh()
    assert inst.vm_state == vm_states.ERROR
    assert inst.host is None
    assert 'interrupted by a restart' in \
        objects.InstanceFault.get_latest_for_instance(
            user_context, inst.uuid).message


def test_restart_completes_an_interrupted_delete(compute, user_context):
    inst = _build(compute, user_context,
                  fakes.instance(user_context, fakes.flavor(), host='h1'))
    inst.task_state = task_states.DELETING
    inst.save()
    compute.init_host(None)
    assert not compute.driver.instance_exists(inst)
    with pytest.raises(exception.InstanceNotFound):
        objects.Instance.get_by_uuid(user_context, inst.uuid)


def test_restart_leaves_active_instances_alone(compute, user_context):
    inst = _build(compute, user_context,
                  fakes.instance(user_context, fakes.flavor(), host='h1'))
    compute.init_host(None)
    inst.refresh()
    assert inst.vm_state == vm_states.ACTIVE
    assert compute.driver.instance_exists(inst)


def test_restart_leaves_a_build_not_yet_started_here_to_its_cast(
        compute, user_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1',
                          task_state=task_states.SCHEDULING)
    compute.init_host(None)
    inst.refresh()
    assert (inst.vm_state, inst.host) == (vm_states.BUILDING, 'h1')


# networks

@pytest.fixture
def network(db, admin_context):
    net = objects.Network(admin_context, name='private')
    net.create(cidr='10.254.6.0/29', gateway_ip='10.254.6.1')
    return net


def _build_with(compute, ctxt, inst, networks):
    image = {'id': inst.image_ref, 'disk_format': 'qcow2',
             'properties': {}}
    spec = fakes.request_spec(inst.flavor, instance_uuid=inst.uuid)
    compute._do_build_and_run_instance(
        ctxt, inst, image, spec, None, [],
        objects.NetworkRequestList.from_api(networks), None, 'h1', {},
        None)
    inst.refresh()
    return inst


def _ports(ctxt, inst):
    return objects.PortList.get_by_filters(
        ctxt, {'device_id': inst.uuid}).objects


def test_build_gives_the_guest_an_active_port_bound_here(
        compute, network, user_context):
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'), 'auto')
    assert inst.vm_state == vm_states.ACTIVE
    [port] = _ports(user_context, inst)
    assert (port.binding_host_id, port.status) == ('h1', 'ACTIVE')
    # network_info reached spawn: the fake guest prints its NIC.
    assert 'net: eth0 %s 10.254.6.2/29' % port.mac_address in \
        compute.driver.get_console_output(user_context, inst)
    [vif] = objects.InstanceInfoCache.get_by_instance_uuid(
        user_context, inst.uuid).network_info
    assert (vif.id, vif.active) == (port.uuid, True)


def test_no_address_left_aborts_the_build_without_rescheduling(
        compute, network, user_context, admin_context):
    for address in ('10.254.6.%d' % i for i in range(2, 7)):
        objects.Port(admin_context, network_id=network.uuid,
                     device_id='').create(fixed_ip=address)
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'), 'auto')
    assert inst.vm_state == vm_states.ERROR
    assert objects.InstanceFault.get_latest_for_instance(
        user_context, inst.uuid).message == (
        'Build of instance %s aborted: Failed to allocate the network(s) '
        'with error No fixed IP addresses available for network: %s, not '
        'rescheduling.' % (inst.uuid, network.uuid))
    assert _ports(user_context, inst) == []
    assert not compute.driver.instance_exists(inst)


def test_a_rescheduled_build_leaves_no_port_on_this_host(
        compute, network, user_context):
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1', display_name='fail-spawn'),
                       'auto')
    assert inst.task_state == task_states.SCHEDULING
    assert _ports(user_context, inst) == []
    assert objects.InstanceInfoCache.get_by_instance_uuid(
        user_context, inst.uuid).network_info == ()


def test_terminate_gives_back_the_ports(compute, network, user_context,
                                        admin_context):
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'), 'auto')
    compute.terminate_instance(user_context, instance=inst)
    assert objects.PortList.get_by_filters(admin_context, {}).objects == []


def test_restart_completing_a_delete_gives_back_the_ports(
        compute, network, user_context, admin_context):
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'), 'auto')
    inst.task_state = task_states.DELETING
    inst.save()
    compute.init_host(None)
    assert objects.PortList.get_by_filters(admin_context, {}).objects == []


def test_a_fixed_ip_outside_the_network_aborts_the_build(
        compute, network, user_context):
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'),
                       [{'network_id': network.uuid, 'port_id': None,
                         'address': '192.0.2.9'}])
    assert inst.vm_state == vm_states.ERROR
    assert objects.InstanceFault.get_latest_for_instance(
        user_context, inst.uuid).message == (
        'Build of instance %s aborted: Invalid input received: Fixed IP '
        '192.0.2.9 is not a valid ip address for network %s.' % (
            inst.uuid, network.uuid))


def test_a_network_gone_before_the_build_aborts_it(
        compute, network, user_context, admin_context):
    network_id = network.uuid
    network.destroy()
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'),
                       [{'network_id': network_id, 'port_id': None,
                         'address': None}])
    assert inst.vm_state == vm_states.ERROR
    assert objects.InstanceFault.get_latest_for_instance(
        user_context, inst.uuid).message == (
        'Build of instance %s aborted: Failed to allocate the network(s), '
        'not rescheduling.' % inst.uuid)


def test_a_server_deleted_while_spawning_leaves_no_port(
        compute, network, user_context, monkeypatch):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    _deleted_once_spawned(compute, user_context, inst, monkeypatch)
    _build_with(compute, user_context, inst, 'auto')
    assert _ports(user_context, inst) == []
    assert not compute.driver.instance_exists(inst)


def test_terminate_unplugs_the_vifs_even_when_the_cache_was_lost(
        compute, network, user_context):
    inst = _build_with(compute, user_context,
                       fakes.instance(user_context, fakes.flavor(),
                                      host='h1'), 'auto')
    [port] = _ports(user_context, inst)
    assert compute.driver.plugged_vifs == {port.uuid}
    objects.InstanceInfoCache.empty(user_context, inst.uuid).save()
    compute.terminate_instance(user_context, instance=inst)
    assert compute.driver.plugged_vifs == set()


def _build_in_group(compute, ctxt, policy, member_host):
    """Build an instance on h1 whose group already has a member on
    ``member_host``."""
    group = objects.InstanceGroup(ctxt, name='g', policy=policy, rules={},
                                  project_id=ctxt.project_id,
                                  user_id=ctxt.user_id)
    group.create()
    member = fakes.instance(ctxt, fakes.flavor(), host=member_host)
    inst = fakes.instance(ctxt, fakes.flavor(), host='h1')
    objects.InstanceGroup.add_members(ctxt, group.uuid,
                                      [member.uuid, inst.uuid])
    spec = fakes.request_spec(inst.flavor, instance_uuid=inst.uuid,
                              instance_group=group)
    image = {'id': inst.image_ref, 'disk_format': 'qcow2', 'properties': {}}
    compute._do_build_and_run_instance(ctxt, inst, image, spec, None, [],
                                       None, None, 'h1', {}, None)
    inst.refresh()
    return inst


def _latest_fault(ctxt, inst):
    return objects.InstanceFault.get_latest_for_instance(
        ctxt, inst.uuid).message


def test_a_second_anti_affine_member_on_this_host_is_rescheduled(
        compute, user_context):
    inst = _build_in_group(compute, user_context, 'anti-affinity', 'h1')
    assert (inst.task_state, inst.host) == (task_states.SCHEDULING, None)
    assert _latest_fault(user_context, inst).endswith(
        'was re-scheduled: Anti-affinity instance group policy was '
        'violated.')
    assert not compute.driver.instance_exists(inst)


def test_an_affine_member_away_from_its_group_is_rescheduled(
        compute, user_context):
    inst = _build_in_group(compute, user_context, 'affinity', 'h2')
    assert (inst.task_state, inst.host) == (task_states.SCHEDULING, None)
    assert _latest_fault(user_context, inst).endswith(
        'was re-scheduled: Affinity instance group policy was violated.')


def test_an_anti_affine_member_alone_on_this_host_is_built(compute,
                                                           user_context):
    inst = _build_in_group(compute, user_context, 'anti-affinity', 'h2')
    assert inst.vm_state == vm_states.ACTIVE
    assert compute.driver.instance_exists(inst)


def test_an_aborted_build_gives_its_allocation_back(compute, network,
                                                    user_context,
                                                    admin_context,
                                                    monkeypatch):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    node = objects.ComputeNode.get_by_host_and_nodename(admin_context, 'h1',
                                                        'h1')
    placement_api.replace_allocations(admin_context, inst.uuid, {
        node.uuid: {'VCPU': 1, 'MEMORY_MB': 128}})
    # What anyone reading the server as it goes to ERROR would see held.
    held_at_error = []
    save = objects.Instance.save

    def save_and_look(self, *args, **kwargs):
        save(self, *args, **kwargs)
        if self.vm_state == vm_states.ERROR:
            held_at_error.append(placement_api.get_allocations(
                admin_context, self.uuid))

    monkeypatch.setattr(objects.Instance, 'save', save_and_look)
    inst = _build_with(compute, user_context, inst,
                       [{'network_id': network.uuid, 'port_id': None,
                         'address': '192.0.2.9'}])
    assert inst.vm_state == vm_states.ERROR
    assert held_at_error == [{}]
    assert placement_api.get_allocations(admin_context, inst.uuid) == {}


def test_an_aborted_build_is_an_error_even_if_placement_fails(
        compute, network, user_context, monkeypatch):
    def placement_down(*args, **kwargs):
        raise exception.NovaException('placement unreachable')

    monkeypatch.setattr(compute.reportclient,
                        'delete_allocation_for_instance', placement_down)
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    with pytest.raises(exception.NovaException,
                       match='placement unreachable'):
        _build_with(compute, user_context, inst,
                    [{'network_id': network.uuid, 'port_id': None,
                      'address': '192.0.2.9'}])
    inst.refresh()
    assert (inst.vm_state, inst.task_state, inst.host) == (
        vm_states.ERROR, None, None)
    assert objects.InstanceFault.get_latest_for_instance(
        user_context, inst.uuid).message.startswith(
            'Build of instance %s aborted' % inst.uuid)


def test_terminate_gives_the_allocation_back(compute, user_context,
                                             admin_context):
    inst = _build(compute, user_context,
                  fakes.instance(user_context, fakes.flavor(), host='h1'))
    node = objects.ComputeNode.get_by_host_and_nodename(admin_context, 'h1',
                                                        'h1')
    placement_api.replace_allocations(admin_context, inst.uuid, {
        node.uuid: {'VCPU': 1}})
    compute.terminate_instance(user_context, instance=inst)
    assert placement_api.get_allocations(admin_context, inst.uuid) == {}


def _allocate(ctxt, inst, host='h1'):
    node = objects.ComputeNode.get_by_host_and_nodename(ctxt, host, host)
    placement_api.replace_allocations(ctxt, inst.uuid, {
        node.uuid: {'VCPU': 1}})


def test_a_build_whose_instance_was_deleted_first_gives_its_claim_back(
        compute, user_context, admin_context):
    inst = fakes.instance(user_context, fakes.flavor(), host='h1')
    _allocate(admin_context, inst)
    objects.Instance.get_by_uuid(user_context, inst.uuid).destroy()
    image = {'id': inst.image_ref, 'properties': {}}
    compute._do_build_and_run_instance(
        user_context, inst, image, None, None, [], None, None, 'h1', {},
        None)
    assert placement_api.get_allocations(admin_context, inst.uuid) == {}


def test_a_delete_completed_at_restart_gives_the_allocation_back(
        compute, user_context, admin_context):
    inst = _build(compute, user_context,
                  fakes.instance(user_context, fakes.flavor(), host='h1'))
    _allocate(admin_context, inst)
    inst.task_state = task_states.DELETING
    inst.save()
    compute.init_host(None)
    assert placement_api.get_allocations(admin_context, inst.uuid) == {}
