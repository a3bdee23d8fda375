"""The network API over the real schema: what a boot allocates, what a
failure and a delete give back, and the rows that prove it."""

from oslo_db import exception as db_exc
import pytest

from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite.db import models
from nova_lite.db import network_api as network_db
from nova_lite import exception
from nova_lite.network import api as network_api
from nova_lite import objects
from tests.unit import fakes

CIDR = '10.254.3.0/29'  # hosts .1-.6; .1 is the gateway: 5 addresses


@pytest.fixture
def api():
    return network_api.API()


@pytest.fixture
def network(db, admin_context):
    net = objects.Network(admin_context, name='private', mtu=1450)
    net.create(cidr=CIDR, gateway_ip='10.254.3.1',
               dns_nameservers=['10.254.3.1'])
    return net


def requests(*items):
    return objects.NetworkRequestList.from_api(
        items[0] if len(items) == 1 and isinstance(items[0], str)
        else [dict({'network_id': None, 'port_id': None, 'address': None},
                   **item) for item in items])


def ports_of(context, instance):
    return objects.PortList.get_by_filters(
        context, {'device_id': instance.uuid}).objects


def test_auto_gives_one_port_on_the_only_network(api, network, user_context):
    inst = fakes.instance(user_context, fakes.flavor())
    nw_info = api.allocate_for_instance(user_context, inst,
                                        requests('auto'), bind_host_id='h1')
    [vif] = nw_info
    [port] = ports_of(user_context, inst)
    assert vif.id == port.uuid
    assert vif.address == port.mac_address
    assert vif.address.startswith('fa:16:3e:')
    assert vif.devname == ('tap' + port.uuid)[:14]
    assert vif.type == 'bridge'
    assert vif.network.bridge == network.bridge
    assert vif.network.mtu == 1450
    assert [ip.address for ip in vif.fixed_ips()] == ['10.254.3.2']
    assert vif.network.subnets[0].gateway.address == '10.254.3.1'
    assert [d.address for d in vif.network.subnets[0].dns] == ['10.254.3.1']
    assert (port.binding_host_id, port.device_owner) == ('h1',
                                                         'compute:nova')
    cache = objects.InstanceInfoCache.get_by_instance_uuid(user_context,
                                                           inst.uuid)
    assert cache.network_info == nw_info


def test_the_requested_fixed_ip_is_the_one_given(api, network, user_context):
    inst = fakes.instance(user_context, fakes.flavor())
    nw_info = api.allocate_for_instance(
        user_context, inst, requests({'network_id': network.uuid,
                                      'address': '10.254.3.5'}))
    assert nw_info.fixed_ips()[0].address == '10.254.3.5'


def test_none_allocates_nothing(api, network, user_context):
    inst = fakes.instance(user_context, fakes.flavor())
    assert api.allocate_for_instance(user_context, inst,
                                     requests('none')) == ()
    assert ports_of(user_context, inst) == []


def test_exhausted_network_gives_no_more_fixed_ips_and_keeps_nothing(
        api, network, user_context):
    taken = [fakes.instance(user_context, fakes.flavor()) for _ in range(5)]
    for inst in taken:
        api.allocate_for_instance(user_context, inst, requests('auto'))
    late = fakes.instance(user_context, fakes.flavor())
    with pytest.raises(exception.NoMoreFixedIps):
        api.allocate_for_instance(
            user_context, late,
            requests({'network_id': network.uuid},
                     {'network_id': network.uuid}))
    assert ports_of(user_context, late) == []
    addresses = [p.fixed_ips[0]['ip_address'] for p in
                 objects.PortList.get_by_filters(user_context, {})]
    assert sorted(addresses) == ['10.254.3.%d' % i for i in range(2, 7)]


def test_a_failed_allocation_unbinds_the_users_port_it_took(
        api, network, user_context, admin_context):
    port = objects.Port(admin_context, network_id=network.uuid,
                        project_id=user_context.project_id, device_id='')
    port.create()
    inst = fakes.instance(user_context, fakes.flavor())
    with pytest.raises(exception.NetworkNotFound):
        api.allocate_for_instance(user_context, inst, requests(
            {'port_id': port.uuid},
            {'network_id': 'a0b0c0d0-0000-4000-8000-000000000000'}))
    port = objects.Port.get_by_uuid(admin_context, port.uuid)
    assert (port.device_id, port.binding_host_id) == ('', None)


def test_deallocate_deletes_nova_ports_and_keeps_the_users_unbound(
        api, network, user_context, admin_context):
    mine = objects.Port(admin_context, network_id=network.uuid,
                        project_id=user_context.project_id, device_id='')
    mine.create(fixed_ip='10.254.3.6')
    inst = fakes.instance(user_context, fakes.flavor())
    nw_info = api.allocate_for_instance(
        user_context, inst, requests({'port_id': mine.uuid},
                                     {'network_id': network.uuid}))
    assert [vif.preserve_on_delete for vif in nw_info] == [True, False]
    api.deallocate_for_instance(user_context, inst)
    remaining = objects.PortList.get_by_filters(admin_context, {})
    assert [(p.uuid, p.device_id) for p in remaining] == [(mine.uuid, '')]
    assert remaining[0].fixed_ips[0]['ip_address'] == '10.254.3.6'
    assert objects.InstanceInfoCache.get_by_instance_uuid(
        user_context, inst.uuid).network_info == ()


def test_a_port_bound_to_another_server_cannot_be_taken(
        api, network, user_context, admin_context):
    port = objects.Port(admin_context, network_id=network.uuid,
                        project_id=user_context.project_id, device_id='')
    port.create()
    first = fakes.instance(user_context, fakes.flavor())
    api.allocate_for_instance(user_context, first,
                              requests({'port_id': port.uuid}))
    second = fakes.instance(user_context, fakes.flavor())
    with pytest.raises(exception.PortInUse):
        api.allocate_for_instance(user_context, second,
                                  requests({'port_id': port.uuid}))
    assert objects.Port.get_by_uuid(admin_context,
                                    port.uuid).device_id == first.uuid


def test_two_allocations_of_one_address_are_refused_by_the_database(
        network, admin_context):
    port = objects.Port(admin_context, network_id=network.uuid, device_id='')
    port.create(fixed_ip='10.254.3.4')
    subnet_id = network.subnets[0].uuid
    with pytest.raises(db_exc.DBDuplicateEntry):
        with db_api.context_manager.writer.using(admin_context) as s:
            s.add(models.IPAllocation(port_id=port.uuid, subnet_id=subnet_id,
                                      network_id=network.uuid,
                                      ip_address='10.254.3.4'))
            s.flush()


def test_an_address_taken_by_a_concurrent_boot_is_retried(
        api, network, user_context, monkeypatch):
    # Another transaction commits .2 after this one chose it: the insert
    # hits the unique constraint and the allocation starts again.
    pick = network_db._pick_address
    calls = []

    def stale_pick(context, subnet):
        calls.append(1)
        if len(calls) == 1:
            other = objects.Port(nova_context.get_admin_context(),
                                 network_id=network.uuid, device_id='')
            other.create(fixed_ip='10.254.3.2')
            return '10.254.3.2'
        return pick(context, subnet)

    monkeypatch.setattr(network_db, '_pick_address', stale_pick)
    inst = fakes.instance(user_context, fakes.flavor())
    nw_info = api.allocate_for_instance(user_context, inst,
                                        requests('auto'))
    assert nw_info.fixed_ips()[0].address == '10.254.3.3'
    assert len(calls) == 2


@pytest.mark.parametrize('networks,error', [
    (('auto',), None),
    (({'network_id': '6b2b5b4e-1111-4111-8111-111111111111'},),
     exception.NetworkNotFound),
    (({'network_id': 'NET', 'address': '10.254.9.9'},),
     exception.InvalidInput),
    (({'port_id': '6b2b5b4e-2222-4222-8222-222222222222'},),
     exception.PortNotFound),
])
def test_validate_networks(api, network, user_context, networks, error):
    networks = [dict(n, network_id=network.uuid)
                if isinstance(n, dict) and n.get('network_id') == 'NET'
                else n for n in networks]
    if error is None:
        assert api.validate_networks(user_context, requests(*networks),
                                     3) == 3
    else:
        with pytest.raises(error):
            api.validate_networks(user_context, requests(*networks), 1)


def test_auto_with_two_networks_is_ambiguous(api, network, user_context,
                                             admin_context):
    other = objects.Network(admin_context, name='other')
    other.create(cidr='10.254.4.0/24', gateway_ip='10.254.4.1')
    with pytest.raises(exception.NetworkAmbiguous) as err:
        api.validate_networks(user_context, requests('auto'), 1)
    assert err.value.format_message() == (
        'Multiple possible networks found, use a Network ID to be more '
        'specific.')


def test_another_projects_network_is_not_found(api, db, user_context,
                                               admin_context):
    private = objects.Network(admin_context, name='theirs',
                              project_id='other', shared=False)
    private.create(cidr='10.254.5.0/24', gateway_ip='10.254.5.1')
    with pytest.raises(exception.NetworkNotFound):
        api.validate_networks(
            user_context, requests({'network_id': private.uuid}), 1)


def test_a_network_with_ports_cannot_be_deleted(api, network, user_context):
    inst = fakes.instance(user_context, fakes.flavor())
    api.allocate_for_instance(user_context, inst, requests('auto'))
    with pytest.raises(exception.NetworkInUse):
        network.destroy()
    api.deallocate_for_instance(user_context, inst)
    network.destroy()
    assert objects.NetworkList.get_all(user_context).objects == []


def test_overlapping_subnets_and_shared_bridges_are_refused(
        network, admin_context):
    overlapping = objects.Network(admin_context, name='overlap')
    with pytest.raises(exception.InvalidNetwork) as err:
        overlapping.create(cidr='10.254.3.0/28', gateway_ip='10.254.3.1')
    assert 'overlaps' in err.value.format_message()
    same_bridge = objects.Network(admin_context, name='twin',
                                  bridge=network.bridge)
    with pytest.raises(exception.InvalidNetwork) as err:
        same_bridge.create(cidr='10.254.9.0/24', gateway_ip='10.254.9.1')
    assert network.bridge in err.value.format_message()
    assert [n.name for n in objects.NetworkList.get_all(admin_context)] == \
        ['private']


def test_an_admin_auto_boot_ignores_other_projects_networks(
        api, network, admin_context):
    private = objects.Network(admin_context, name='theirs',
                              project_id='other', shared=False)
    private.create(cidr='10.254.5.0/24', gateway_ip='10.254.5.1')
    admin = nova_context.RequestContext(user_id='admin', project_id='admin',
                                        is_admin=True)
    inst = fakes.instance(admin, fakes.flavor())
    [vif] = api.allocate_for_instance(admin, inst, requests('auto'))
    assert vif.network.id == network.uuid


def test_network_info_is_rebuilt_from_the_ports_when_the_cache_is_lost(
        api, network, user_context):
    inst = fakes.instance(user_context, fakes.flavor())
    nw_info = api.allocate_for_instance(user_context, inst,
                                        requests('auto'), bind_host_id='h1')
    objects.InstanceInfoCache.empty(user_context, inst.uuid).save()
    assert api.get_instance_nw_info(user_context, inst) == nw_info
    assert objects.InstanceInfoCache.get_by_instance_uuid(
        user_context, inst.uuid).network_info == nw_info
