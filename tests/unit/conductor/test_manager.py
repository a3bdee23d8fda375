"""The conductor's build workflow and the allocations it leaves."""

from nova_lite.conductor import manager
from nova_lite.db import placement_api
from nova_lite import objects
from tests.unit import fakes


def test_a_claim_for_an_instance_deleted_while_scheduling_is_given_back(
        conf, db, fake_rpc, admin_context, user_context):
    node = fakes.compute_host(admin_context, 'h1')
    inst = fakes.instance(user_context, fakes.flavor())
    placement_api.replace_allocations(admin_context, inst.uuid, {
        node.uuid: {'VCPU': 1, 'MEMORY_MB': 128}})
    objects.Instance.get_by_uuid(user_context, inst.uuid).destroy()
    tasks = manager.ComputeTaskManager('c1', 'nova-lite-conductor', conf)
    selection = objects.Selection(compute_node_uuid=node.uuid,
                                  service_host='h1', nodename='h1')
    tasks._build_on(user_context, inst, selection, [],
                    fakes.request_spec(inst.flavor, instance_uuid=inst.uuid),
                    {}, None, [], None, None)
    assert placement_api.get_allocations(admin_context, inst.uuid) == {}


def _build_on(conf, context, inst, host):
    tasks = manager.ComputeTaskManager('c1', 'nova-lite-conductor', conf)
    node = objects.ComputeNode.get_by_host_and_nodename(context, host, host)
    selection = objects.Selection(compute_node_uuid=node.uuid,
                                  service_host=host, nodename=host,
                                  limits=None)
    tasks._build_on(context, inst, selection, [],
                    fakes.request_spec(inst.flavor, instance_uuid=inst.uuid),
                    {}, None, [], None, None)


def test_a_server_sent_to_a_host_is_in_that_hosts_zone(
        conf, db, fake_rpc, admin_context, user_context):
    # Recorded on the server, as Nova does, so that the availability_zone
    # list filter finds servers created without asking for a zone.
    fakes.compute_host(admin_context, 'h1')
    fakes.compute_host(admin_context, 'h2')
    aggregate = objects.Aggregate(admin_context, name='a1',
                                  metadata={'availability_zone': 'az1'})
    aggregate.create()
    aggregate.add_host('h2')
    first = fakes.instance(user_context, fakes.flavor())
    second = fakes.instance(user_context, fakes.flavor())

    _build_on(conf, user_context, first, 'h1')
    _build_on(conf, user_context, second, 'h2')

    assert [objects.Instance.get_by_uuid(
        user_context, i.uuid).availability_zone for i in (first, second)] \
        == ['nova', 'az1']
