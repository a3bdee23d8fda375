"""The os-hypervisors API (admins only), as Nova answers it at each
microversion. Every success is checked against tempest.lib's response
schemas. (``uptime`` asks a running compute service: see
tests/functional/test_hypervisors.py.)"""

import copy
import json
from unittest import mock

import oslo_messaging as messaging
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import hypervisors as v21
from tempest.lib.api_schema.response.compute.v2_28 import hypervisors \
    as v228
from tempest.lib.api_schema.response.compute.v2_33 import hypervisors \
    as v233
from tempest.lib.api_schema.response.compute.v2_53 import hypervisors \
    as v253

from nova_lite.compute import rpcapi as compute_rpcapi
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import tempest_validate
from tests.unit import fakes

HYPERVISORS = '/v2.1/os-hypervisors'
UPTIME = ' 08:32:11 up 93 days, 18:25,  1 user,  load average: 0.20\n'


def _v288_schemas():
    """tempest.lib has no 2.88 schema (its client keeps 2.53's, which
    2.88 answers fail): 2.53's detailed hypervisor without the figures
    2.88 drops and with the uptime it adds, as Nova's own response
    schema (schemas/hypervisors.py, _hypervisor_detail_response_v288)."""
    detail = copy.deepcopy(v253.hypervisor_detail)
    for field in ('cpu_info', 'current_workload', 'disk_available_least',
                  'free_disk_gb', 'free_ram_mb', 'local_gb',
                  'local_gb_used', 'memory_mb', 'memory_mb_used',
                  'running_vms', 'vcpus', 'vcpus_used'):
        del detail['properties'][field]
        if field in detail['required']:
            detail['required'].remove(field)
    detail['properties']['uptime'] = {'type': ['string', 'null']}
    detail['required'].append('uptime')
    get_hypervisor = copy.deepcopy(v253.get_hypervisor)
    get_hypervisor['response_body']['properties']['hypervisor'] = detail
    list_detail = copy.deepcopy(v253.list_hypervisors_detail)
    list_detail['response_body']['properties']['hypervisors'][
        'items'] = detail
    return get_hypervisor, list_detail


GET_HYPERVISOR_V288, LIST_HYPERVISORS_DETAIL_V288 = _v288_schemas()


@pytest.fixture
def nodes(db, admin_context):
    """cmp1 (up, 8 vCPUs, 2 used by one server), cmp2 (down, disabled)."""
    result = {}
    for name, up, disabled in (('cmp1', True, False),
                               ('cmp2', False, True)):
        node = fakes.compute_host(admin_context, name, vcpus=8, up=up,
                                  disabled=disabled)
        node.host_ip = '192.0.2.%d' % (len(result) + 10)
        node.current_workload = 0
        node.disk_available_least = 20
        node.free_ram_mb = node.memory_mb
        node.free_disk_gb = node.local_gb
        node.hypervisor_type = 'QEMU'
        node.hypervisor_version = 8002000
        node.cpu_info = json.dumps({'arch': 'x86_64', 'model': 'qemu64'})
        node.save()
        result[name] = node
    result['cmp1'].vcpus_used = 2
    result['cmp1'].running_vms = 1
    result['cmp1'].save()
    return result


@pytest.fixture
def server(nodes, admin_context):
    return fakes.instance(admin_context,
                          fakes.flavor(admin_context, create=True),
                          host='cmp1', display_name='web1')


def test_list_shows_every_node_with_its_state_and_status(admin, nodes):
    resp = admin.get(HYPERVISORS)

    tempest_validate(v21.list_search_hypervisors, resp)
    assert resp.json == {'hypervisors': [
        {'id': nodes['cmp1'].id, 'hypervisor_hostname': 'cmp1',
         'state': 'up', 'status': 'enabled'},
        {'id': nodes['cmp2'].id, 'hypervisor_hostname': 'cmp2',
         'state': 'down', 'status': 'disabled'}]}


def test_detail_shows_what_the_resource_tracker_reported(admin, nodes,
                                                         admin_context):
    resp = admin.get(HYPERVISORS + '/detail')

    tempest_validate(v21.list_hypervisors_detail, resp)
    cmp1 = resp.json['hypervisors'][0]
    service = objects.Service.get_by_host_and_binary(
        admin_context, 'cmp1', 'nova-lite-compute')
    assert cmp1['service'] == {'id': service.id, 'host': 'cmp1',
                               'disabled_reason': None}
    assert (cmp1['vcpus'], cmp1['vcpus_used'], cmp1['running_vms'],
            cmp1['host_ip'], cmp1['hypervisor_type'],
            cmp1['disk_available_least']) == (8, 2, 1, '192.0.2.10', 'QEMU',
                                              20)
    assert json.loads(cmp1['cpu_info'])['model'] == 'qemu64'


def test_cpu_info_is_an_object_from_2_28(admin, nodes):
    resp = admin.at_version('2.28').get(HYPERVISORS + '/detail')

    tempest_validate(v228.list_hypervisors_detail, resp)
    assert resp.json['hypervisors'][0]['cpu_info'] == {
        'arch': 'x86_64', 'model': 'qemu64'}


def test_show_by_id_then_by_uuid_from_2_53(admin, nodes, admin_context):
    resp = admin.get('%s/%d' % (HYPERVISORS, nodes['cmp2'].id))

    tempest_validate(v21.get_hypervisor, resp)
    assert resp.json['hypervisor']['hypervisor_hostname'] == 'cmp2'

    resp = admin.at_version('2.53').get('%s/%s' % (HYPERVISORS,
                                                   nodes['cmp2'].uuid))

    tempest_validate(v253.get_hypervisor, resp)
    shown = resp.json['hypervisor']
    assert (shown['id'], shown['state'], shown['status']) == (
        nodes['cmp2'].uuid, 'down', 'disabled')
    assert shown['service']['id'] == objects.Service.get_by_host_and_binary(
        admin_context, 'cmp2', 'nova-lite-compute').uuid
    assert 'servers' not in shown


def test_show_refusals(admin, nodes):
    unknown = '6d4f1f8e-3d3b-4f0a-9a34-9c1f1f0b2c11'
    assert failed(admin.get(HYPERVISORS + '/abc')) == (
        404, "Hypervisor with ID 'abc' could not be found.")
    assert failed(admin.get(HYPERVISORS + '/999')) == (
        404, "Hypervisor with ID '999' could not be found.")
    admin = admin.at_version('2.53')
    assert failed(admin.get(HYPERVISORS + '/1')) == (
        400, 'Invalid uuid 1')
    assert failed(admin.get('%s/%s' % (HYPERVISORS, unknown))) == (
        404, "Hypervisor with ID '%s' could not be found." % unknown)
    resp = admin.get('%s/%s?with_servers=maybe' % (HYPERVISORS,
                                                   nodes['cmp1'].uuid))
    assert resp.status_int == 400


def test_with_servers_from_2_53_and_an_empty_list_from_2_75(admin, nodes,
                                                            server):
    resp = admin.at_version('2.53').get(
        '%s/%s?with_servers=true' % (HYPERVISORS, nodes['cmp1'].uuid))

    tempest_validate(v253.get_hypervisor, resp)
    assert resp.json['hypervisor']['servers'] == [
        {'name': 'web1', 'uuid': server.uuid}]

    resp = admin.at_version('2.53').get(HYPERVISORS + '?with_servers=1')
    tempest_validate(v253.list_search_hypervisors, resp)
    assert [h.get('servers') for h in resp.json['hypervisors']] == [
        [{'name': 'web1', 'uuid': server.uuid}], None]

    resp = admin.at_version('2.75').get(HYPERVISORS + '?with_servers=1')
    assert [h.get('servers') for h in resp.json['hypervisors']] == [
        [{'name': 'web1', 'uuid': server.uuid}], []]


def test_hostname_pattern_from_2_53(admin, nodes):
    admin = admin.at_version('2.53')
    resp = admin.get(HYPERVISORS + '/detail?hypervisor_hostname_pattern=p2')

    tempest_validate(v253.list_hypervisors_detail, resp)
    assert [h['hypervisor_hostname'] for h in resp.json['hypervisors']] == [
        'cmp2']
    assert 'hypervisors_links' not in resp.json
    assert failed(admin.get(
        HYPERVISORS + '?hypervisor_hostname_pattern=nope')) == (
        404, "No hypervisor matching 'nope' could be found.")
    assert failed(admin.get(
        HYPERVISORS + '?hypervisor_hostname_pattern=cmp&limit=1')) == (
        400, 'Paging over hypervisors with the hypervisor_hostname_pattern '
             'query parameter is not supported.')


def test_paging_from_2_33(admin, nodes):
    admin = admin.at_version('2.33')
    resp = admin.get(HYPERVISORS + '?limit=1')

    tempest_validate(v233.list_search_hypervisors, resp)
    assert [h['id'] for h in resp.json['hypervisors']] == [nodes['cmp1'].id]
    [link] = resp.json['hypervisors_links']
    assert link['rel'] == 'next'
    assert 'marker=%d' % nodes['cmp1'].id in link['href']

    resp = admin.get(HYPERVISORS + '/detail?limit=1&marker=%d'
                     % nodes['cmp1'].id)

    tempest_validate(v233.list_hypervisors_detail, resp)
    assert [h['id'] for h in resp.json['hypervisors']] == [nodes['cmp2'].id]
    assert failed(admin.get(HYPERVISORS + '?marker=999')) == (
        400, 'marker [999] not found')


def test_unknown_query_parameters_are_refused_from_2_53(admin, nodes):
    assert admin.at_version('2.52').get(
        HYPERVISORS + '?sort=id').status_int == 200
    resp = admin.at_version('2.53').get(HYPERVISORS + '?sort=id')
    assert resp.status_int == 400


def test_search_and_servers_routes_until_2_52(admin, nodes, server):
    resp = admin.get(HYPERVISORS + '/cmp/search')
    tempest_validate(v21.list_search_hypervisors, resp)
    assert [h['hypervisor_hostname'] for h in resp.json['hypervisors']] == [
        'cmp1', 'cmp2']

    resp = admin.get(HYPERVISORS + '/cmp1/servers')
    tempest_validate(v21.get_hypervisors_servers, resp)
    assert resp.json['hypervisors'][0]['servers'] == [
        {'name': 'web1', 'uuid': server.uuid}]

    assert failed(admin.get(HYPERVISORS + '/xyz/search')) == (
        404, "No hypervisor matching 'xyz' could be found.")
    assert admin.at_version('2.53').get(
        HYPERVISORS + '/cmp/search').status_int == 404


def test_statistics_sum_the_enabled_nodes(admin, nodes):
    resp = admin.get(HYPERVISORS + '/statistics')

    tempest_validate(v21.get_hypervisor_statistics, resp)
    stats = resp.json['hypervisor_statistics']
    assert (stats['count'], stats['vcpus'], stats['vcpus_used'],
            stats['running_vms'], stats['disk_available_least']) == (
        1, 8, 2, 1, 20)


def test_a_node_whose_service_was_deleted_is_not_shown(admin, nodes,
                                                       admin_context):
    service = objects.Service.get_by_host_and_binary(
        admin_context, 'cmp2', 'nova-lite-compute')
    node = objects.ComputeNode(
        admin_context, host='gone', hypervisor_hostname='gone', vcpus=1,
        memory_mb=1, local_gb=1, service_id=service.id + 100)
    node.create()

    resp = admin.get(HYPERVISORS + '/detail')

    assert [h['hypervisor_hostname'] for h in resp.json['hypervisors']] == [
        'cmp1', 'cmp2']
    assert failed(admin.get('%s/%d' % (HYPERVISORS, node.id)))[0] == 404


def test_uptime_of_a_host_whose_service_is_down_is_a_400(admin, nodes):
    resp = admin.get('%s/%d/uptime' % (HYPERVISORS, nodes['cmp2'].id))

    assert failed(resp) == (
        400, 'Compute service of cmp2 is unavailable at this time.')


@pytest.mark.parametrize('path', [
    '', '/detail', '/statistics', '/1', '/1/uptime', '/cmp/search',
    '/cmp/servers'])
def test_every_call_is_for_admins(client, nodes, path):
    resp = client.get(HYPERVISORS + path)

    assert resp.status_int == 403
    assert 'os_compute_api:os-hypervisors:' in failed(resp)[1]


def _host_answers(uptime):
    """The compute service of an up host answers get_host_uptime so
    (an exception class: fails so)."""
    return mock.patch.object(compute_rpcapi.ComputeAPI, 'get_host_uptime',
                             side_effect=uptime if isinstance(uptime, type)
                             else lambda ctxt, host: uptime)


def test_detail_shows_uptime_not_the_resource_figures_from_2_88(
        admin, nodes):
    with _host_answers(UPTIME):
        resp = admin.at_version('2.87').get(HYPERVISORS + '/detail')
        tempest_validate(v253.list_hypervisors_detail, resp)
        assert 'uptime' not in resp.json['hypervisors'][0]

        resp = admin.at_version('2.88').get(HYPERVISORS + '/detail')

    tempest_validate(LIST_HYPERVISORS_DETAIL_V288, resp)
    cmp1, cmp2 = resp.json['hypervisors']
    assert cmp1 == {
        'id': nodes['cmp1'].uuid, 'hypervisor_hostname': 'cmp1',
        'state': 'up', 'status': 'enabled', 'hypervisor_type': 'QEMU',
        'hypervisor_version': 8002000, 'host_ip': '192.0.2.10',
        'service': cmp1['service'], 'uptime': UPTIME}
    # A host whose compute service is down cannot say.
    assert (cmp2['state'], cmp2['uptime']) == ('down', None)


def test_show_has_the_uptime_and_servers_from_2_88(admin, nodes, server):
    with _host_answers(UPTIME):
        resp = admin.at_version('2.88').get(
            '%s/%s?with_servers=true' % (HYPERVISORS, nodes['cmp1'].uuid))

    tempest_validate(GET_HYPERVISOR_V288, resp)
    shown = resp.json['hypervisor']
    assert shown['uptime'] == UPTIME
    assert shown['servers'] == [{'name': 'web1', 'uuid': server.uuid}]
    assert 'vcpus' not in shown and 'cpu_info' not in shown


def test_uptime_is_null_when_the_host_does_not_answer_from_2_88(
        admin, nodes):
    with _host_answers(messaging.MessagingTimeout):
        resp = admin.at_version('2.88').get(
            '%s/%s' % (HYPERVISORS, nodes['cmp1'].uuid))

    tempest_validate(GET_HYPERVISOR_V288, resp)
    assert resp.json['hypervisor']['uptime'] is None


def test_the_list_is_unchanged_at_2_88(admin, nodes):
    resp = admin.at_version('2.88').get(HYPERVISORS)

    tempest_validate(v253.list_search_hypervisors, resp)
    assert [sorted(h) for h in resp.json['hypervisors']] == [
        ['hypervisor_hostname', 'id', 'state', 'status']] * 2


@pytest.mark.parametrize('path', ['/statistics', '/{uuid}/uptime'])
def test_statistics_and_uptime_routes_are_gone_from_2_88(
        admin, client, nodes, path):
    url = HYPERVISORS + path.format(uuid=nodes['cmp1'].uuid)
    with _host_answers(UPTIME):
        assert admin.at_version('2.87').get(url).status_int == 200

        for user in (admin, client):
            # As if the method did not exist: Nova's plain 404.
            assert failed(user.at_version('2.88').get(url)) == (
                404, 'The resource could not be found.')
