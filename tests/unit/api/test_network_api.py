"""The read-only Networking API (Neutron v2.0) under /network."""

import pytest

from nova_lite.api.network import networks
from nova_lite import objects
from tests.unit.api import make_network

INSTANCE_ID = '11111111-2222-4333-8444-555555555555'


def make_port(context, network, project_id='demo-project', **values):
    fixed_ip = values.pop('fixed_ip', None)
    port = objects.Port(context, network_id=network.uuid, device_id='',
                        device_owner='', project_id=project_id, **values)
    port.create(fixed_ip=fixed_ip)
    return port


def neutron_error(error_type, message):
    return {'NeutronError': {'type': error_type, 'message': message,
                             'detail': ''}}


def ids(body, collection):
    return [item['id'] for item in body[collection]]


@pytest.fixture
def project_network(admin_context):
    """A network of another project, not shared."""
    return make_network(admin_context, name='theirs', cidr='10.254.9.0/24',
                        gateway='10.254.9.1', project_id='other-project',
                        shared=False)


# versions

@pytest.mark.parametrize('path', ['/network', '/network/'])
def test_root_lists_the_version_without_authentication(client, path):
    resp = client.as_user(None).get(path)

    assert resp.status_int == 200
    assert resp.json == {'versions': [{
        'id': 'v2.0', 'status': 'CURRENT',
        'links': [{'rel': 'self',
                   'href': 'http://localhost/network/v2.0/'}]}]}


def test_the_resources_need_a_token(client):
    resp = client.as_user(None).get('/network/v2.0/networks')

    assert resp.status_int == 401


# networks

def test_show_returns_the_neutron_network_document(client, network):
    resp = client.get('/network/v2.0/networks/%s' % network.uuid)

    assert resp.status_int == 200
    assert resp.content_type == 'application/json'
    assert resp.json == {'network': {
        'id': network.uuid, 'name': 'private', 'description': '',
        'status': 'ACTIVE', 'admin_state_up': True, 'shared': True,
        'tenant_id': None, 'project_id': None,
        'subnets': [network.subnets[0].uuid], 'mtu': 1500,
        'router:external': False, 'availability_zone_hints': [],
        'availability_zones': [], 'ipv4_address_scope': None,
        'ipv6_address_scope': None, 'tags': []}}


def test_a_network_shows_its_own_mtu(client, admin_context):
    network = make_network(admin_context, name='jumbo', cidr='10.254.7.0/24',
                           gateway='10.254.7.1', mtu=9000)

    body = client.get('/network/v2.0/networks/%s' % network.uuid).json

    assert body['network']['mtu'] == 9000


def test_list_gives_the_network_documents(client, network):
    resp = client.get('/network/v2.0/networks')

    assert resp.status_int == 200
    assert resp.json == {'networks': [client.get(
        '/network/v2.0/networks/%s' % network.uuid).json['network']]}


def test_a_missing_network_is_neutrons_not_found(client, network):
    resp = client.get('/network/v2.0/networks/private')

    assert resp.status_int == 404
    assert resp.json == neutron_error('NetworkNotFound',
                                      'Network private could not be found.')


def test_another_projects_network_is_not_found(client, admin,
                                               project_network):
    path = '/network/v2.0/networks/%s' % project_network.uuid

    assert client.get(path).json == neutron_error(
        'NetworkNotFound',
        'Network %s could not be found.' % project_network.uuid)
    assert admin.get(path).status_int == 200


def test_list_has_the_shared_networks_and_the_projects_own(
        client, admin, admin_context, network, project_network):
    mine = make_network(admin_context, name='mine', cidr='10.254.8.0/24',
                        gateway='10.254.8.1', project_id='demo-project',
                        shared=False)

    assert ids(client.get('/network/v2.0/networks').json, 'networks') == [
        network.uuid, mine.uuid]
    assert ids(admin.get('/network/v2.0/networks').json, 'networks') == [
        network.uuid, project_network.uuid, mine.uuid]


@pytest.mark.parametrize('query, names', [
    ('name=theirs', ['theirs']),
    ('shared=false', ['theirs']),
    ('shared=True', ['private']),
    ('router:external=False', ['private', 'theirs'])])
def test_list_filters_networks_by_attribute(admin, network, project_network,
                                            query, names):
    body = admin.get('/network/v2.0/networks?' + query).json

    assert [n['name'] for n in body['networks']] == names


def test_a_repeated_filter_accepts_any_of_its_values(admin, network,
                                                     project_network):
    body = admin.get('/network/v2.0/networks?id=%s&id=%s' % (
        network.uuid, project_network.uuid)).json

    assert ids(body, 'networks') == [network.uuid, project_network.uuid]


def test_an_unknown_filter_is_ignored(client, network):
    body = client.get('/network/v2.0/networks?colour=blue').json

    assert ids(body, 'networks') == [network.uuid]


def test_a_name_matching_nothing_gives_an_empty_list(client, network):
    resp = client.get('/network/v2.0/networks?name=public')

    assert resp.status_int == 200
    assert resp.json == {'networks': []}


def test_fields_keep_only_the_attributes_asked_for(client, network):
    body = client.get('/network/v2.0/networks?fields=id&fields=name').json

    assert body == {'networks': [{'id': network.uuid, 'name': 'private'}]}


def test_list_pages_with_limit_marker_and_links(admin, network,
                                                project_network):
    first = admin.get('/network/v2.0/networks?limit=1').json
    assert ids(first, 'networks') == [network.uuid]
    assert first['networks_links'] == [{
        'rel': 'next',
        'href': 'http://localhost/network/v2.0/networks?limit=1&marker=%s'
                % network.uuid}]

    second = admin.get('/network/v2.0/networks?limit=1&marker=%s'
                       % network.uuid).json
    assert ids(second, 'networks') == [project_network.uuid]
    assert 'networks_links' not in second


@pytest.mark.parametrize('query', ['limit=x', 'limit=-1', 'marker=nope'])
def test_bad_paging_is_neutrons_bad_request(client, network, query):
    resp = client.get('/network/v2.0/networks?' + query)

    assert resp.status_int == 400
    assert resp.json['NeutronError']['type'] == 'BadRequest'


# subnets

def test_show_returns_the_neutron_subnet_document(client, network):
    subnet = network.subnets[0]

    resp = client.get('/network/v2.0/subnets/%s' % subnet.uuid)

    assert resp.status_int == 200
    assert resp.json == {'subnet': {
        'id': subnet.uuid, 'name': '', 'description': '',
        'network_id': network.uuid, 'tenant_id': None, 'project_id': None,
        'ip_version': 4, 'cidr': '10.254.0.0/24', 'gateway_ip': '10.254.0.1',
        'enable_dhcp': True, 'dns_nameservers': [],
        'allocation_pools': [{'start': '10.254.0.2',
                              'end': '10.254.0.254'}],
        'host_routes': [], 'ipv6_ra_mode': None, 'ipv6_address_mode': None,
        'subnetpool_id': None, 'service_types': [], 'tags': []}}


def test_subnets_list_those_of_the_visible_networks(client, admin, network,
                                                    project_network):
    assert ids(client.get('/network/v2.0/subnets').json, 'subnets') == [
        network.subnets[0].uuid]
    assert ids(admin.get('/network/v2.0/subnets').json, 'subnets') == [
        network.subnets[0].uuid, project_network.subnets[0].uuid]


def test_subnets_filter_by_network(admin, network, project_network):
    body = admin.get('/network/v2.0/subnets?network_id=%s'
                     % project_network.uuid).json

    assert ids(body, 'subnets') == [project_network.subnets[0].uuid]


def test_a_subnet_of_another_projects_network_is_not_found(client,
                                                           project_network):
    subnet_id = project_network.subnets[0].uuid

    resp = client.get('/network/v2.0/subnets/%s' % subnet_id)

    assert resp.status_int == 404
    assert resp.json == neutron_error(
        'SubnetNotFound', 'Subnet %s could not be found.' % subnet_id)


@pytest.mark.parametrize('cidr, gateway, pools', [
    ('10.0.0.0/24', '10.0.0.1', [('10.0.0.2', '10.0.0.254')]),
    ('10.0.0.0/24', '10.0.0.254', [('10.0.0.1', '10.0.0.253')]),
    ('10.0.0.0/24', '10.0.0.100', [('10.0.0.1', '10.0.0.99'),
                                   ('10.0.0.101', '10.0.0.254')]),
    ('10.0.0.0/29', None, [('10.0.0.1', '10.0.0.6')]),
])
def test_allocation_pools_are_the_host_addresses_but_the_gateway(
        cidr, gateway, pools):
    assert networks.allocation_pools(cidr, gateway) == [
        {'start': start, 'end': end} for start, end in pools]


# ports

def test_show_returns_the_neutron_port_document(client, admin_context,
                                                network):
    port = make_port(admin_context, network, name='p1',
                     fixed_ip='10.254.0.9')
    port.bind(INSTANCE_ID, 'compute1')

    resp = client.get('/network/v2.0/ports/%s' % port.uuid)

    assert resp.status_int == 200
    assert resp.json == {'port': {
        'id': port.uuid, 'name': 'p1', 'description': '',
        'network_id': network.uuid, 'tenant_id': 'demo-project',
        'project_id': 'demo-project', 'mac_address': port.mac_address,
        'fixed_ips': [{'subnet_id': network.subnets[0].uuid,
                       'ip_address': '10.254.0.9'}],
        'device_id': INSTANCE_ID, 'device_owner': 'compute:nova',
        'binding:host_id': 'compute1', 'binding:vif_type': 'bridge',
        'binding:vnic_type': 'normal', 'status': 'DOWN',
        'admin_state_up': True, 'security_groups': [],
        'allowed_address_pairs': [], 'extra_dhcp_opts': [], 'tags': []}}


def test_ports_list_the_projects_own_and_the_unowned(client, admin,
                                                     admin_context, network):
    mine = make_port(admin_context, network)
    unowned = make_port(admin_context, network, project_id=None)
    theirs = make_port(admin_context, network, project_id='other-project')

    assert ids(client.get('/network/v2.0/ports').json, 'ports') == [
        mine.uuid, unowned.uuid]
    assert ids(admin.get('/network/v2.0/ports').json, 'ports') == [
        mine.uuid, unowned.uuid, theirs.uuid]


def test_another_projects_port_is_not_found(client, admin_context, network):
    port = make_port(admin_context, network, project_id='other-project')

    resp = client.get('/network/v2.0/ports/%s' % port.uuid)

    assert resp.status_int == 404
    assert resp.json == neutron_error(
        'PortNotFound', 'Port %s could not be found.' % port.uuid)


def test_ports_filter_by_device(client, admin_context, network):
    bound = make_port(admin_context, network)
    bound.bind(INSTANCE_ID, 'compute1')
    make_port(admin_context, network)

    body = client.get('/network/v2.0/ports?device_id=%s' % INSTANCE_ID).json

    assert ids(body, 'ports') == [bound.uuid]


def test_ports_filter_by_network(client, admin_context, network):
    other = make_network(admin_context, name='other', cidr='10.254.7.0/24',
                         gateway='10.254.7.1')
    make_port(admin_context, network)
    port = make_port(admin_context, other)

    body = client.get('/network/v2.0/ports?network_id=%s' % other.uuid).json

    assert ids(body, 'ports') == [port.uuid]


def test_ports_filter_by_fixed_ip_address(client, admin_context, network):
    make_port(admin_context, network, fixed_ip='10.254.0.8')
    port = make_port(admin_context, network, fixed_ip='10.254.0.9')

    body = client.get('/network/v2.0/ports?fixed_ips=ip_address%3D'
                      '10.254.0.9').json

    assert ids(body, 'ports') == [port.uuid]


def test_a_bad_fixed_ips_filter_is_a_bad_request(client, network):
    resp = client.get('/network/v2.0/ports?fixed_ips=10.254.0.9')

    assert resp.status_int == 400
    assert resp.json['NeutronError']['type'] == 'BadRequest'


# the rest

def test_there_is_no_security_group(client):
    assert client.get('/network/v2.0/security-groups').json == {
        'security_groups': []}
    assert client.get('/network/v2.0/security-groups/default').json == \
        neutron_error('SecurityGroupNotFound',
                      'Security group default does not exist')


def test_extensions_list_those_whose_attributes_are_shown(client):
    body = client.get('/network/v2.0/extensions').json

    assert sorted(e['alias'] for e in body['extensions']) == [
        'binding', 'external-net', 'network-mtu', 'project-id']
    assert client.get('/network/v2.0/extensions/network-mtu').json[
        'extension']['name'] == 'Network MTU'
    assert client.get('/network/v2.0/extensions/qos').status_int == 404


@pytest.mark.parametrize('method, path', [
    ('POST', '/network/v2.0/networks'),
    ('PUT', '/network/v2.0/networks/%(network)s'),
    ('DELETE', '/network/v2.0/networks/%(network)s'),
    ('POST', '/network/v2.0/subnets'),
    ('POST', '/network/v2.0/ports'),
    ('PUT', '/network/v2.0/ports/x'),
    ('DELETE', '/network/v2.0/ports/x')])
def test_the_api_is_read_only(client, network, method, path):
    resp = client.request(method, path % {'network': network.uuid})

    assert resp.status_int == 405
    assert resp.headers['Allow'] == 'GET'
    assert resp.json['NeutronError']['type'] == 'HTTPMethodNotAllowed'
    assert 'nova-lite-manage' in resp.json['NeutronError']['message']


@pytest.mark.parametrize('path', [
    '/network/v2.0/routers', '/network/v2.0/floatingips',
    '/network/v1.0/networks', '/network/v2.0/networks/x/y'])
def test_other_paths_are_not_found(client, path):
    resp = client.get(path)

    assert resp.status_int == 404
    assert resp.json['NeutronError']['type'] == 'HTTPNotFound'
