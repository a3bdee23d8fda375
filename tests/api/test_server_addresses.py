"""A server's addresses (/servers/{id}/ips) and its ports
(/servers/{id}/os-interface), for server A on the shared network."""

import ipaddress
import uuid

import pytest

from tests.api import clients


def test_ips_lists_the_addresses_by_network(member_a, server_a):
    addresses = member_a.servers.list_addresses(server_a['id'])['addresses']
    [address] = addresses['private']
    assert address['version'] == 4
    assert ipaddress.ip_address(address['addr']) in \
        ipaddress.ip_network('10.254.100.0/24')


def test_ips_agree_with_the_server_document(member_a, server_a):
    addresses = member_a.servers.list_addresses(server_a['id'])['addresses']
    shown = member_a.servers.show_server(server_a['id'])['server']
    assert [a['addr'] for a in addresses['private']] == \
        [a['addr'] for a in shown['addresses']['private']]


def test_ips_of_one_network(member_a, server_a):
    by_network = member_a.servers.list_addresses_by_network(
        server_a['id'], 'private')
    assert list(by_network) == ['private']


def test_ips_of_a_network_the_server_is_not_on_is_404(member_a, server_a):
    with clients.refused(404, 'Instance is not a member of specified '
                              'network'):
        member_a.servers.list_addresses_by_network(server_a['id'], 'public')


def test_ips_of_an_unknown_server_is_404(member_a):
    with clients.refused(404):
        member_a.servers.list_addresses(str(uuid.uuid4()))


def test_interfaces_list_the_server_port(member_a, server_a, cloud):
    [port] = member_a.interfaces.list_interfaces(
        server_a['id'])['interfaceAttachments']
    assert port['net_id'] == cloud.network_id
    assert port['port_state'] == 'ACTIVE'
    assert [ip['ip_address'] for ip in port['fixed_ips']] == [
        a['addr'] for a in member_a.servers.list_addresses(
            server_a['id'])['addresses']['private']]


def test_interface_shows_one_port(member_a, server_a):
    [port] = member_a.interfaces.list_interfaces(
        server_a['id'])['interfaceAttachments']
    shown = member_a.interfaces.show_interface(
        server_a['id'], port['port_id'])['interfaceAttachment']
    assert shown == port


@pytest.mark.microversion('2.70')
def test_interfaces_show_the_device_tag_from_2_70(member_a, server_a):
    [port] = member_a.interfaces.list_interfaces(
        server_a['id'])['interfaceAttachments']
    assert port['tag'] is None


def test_interface_of_an_unknown_port_is_404(member_a, server_a):
    with clients.refused(404):
        member_a.interfaces.show_interface(server_a['id'],
                                           str(uuid.uuid4()))


def test_interface_of_a_port_of_another_server_is_404(member_a, server_a,
                                                      boot):
    other = boot()
    [port] = member_a.interfaces.list_interfaces(
        server_a['id'])['interfaceAttachments']
    with clients.refused(404, 'Instance %s does not have a port with id %s'
                         % (other['id'], port['port_id'])):
        member_a.interfaces.show_interface(other['id'], port['port_id'])


@pytest.mark.microversion('2.37')
def test_a_server_booted_with_networks_none_has_no_interfaces(member_a,
                                                              boot):
    server = boot(networks='none')
    assert member_a.interfaces.list_interfaces(
        server['id'])['interfaceAttachments'] == []
