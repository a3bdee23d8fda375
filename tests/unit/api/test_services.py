"""The os-services API (admins only), as Nova answers it: the list, the
switches on a compute service before and after 2.53, and the delete.
Every success is checked against tempest.lib's response schemas."""

import datetime

from oslo_utils import timeutils
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import services as v21
from tempest.lib.api_schema.response.compute.v2_11 import services as v211
from tempest.lib.api_schema.response.compute.v2_53 import services as v253

from nova_lite.db import placement_api
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import tempest_validate
from tests.unit import fakes

SERVICES = '/v2.1/os-services'


@pytest.fixture
def hosts(db, admin_context):
    """cmp1 (up), cmp2 (down an hour), a conductor and an API service."""
    nodes = {name: fakes.compute_host(admin_context, name, up=up)
             for name, up in (('cmp1', True), ('cmp2', False))}
    for binary, topic in (('nova-lite-conductor', 'conductor'),
                          ('nova-lite-api', None)):
        objects.Service(admin_context, host='ctl1', binary=binary,
                        topic=topic,
                        last_seen_up=timeutils.utcnow()).create()
    return nodes


def _service(admin_context, host, binary='nova-lite-compute'):
    return objects.Service.get_by_host_and_binary(admin_context, host,
                                                  binary)


def _put(client, path, body):
    return client.request('PUT', '%s/%s' % (SERVICES, path), body=body)


# list

def test_list_shows_every_service_but_the_api(admin, hosts):
    resp = admin.get(SERVICES)

    tempest_validate(v21.list_services, resp)
    shown = {(s['host'], s['binary']): s for s in resp.json['services']}
    assert sorted(shown) == [('cmp1', 'nova-lite-compute'),
                             ('cmp2', 'nova-lite-compute'),
                             ('ctl1', 'nova-lite-conductor')]
    cmp1 = shown[('cmp1', 'nova-lite-compute')]
    assert (cmp1['zone'], cmp1['status'], cmp1['state']) == (
        'nova', 'enabled', 'up')
    assert isinstance(cmp1['id'], int)
    assert 'forced_down' not in cmp1
    assert shown[('cmp2', 'nova-lite-compute')]['state'] == 'down'
    assert shown[('ctl1', 'nova-lite-conductor')]['zone'] == 'internal'


def test_list_filters_by_host_and_binary(admin, hosts):
    resp = admin.get(SERVICES + '?host=cmp1&binary=nova-lite-compute')

    assert [(s['host'], s['binary']) for s in resp.json['services']] == [
        ('cmp1', 'nova-lite-compute')]
    assert admin.get(SERVICES + '?binary=nova-lite-scheduler').json == {
        'services': []}


def test_list_shows_forced_down_from_2_11_and_uuids_from_2_53(
        admin, hosts, admin_context):
    resp = admin.at_version('2.11').get(SERVICES)
    tempest_validate(v211.list_services, resp)
    assert all(s['forced_down'] is False for s in resp.json['services'])

    resp = admin.at_version('2.53').get(SERVICES + '?host=cmp1')
    tempest_validate(v253.list_services, resp)
    assert resp.json['services'][0]['id'] == _service(admin_context,
                                                      'cmp1').uuid


def test_list_zone_of_a_compute_is_its_aggregate_zone(
        admin, hosts, admin_context):
    aggregate = objects.Aggregate(admin_context, name='agg1',
                                  metadata={'availability_zone': 'az1'})
    aggregate.create()
    aggregate.add_host('cmp1')

    resp = admin.get(SERVICES + '?host=cmp1')

    assert resp.json['services'][0]['zone'] == 'az1'


def test_unknown_query_parameter_is_ignored_before_2_75_refused_after(
        admin, hosts):
    assert admin.at_version('2.74').get(
        SERVICES + '?sort=host').status_int == 200

    resp = admin.at_version('2.75').get(SERVICES + '?sort=host')

    assert resp.status_int == 400
    assert 'Additional properties are not allowed' in failed(resp)[1]


def test_list_update_and_delete_are_for_admins(client, hosts):
    for resp, rule in (
            (client.get(SERVICES), 'list'),
            (_put(client, 'disable', {'host': 'cmp1',
                                      'binary': 'nova-lite-compute'}),
             'update'),
            (client.delete(SERVICES + '/1'), 'delete')):
        assert failed(resp) == (
            403, "Policy doesn't allow os_compute_api:os-services:%s to be "
                 "performed." % rule)


# update before 2.53: host and binary in the body

def test_disable_with_a_reason_then_enable(admin, hosts, admin_context):
    resp = _put(admin, 'disable-log-reason',
                {'host': 'cmp1', 'binary': 'nova-lite-compute',
                 'disabled_reason': 'maintenance'})

    tempest_validate(v21.disable_log_reason, resp)
    assert resp.json['service'] == {
        'host': 'cmp1', 'binary': 'nova-lite-compute',
        'status': 'disabled', 'disabled_reason': 'maintenance'}
    row = _service(admin_context, 'cmp1')
    assert (row.disabled, row.disabled_reason) == (True, 'maintenance')
    listed = admin.get(SERVICES + '?host=cmp1').json['services'][0]
    assert (listed['status'], listed['disabled_reason']) == (
        'disabled', 'maintenance')

    resp = _put(admin, 'enable', {'host': 'cmp1',
                                  'binary': 'nova-lite-compute'})

    tempest_validate(v21.enable_disable_service, resp)
    assert resp.json['service']['status'] == 'enabled'
    row = _service(admin_context, 'cmp1')
    assert (row.disabled, row.disabled_reason) == (False, None)


def test_disable_without_a_reason(admin, hosts, admin_context):
    resp = _put(admin, 'disable', {'host': 'cmp1',
                                   'binary': 'nova-lite-compute'})

    tempest_validate(v21.enable_disable_service, resp)
    assert resp.json['service'] == {'host': 'cmp1',
                                    'binary': 'nova-lite-compute',
                                    'status': 'disabled'}
    assert _service(admin_context, 'cmp1').disabled is True


@pytest.mark.parametrize('action, body, expected', [
    ('disable-log-reason', {'host': 'cmp1', 'binary': 'nova-lite-compute'},
     (400, 'Missing disabled reason field')),
    ('disable', {'host': 'ctl1', 'binary': 'nova-lite-conductor'},
     (400, 'Updating a nova-lite-conductor service is not supported. Only '
           'nova-lite-compute services can be updated.')),
    ('disable', {'host': 'nowhere', 'binary': 'nova-lite-compute'},
     (404, 'Could not find binary nova-lite-compute on host nowhere.')),
    ('reboot', {'host': 'cmp1', 'binary': 'nova-lite-compute'},
     (404, 'Unknown action')),
    ('force-down', {'host': 'cmp1', 'binary': 'nova-lite-compute'},
     (404, 'Unknown action')),
])
def test_refused_updates_change_nothing(admin, hosts, admin_context,
                                        action, body, expected):
    assert failed(_put(admin, action, body)) == expected
    for host, binary in (('cmp1', 'nova-lite-compute'),
                         ('ctl1', 'nova-lite-conductor')):
        row = _service(admin_context, host, binary)
        assert (row.disabled, row.forced_down) == (False, False)


@pytest.mark.parametrize('body', [
    {'host': 'cmp1'},
    {'host': 'cmp1', 'binary': 'nova-lite-compute', 'zone': 'az1'},
    {'host': 'cmp 1', 'binary': 'nova-lite-compute'},
    {'host': 'cmp1', 'binary': 'nova-lite-compute', 'disabled_reason': ''},
])
def test_a_body_outside_the_schema_is_a_400(admin, hosts, admin_context,
                                            body):
    resp = _put(admin, 'disable', body)

    assert resp.status_int == 400
    assert _service(admin_context, 'cmp1').disabled is False


def test_force_down_from_2_11(admin, hosts, admin_context):
    admin = admin.at_version('2.11')

    resp = _put(admin, 'force-down', {'host': 'cmp1',
                                      'binary': 'nova-lite-compute',
                                      'forced_down': True})

    tempest_validate(v211.update_forced_down, resp)
    assert resp.json['service'] == {'host': 'cmp1',
                                    'binary': 'nova-lite-compute',
                                    'forced_down': True}
    assert _service(admin_context, 'cmp1').forced_down is True
    listed = admin.get(SERVICES + '?host=cmp1').json['services'][0]
    assert (listed['state'], listed['forced_down']) == ('down', True)
    assert failed(_put(admin, 'force-down', {
        'host': 'cmp1', 'binary': 'nova-lite-compute'})) == (
        400, 'Missing forced_down field')


# update from 2.53: by uuid

def test_update_by_uuid_disables_and_forces_down(admin, hosts,
                                                 admin_context):
    service = _service(admin_context, 'cmp1')

    resp = _put(admin.at_version('2.53'), service.uuid,
                {'status': 'disabled', 'disabled_reason': 'broken disk',
                 'forced_down': True})

    tempest_validate(v253.update_service, resp)
    shown = resp.json['service']
    assert (shown['id'], shown['status'], shown['disabled_reason'],
            shown['forced_down'], shown['state']) == (
        service.uuid, 'disabled', 'broken disk', True, 'down')
    row = _service(admin_context, 'cmp1')
    assert (row.disabled, row.disabled_reason, row.forced_down) == (
        True, 'broken disk', True)

    resp = _put(admin.at_version('2.53'), service.uuid,
                {'status': 'enabled', 'forced_down': False})

    tempest_validate(v253.update_service, resp)
    row = _service(admin_context, 'cmp1')
    assert (row.disabled, row.disabled_reason, row.forced_down) == (
        False, None, False)


def test_refused_updates_by_uuid_change_nothing(admin, hosts,
                                                admin_context):
    admin = admin.at_version('2.53')
    cmp1 = _service(admin_context, 'cmp1').uuid
    conductor = _service(admin_context, 'ctl1', 'nova-lite-conductor').uuid
    unknown = '4c1b4d1e-6f4a-4a53-9a1e-6bbf4cbfd7b1'
    for path, body, expected in (
            ('1', {'status': 'disabled'}, (400, 'Invalid uuid 1')),
            (unknown, {'status': 'disabled'},
             (404, 'Service %s could not be found.' % unknown)),
            (conductor, {'status': 'disabled'},
             (400, 'Updating a nova-lite-conductor service is not '
                   'supported. Only nova-lite-compute services can be '
                   'updated.')),
            (cmp1, {'status': 'enabled', 'disabled_reason': 'x'},
             (400, "Specifying 'disabled_reason' with status 'enabled' is "
                   "invalid.")),
            (cmp1, {}, (400, "No updates were requested. Fields 'status' "
                             "or 'forced_down' should be specified.")),
            (cmp1, {'forced_down': 'maybe'}, None),
            (cmp1, {'host': 'cmp1', 'binary': 'nova-lite-compute'}, None)):
        resp = _put(admin, path, body)
        if expected:
            assert failed(resp) == expected
        else:
            assert resp.status_int == 400
    row = _service(admin_context, 'cmp1')
    assert (row.disabled, row.forced_down) == (False, False)


# delete

def test_delete_of_a_compute_removes_its_node_provider_and_membership(
        admin, hosts, admin_context):
    aggregate = objects.Aggregate(admin_context, name='agg1', metadata={})
    aggregate.create()
    aggregate.add_host('cmp2')
    service = _service(admin_context, 'cmp2')

    resp = admin.delete('%s/%d' % (SERVICES, service.id))

    assert (resp.status_int, resp.body) == (204, b'')
    assert _service(admin_context, 'cmp2') is None
    assert [n.host for n in objects.ComputeNodeList.get_all(
        admin_context)] == ['cmp1']
    assert [p.name for p in placement_api.get_providers(
        admin_context)] == ['cmp1']
    assert objects.Aggregate.get_by_id(admin_context,
                                       aggregate.id).hosts == []
    assert 'cmp2' not in [s['host'] for s in
                          admin.get(SERVICES).json['services']]


def test_delete_by_uuid_from_2_53(admin, hosts, admin_context):
    service = _service(admin_context, 'ctl1', 'nova-lite-conductor')

    resp = admin.at_version('2.53').delete('%s/%s' % (SERVICES,
                                                      service.uuid))

    assert resp.status_int == 204
    assert _service(admin_context, 'ctl1', 'nova-lite-conductor') is None
    assert len(objects.ComputeNodeList.get_all(admin_context)) == 2


def test_delete_of_a_compute_hosting_servers_is_a_conflict(
        admin, hosts, admin_context):
    fakes.instance(admin_context, fakes.flavor(admin_context, create=True),
                   host='cmp1')
    service = _service(admin_context, 'cmp1')

    resp = admin.delete('%s/%d' % (SERVICES, service.id))

    assert failed(resp) == (
        409, 'Unable to delete compute service that is hosting instances. '
             'Migrate or delete the instances first.')
    assert _service(admin_context, 'cmp1') is not None
    assert len(objects.ComputeNodeList.get_all(admin_context)) == 2
    assert len(placement_api.get_providers(admin_context)) == 2


def test_delete_refusals(admin, hosts):
    assert failed(admin.delete(SERVICES + '/abc')) == (
        400, 'id must be an integer')
    assert failed(admin.delete(SERVICES + '/999')) == (
        404, 'Service 999 not found.')
    assert failed(admin.at_version('2.53').delete(SERVICES + '/1')) == (
        400, 'Invalid uuid 1')
    unknown = '4c1b4d1e-6f4a-4a53-9a1e-6bbf4cbfd7b1'
    assert failed(admin.at_version('2.53').delete(
        '%s/%s' % (SERVICES, unknown))) == (
        404, 'Service %s not found.' % unknown)
    assert len(admin.get(SERVICES).json['services']) == 3


def test_a_service_seen_within_service_down_time_is_up(
        admin, hosts, admin_context):
    service = _service(admin_context, 'cmp2')
    service.last_seen_up = timeutils.utcnow() - datetime.timedelta(
        seconds=30)
    service.save()

    resp = admin.get(SERVICES + '?host=cmp2')

    assert resp.json['services'][0]['state'] == 'up'
