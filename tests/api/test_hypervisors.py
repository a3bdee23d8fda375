"""/os-hypervisors (admins): the compute nodes, their use, their servers,
and the totals; integer ids before 2.53, uuids from it."""

import uuid

import pytest

from tests.api import clients


def _hypervisors(user, detail=False, **params):
    return user.hypervisors.list_hypervisors(detail=detail,
                                             **params)['hypervisors']


def _node_of(admin, server):
    shown = admin.servers.show_server(server['id'])['server']
    return shown['OS-EXT-SRV-ATTR:hypervisor_hostname']


def test_list_shows_a_node_per_compute_host_up(admin):
    hypervisors = _hypervisors(admin)
    assert len(hypervisors) == 2
    assert {(h['state'], h['status']) for h in hypervisors} == {
        ('up', 'enabled')}


def test_detail_shows_the_use_of_each_node(admin, server_a):
    nodes = {h['hypervisor_hostname']: h
             for h in _hypervisors(admin, detail=True)}
    node = nodes[_node_of(admin, server_a)]
    assert node['running_vms'] >= 1
    assert node['memory_mb_used'] >= 128


def test_show_shows_one_node(admin):
    listed = _hypervisors(admin)[0]
    shown = admin.hypervisors.show_hypervisor(listed['id'])['hypervisor']
    assert shown['hypervisor_hostname'] == listed['hypervisor_hostname']


def test_show_of_an_unknown_id_is_404(admin):
    with clients.refused(404, "Hypervisor with ID '9999' could not be "
                              "found."):
        admin.hypervisors.show_hypervisor(9999)


def test_statistics_count_the_nodes(admin):
    statistics = admin.hypervisors.show_hypervisor_statistics()[
        'hypervisor_statistics']
    assert statistics['count'] == 2
    assert statistics['running_vms'] >= 1


def test_uptime_of_a_node(admin):
    listed = _hypervisors(admin)[0]
    uptime = admin.hypervisors.show_hypervisor_uptime(
        listed['id'])['hypervisor']
    assert uptime['hypervisor_hostname'] == listed['hypervisor_hostname']


def test_search_finds_nodes_by_name_before_2_53(admin, server_a):
    node = _node_of(admin, server_a)
    found = admin.hypervisors.search_hypervisor(node)['hypervisors']
    assert [h['hypervisor_hostname'] for h in found] == [node]


def test_search_matching_nothing_is_404(admin):
    with clients.refused(404, "No hypervisor matching 'nothing' could be "
                              "found."):
        admin.hypervisors.search_hypervisor('nothing')


def test_servers_of_a_node_before_2_53(admin, server_a):
    node = _node_of(admin, server_a)
    [hypervisor] = admin.hypervisors.list_servers_on_hypervisor(node)[
        'hypervisors']
    assert server_a['id'] in [s['uuid'] for s in hypervisor['servers']]


@pytest.mark.microversion('2.33')
def test_list_is_paged_from_2_33(admin):
    first = admin.hypervisors.list_hypervisors(limit=1)
    [hypervisor] = first['hypervisors']
    [link] = first['hypervisors_links']
    assert 'marker=%s' % hypervisor['id'] in link['href']
    rest = _hypervisors(admin, marker=hypervisor['id'])
    assert [h['id'] for h in rest] != [hypervisor['id']] and len(rest) == 1


@pytest.mark.microversion('2.53')
def test_ids_are_uuids_from_2_53(admin):
    for hypervisor in _hypervisors(admin):
        uuid.UUID(hypervisor['id'])


@pytest.mark.microversion('2.53')
def test_list_with_servers_by_name_pattern_from_2_53(admin, server_a):
    node = _node_of(admin, server_a)
    [hypervisor] = _hypervisors(admin, hypervisor_hostname_pattern=node,
                                with_servers=True)
    assert server_a['id'] in [s['uuid'] for s in hypervisor['servers']]


@pytest.mark.microversion('2.53')
def test_with_servers_not_a_boolean_is_400_from_2_53(admin):
    with clients.refused(400) as refusal:
        _hypervisors(admin, with_servers='perhaps')
    assert 'Invalid input for query parameters with_servers' in \
        refusal.message


@pytest.mark.microversion('2.53')
def test_show_of_an_integer_id_is_400_from_2_53(admin):
    with clients.refused(400, 'Invalid uuid 1'):
        admin.hypervisors.show_hypervisor(1)


@pytest.mark.microversion('2.53')
def test_search_is_gone_from_2_53(admin):
    with clients.refused(404):
        admin.hypervisors.search_hypervisor('compute')


def test_member_cannot_list_hypervisors(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-hypervisors:list')):
        _hypervisors(member_a)
