"""Networks on POST /servers, a server's addresses, /ips and os-interface,
as Nova answers them (bodies checked with tempest.lib's schemas)."""

from oslo_utils import uuidutils
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import interfaces
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_70 import (
    interfaces as v270_interfaces)
from tempest.lib.api_schema.response.compute.v2_79 import servers as v279

from nova_lite.compute import vm_states
from nova_lite.network import api as network_api
from nova_lite import objects
from tests.unit import api as api_helpers
from tests.unit.api import create_body
from tests.unit.api import make_instance


def _port(context, network, **values):
    port = objects.Port(context, network_id=network.uuid, device_id='',
                        project_id='demo-project', **values)
    port.create(fixed_ip=values.pop('fixed_ip', None))
    return port


def _nothing_recorded(admin_context):
    assert objects.InstanceList.get_by_filters(admin_context, {}) \
        .objects == []


def _refused(resp, code, message, admin_context, ports_before=0):
    name = {400: 'badRequest', 409: 'conflictingRequest'}[code]
    assert resp.status_int == code, resp.body
    assert resp.json[name]['message'] == message
    _nothing_recorded(admin_context)
    assert len(objects.PortList.get_by_filters(admin_context, {})) == \
        ports_before


# create

def test_unknown_network_is_a_bad_request(client, flavor, image,
                                          admin_context):
    net_id = uuidutils.generate_uuid()
    resp = client.post('/v2.1/servers',
                       create_body(networks=[{'uuid': net_id}]))
    _refused(resp, 400, 'Network %s could not be found.' % net_id,
             admin_context)


def test_fixed_ip_in_use_is_a_bad_request(client, flavor, image, network,
                                          admin_context):
    holder = _port(admin_context, network, fixed_ip='10.254.0.9')
    holder.bind('11111111-2222-4333-8444-555555555555', 'h1')
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'uuid': network.uuid, 'fixed_ip': '10.254.0.9'}]))
    _refused(resp, 400, 'Fixed IP address 10.254.0.9 is already in use on '
             'instance 11111111-2222-4333-8444-555555555555.',
             admin_context, ports_before=1)


def test_fixed_ip_outside_the_subnet_is_a_bad_request(client, flavor, image,
                                                      network, admin_context):
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'uuid': network.uuid, 'fixed_ip': '192.0.2.10'}]))
    _refused(resp, 400, 'Invalid input received: Fixed IP 192.0.2.10 is not '
             'a valid ip address for network %s.' % network.uuid,
             admin_context)


def test_port_in_use_is_a_conflict(client, flavor, image, network,
                                   admin_context):
    port = _port(admin_context, network)
    port.bind('11111111-2222-4333-8444-555555555555', 'h1')
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'port': port.uuid}]))
    _refused(resp, 409, 'Port %s is still in use.' % port.uuid,
             admin_context, ports_before=1)


def test_unknown_port_is_a_bad_request(client, flavor, image, admin_context):
    port_id = uuidutils.generate_uuid()
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'port': port_id}]))
    _refused(resp, 400, 'Port id %s could not be found.' % port_id,
             admin_context)


def test_auto_with_two_networks_is_a_conflict(client, flavor, image,
                                              admin_context):
    api_helpers.make_network(admin_context, name='second',
                             cidr='10.254.1.0/24', gateway='10.254.1.1')
    resp = client.at_version('2.37').post('/v2.1/servers',
                                          create_body(networks='auto'))
    _refused(resp, 409, 'Multiple possible networks found, use a Network '
             'ID to be more specific.', admin_context)


def test_several_servers_with_one_fixed_ip_is_a_bad_request(
        client, flavor, image, network, admin_context):
    resp = client.post('/v2.1/servers', create_body(
        max_count=2,
        networks=[{'uuid': network.uuid, 'fixed_ip': '10.254.0.7'}]))
    _refused(resp, 400, 'Failed to launch instances: max_count cannot be '
             'greater than 1 if an fixed_ip is specified.', admin_context)


def test_the_same_port_twice_is_a_bad_request(client, flavor, image,
                                              network, admin_context):
    port = _port(admin_context, network)
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'port': port.uuid}, {'port': port.uuid}]))
    _refused(resp, 400, "Port ID '%s' was specified twice: you cannot "
             "attach a port multiple times." % port.uuid, admin_context,
             ports_before=1)


def test_networks_none_boots_with_no_network(client, flavor, image):
    resp = client.at_version('2.37').post('/v2.1/servers',
                                          create_body(networks='none'))
    assert resp.status_int == 202


# addresses

@pytest.fixture
def active_server(network, flavor):
    """An ACTIVE server with a port on the network, as a build leaves it."""
    context = api_helpers.nova_context.RequestContext(
        user_id='demo', project_id='demo-project')
    instance = make_instance(flavor, vm_state=vm_states.ACTIVE,
                             task_state=None, host='h1', node='h1')
    net_api = network_api.API()
    nw_info = net_api.allocate_for_instance(
        context, instance, objects.NetworkRequestList.from_api('auto'),
        bind_host_id='h1')
    net_api.set_ports_active(context, instance, nw_info)
    return instance


def test_show_gives_the_addresses_with_type_and_mac(client, active_server,
                                                    network, admin_context):
    resp = client.at_version('2.79').get(
        '/v2.1/servers/%s' % active_server.uuid)
    api_helpers.tempest_validate(v279.get_server, resp)
    [port] = objects.PortList.get_by_filters(
        admin_context, {'device_id': active_server.uuid})
    assert resp.json['server']['addresses'] == {'private': [{
        'version': 4, 'addr': '10.254.0.2', 'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': port.mac_address}]}


def test_detail_lists_the_addresses(client, active_server):
    resp = client.get('/v2.1/servers/detail')
    api_helpers.tempest_validate(v21.list_servers_detail, resp)
    [server] = resp.json['servers']
    assert server['addresses']['private'][0]['addr'] == '10.254.0.2'


def test_a_building_server_shows_no_addresses(client, network, flavor):
    instance = make_instance(flavor, vm_state=vm_states.BUILDING,
                             task_state='networking')
    network_api.API().allocate_for_instance(
        api_helpers.nova_context.get_admin_context(), instance,
        objects.NetworkRequestList.from_api('auto'))
    resp = client.get('/v2.1/servers/%s' % instance.uuid)
    assert resp.json['server']['addresses'] == {}


def test_ips_lists_version_and_addr_by_network(client, active_server):
    resp = client.get('/v2.1/servers/%s/ips' % active_server.uuid)
    api_helpers.tempest_validate(v21.list_addresses, resp)
    assert resp.json == {'addresses': {'private': [
        {'version': 4, 'addr': '10.254.0.2'}]}}
    resp = client.get('/v2.1/servers/%s/ips/private' % active_server.uuid)
    api_helpers.tempest_validate(v21.list_addresses_by_network, resp)
    assert resp.json == {'private': [{'version': 4, 'addr': '10.254.0.2'}]}


def test_ips_of_another_network_is_not_found(client, active_server):
    resp = client.get('/v2.1/servers/%s/ips/public' % active_server.uuid)
    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == \
        'Instance is not a member of specified network'


# os-interface

def test_interfaces_list_the_servers_ports(client, active_server, network,
                                           admin_context):
    resp = client.get('/v2.1/servers/%s/os-interface' % active_server.uuid)
    api_helpers.tempest_validate(interfaces.list_interfaces, resp)
    [port] = objects.PortList.get_by_filters(
        admin_context, {'device_id': active_server.uuid})
    assert resp.json == {'interfaceAttachments': [{
        'net_id': network.uuid, 'port_id': port.uuid,
        'mac_addr': port.mac_address, 'port_state': 'ACTIVE',
        'fixed_ips': [{'subnet_id': network.subnets[0].uuid,
                       'ip_address': '10.254.0.2'}]}]}


def test_interface_show_from_2_70_has_a_tag(client, active_server,
                                            admin_context):
    [port] = objects.PortList.get_by_filters(
        admin_context, {'device_id': active_server.uuid})
    resp = client.at_version('2.70').get(
        '/v2.1/servers/%s/os-interface/%s' % (active_server.uuid, port.uuid))
    api_helpers.tempest_validate(v270_interfaces.get_create_interfaces,
                                 resp)
    assert resp.json['interfaceAttachment']['tag'] is None
    assert resp.json['interfaceAttachment']['port_id'] == port.uuid


def test_interface_of_another_server_is_not_found(client, active_server,
                                                  network, admin_context):
    other = _port(admin_context, network)
    resp = client.get('/v2.1/servers/%s/os-interface/%s' % (
        active_server.uuid, other.uuid))
    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Instance %s does not have a port with id %s' % (active_server.uuid,
                                                         other.uuid))


def test_interfaces_of_another_projects_server_are_not_found(
        client, active_server):
    resp = client.as_user('eve:other').get(
        '/v2.1/servers/%s/os-interface' % active_server.uuid)
    assert resp.status_int == 404


# listing by address

def test_list_by_ip_matches_from_the_start_of_the_address(
        client, active_server, flavor, network):
    context = api_helpers.nova_context.get_admin_context()
    other = make_instance(flavor, vm_state=vm_states.ACTIVE, task_state=None)
    network_api.API().allocate_for_instance(
        context, other, objects.NetworkRequestList.from_api([
            {'network_id': network.uuid, 'address': '10.254.0.20'}]))
    listed = [s['id'] for s in client.get(
        '/v2.1/servers?ip=10.254.0.2').json['servers']]
    assert sorted(listed) == sorted([active_server.uuid, other.uuid])
    listed = [s['id'] for s in client.get(
        '/v2.1/servers?ip=10.254.0.2$').json['servers']]
    assert listed == [active_server.uuid]
    assert client.get('/v2.1/servers?ip=10.9').json == {'servers': []}
    assert client.at_version('2.5').get(
        '/v2.1/servers?ip6=fe80').json == {'servers': []}


def test_list_by_ip_honours_the_limit(client, active_server, flavor,
                                      network):
    context = api_helpers.nova_context.get_admin_context()
    other = make_instance(flavor, vm_state=vm_states.ACTIVE, task_state=None)
    network_api.API().allocate_for_instance(
        context, other, objects.NetworkRequestList.from_api('auto'))
    resp = client.get('/v2.1/servers?ip=10.254&limit=1')
    assert len(resp.json['servers']) == 1


def test_deleting_a_server_with_no_host_gives_back_its_ports(
        client, network, flavor, admin_context):
    instance = make_instance(flavor, vm_state=vm_states.ERROR,
                             task_state=None, host=None)
    network_api.API().allocate_for_instance(
        admin_context, instance,
        objects.NetworkRequestList.from_api('auto'))
    assert client.delete('/v2.1/servers/%s' % instance.uuid).status_int == \
        204
    assert objects.PortList.get_by_filters(admin_context, {}).objects == []


def test_the_gateway_address_is_in_use(client, flavor, image, network,
                                       admin_context):
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'uuid': network.uuid, 'fixed_ip': '10.254.0.1'}]))
    _refused(resp, 400, 'Fixed IP 10.254.0.1 is already in use.',
             admin_context)
