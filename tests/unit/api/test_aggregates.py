"""The os-aggregates API (admins only), as Nova answers it: aggregates,
their hosts and metadata, and the availability zones they make. Every
success is checked against tempest.lib's response schemas."""

import pytest
import sqlalchemy as sa
from tempest.lib.api_schema.response.compute.v2_1 import aggregates as v21
from tempest.lib.api_schema.response.compute.v2_41 import aggregates \
    as v241

from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

AGGREGATES = '/v2.1/os-aggregates'


@pytest.fixture
def computes(db, admin_context):
    """Compute services on cmp1 and cmp2, and a conductor on ctl1."""
    for host, binary, topic in (('cmp1', 'nova-lite-compute', 'compute'),
                                ('cmp2', 'nova-lite-compute', 'compute'),
                                ('ctl1', 'nova-lite-conductor',
                                 'conductor')):
        objects.Service(admin_context, host=host, binary=binary,
                        topic=topic).create()


def _create(admin, name='agg1', zone=None):
    body = {'name': name}
    if zone is not None:
        body['availability_zone'] = zone
    return admin.post(AGGREGATES, {'aggregate': body})


def _create_id(admin, name='agg1', zone=None):
    return _create(admin, name, zone).json['aggregate']['id']


def _url(aggregate_id, action=False):
    return '%s/%s%s' % (AGGREGATES, aggregate_id,
                        '/action' if action else '')


def _action(admin, aggregate_id, name, value):
    return admin.post(_url(aggregate_id, action=True), {name: value})


def _add_host(admin, aggregate_id, host='cmp1'):
    return _action(admin, aggregate_id, 'add_host', {'host': host})


def _remove_host(admin, aggregate_id, host='cmp1'):
    return _action(admin, aggregate_id, 'remove_host', {'host': host})


def _set_metadata(admin, aggregate_id, metadata):
    return _action(admin, aggregate_id, 'set_metadata',
                   {'metadata': metadata})


def _update(admin, aggregate_id, **values):
    return admin.request('PUT', _url(aggregate_id),
                         body={'aggregate': values})


def _sequence():
    with db_api.get_engine().connect() as connection:
        return connection.execute(sa.text(
            "SELECT value FROM change_sequences WHERE name = 'aggregates'"
        )).scalar()


# create

def test_create_returns_the_aggregate_without_hosts_and_metadata(admin, db):
    resp = _create(admin)

    tempest_validate(v21.create_aggregate, resp)
    aggregate = resp.json['aggregate']
    assert aggregate['name'] == 'agg1'
    assert aggregate['availability_zone'] is None
    assert (aggregate['deleted'], aggregate['deleted_at']) == (False, None)
    assert 'uuid' not in aggregate


def test_create_at_2_41_shows_the_uuid(admin, db):
    resp = _create(admin.at_version('2.41'))

    tempest_validate(v241.create_aggregate, resp)
    assert resp.json['aggregate']['uuid'] == objects.Aggregate.get_by_id(
        nova_context.get_admin_context(),
        resp.json['aggregate']['id']).uuid


def test_create_in_a_zone_sets_the_zone_metadata(admin, db):
    aggregate_id = _create_id(admin, zone='az1')

    resp = admin.get(_url(aggregate_id))

    assert resp.json['aggregate']['availability_zone'] == 'az1'
    assert resp.json['aggregate']['metadata'] == {'availability_zone': 'az1'}


def test_create_with_a_taken_name_is_a_conflict(admin, db):
    _create(admin)

    resp = _create(admin)

    assert failed(resp) == (409, 'Aggregate agg1 already exists.')


@pytest.mark.parametrize('body', [
    {'name': ''}, {'name': ' agg'}, {'availability_zone': 'az1'},
    {'name': 'agg', 'availability_zone': 'az:1'},
    {'name': 'agg', 'availability_zone': ''},
    {'name': 'agg', 'other': 1}])
def test_create_refuses_a_bad_body(admin, db, body):
    resp = admin.post(AGGREGATES, {'aggregate': body})

    assert resp.status_int == 400


def test_create_with_a_null_zone_has_no_zone(admin, db):
    resp = _create(admin, zone=None)

    assert resp.json['aggregate']['availability_zone'] is None


# list and show

def test_list_shows_every_aggregate_with_hosts_and_metadata(admin, db,
                                                            computes):
    first = _create_id(admin, zone='az1')
    _create(admin, name='agg2')
    _add_host(admin, first)

    resp = admin.get(AGGREGATES)

    tempest_validate(v21.list_aggregates, resp)
    aggregates = resp.json['aggregates']
    assert [a['name'] for a in aggregates] == ['agg1', 'agg2']
    assert aggregates[0]['hosts'] == ['cmp1']
    assert aggregates[0]['metadata'] == {'availability_zone': 'az1'}


def test_list_at_2_41_shows_uuids(admin, db):
    _create(admin)

    resp = admin.at_version('2.41').get(AGGREGATES)

    tempest_validate(v241.list_aggregates, resp)


def test_show_returns_the_aggregate(admin, db):
    aggregate_id = _create_id(admin)

    resp = admin.get(_url(aggregate_id))

    tempest_validate(v21.get_aggregate, resp)
    assert resp.json['aggregate']['hosts'] == []
    assert resp.json['aggregate']['metadata'] == {}


def test_show_at_2_41_shows_the_uuid(admin, db):
    aggregate_id = _create_id(admin)

    resp = admin.at_version('2.41').get(_url(aggregate_id))

    tempest_validate(v241.get_aggregate, resp)


def test_show_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = admin.get(_url(42))

    assert failed(resp) == (404, 'Aggregate 42 could not be found.')


def test_show_with_a_non_integer_id_is_bad_request(admin, db):
    resp = admin.get(_url('abc'))

    assert failed(resp) == (
        400, 'Invalid input received: id must be an integer')


# admins only

@pytest.mark.parametrize('method, path, body, action', [
    ('GET', '', None, 'index'),
    ('POST', '', {'aggregate': {'name': 'x'}}, 'create'),
    ('GET', '/1', None, 'show'),
    ('PUT', '/1', {'aggregate': {'name': 'x'}}, 'update'),
    ('DELETE', '/1', None, 'delete'),
    ('POST', '/1/action', {'add_host': {'host': 'cmp1'}}, 'add_host'),
    ('POST', '/1/action', {'remove_host': {'host': 'cmp1'}}, 'remove_host'),
    ('POST', '/1/action', {'set_metadata': {'metadata': {}}},
     'set_metadata'),
])
def test_users_may_not_use_aggregates(client, admin, db, method, path, body,
                                      action):
    _create(admin)

    resp = client.request(method, AGGREGATES + path, body=body)

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-aggregates:%s to be "
             "performed." % action)


# update

def test_update_renames_the_aggregate(admin, db):
    aggregate_id = _create_id(admin)

    resp = _update(admin, aggregate_id, name='  renamed ')

    tempest_validate(v21.update_aggregate, resp)
    assert resp.json['aggregate']['name'] == 'renamed'
    assert admin.get(_url(aggregate_id)).json['aggregate']['name'] == \
        'renamed'


def test_update_moves_the_aggregate_to_a_zone(admin, db):
    aggregate_id = _create_id(admin)

    resp = _update(admin.at_version('2.41'), aggregate_id,
                   availability_zone='az2')

    tempest_validate(v241.update_aggregate, resp)
    assert resp.json['aggregate']['metadata'] == {'availability_zone': 'az2'}


def test_update_to_a_taken_name_is_a_conflict(admin, db):
    _create(admin, name='agg2')
    aggregate_id = _create_id(admin)

    resp = _update(admin, aggregate_id, name='agg2')

    assert failed(resp) == (409, 'Aggregate agg2 already exists.')


@pytest.mark.parametrize('values', [{}, {'name': ''}, {'name': '   '},
                                    {'availability_zone': 'a:b'},
                                    {'hosts': ['cmp1']}])
def test_update_refuses_a_bad_body(admin, db, values):
    aggregate_id = _create_id(admin)

    resp = _update(admin, aggregate_id, **values)

    assert resp.status_int == 400


def test_update_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = _update(admin, 42, name='x')

    assert resp.status_int == 404


def test_update_refuses_a_null_zone(admin, db):
    aggregate_id = _create_id(admin, zone='az1')

    resp = _update(admin, aggregate_id, availability_zone=None)

    assert failed(resp) == (
        400, 'Cannot update aggregate %s. Reason: Aggregate agg1 does not '
             'support empty named availability zone.' % aggregate_id)


def test_update_refuses_a_zone_a_host_would_have_twice(admin, db, computes):
    first = _create_id(admin, zone='az1')
    second = _create_id(admin, name='agg2')
    _add_host(admin, first)
    _add_host(admin, second)

    resp = _update(admin, second, availability_zone='az2')

    assert failed(resp) == (
        400, "Cannot update aggregate %s. Reason: One or more hosts already "
             "in availability zone(s) ['az1']." % second)


def test_update_refuses_a_new_zone_for_hosts_with_servers(admin, db,
                                                          computes, flavor):
    aggregate_id = _create_id(admin, zone='az1')
    _add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = _update(admin, aggregate_id, availability_zone='az2')

    assert failed(resp) == (
        400, 'Cannot update aggregate %s. Reason: One or more hosts contain '
             'instances in this zone.' % aggregate_id)


def test_update_keeps_the_zone_of_hosts_with_servers(admin, db, computes,
                                                     flavor):
    aggregate_id = _create_id(admin, zone='az1')
    _add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = _update(admin, aggregate_id, name='renamed',
                   availability_zone='az1')

    assert resp.status_int == 200


# delete

def test_delete_returns_200_without_body(admin, db):
    aggregate_id = _create_id(admin, zone='az1')

    resp = admin.delete(_url(aggregate_id))

    tempest_validate(v21.delete_aggregate, resp)
    assert resp.body == b''
    assert admin.get(_url(aggregate_id)).status_int == 404


def test_delete_of_an_aggregate_with_hosts_is_bad_request(admin, db,
                                                          computes):
    aggregate_id = _create_id(admin)
    _add_host(admin, aggregate_id)

    resp = admin.delete(_url(aggregate_id))

    assert failed(resp) == (
        400, 'Cannot remove host from aggregate %s. Reason: Host aggregate '
             'is not empty.' % aggregate_id)


def test_delete_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = admin.delete(_url(42))

    assert resp.status_int == 404


def test_delete_with_a_non_integer_id_is_bad_request(admin, db):
    resp = admin.delete(_url('abc'))

    assert resp.status_int == 400


# add_host

def test_add_host_puts_the_host_in_the_aggregate(admin, db, computes):
    aggregate_id = _create_id(admin)

    resp = _add_host(admin, aggregate_id)

    tempest_validate(v21.aggregate_add_remove_host, resp)
    assert resp.json['aggregate']['hosts'] == ['cmp1']
    assert admin.get(_url(aggregate_id)).json['aggregate']['hosts'] == [
        'cmp1']


def test_add_host_of_no_compute_service_is_not_found(admin, db, computes):
    aggregate_id = _create_id(admin)

    resp = _add_host(admin, aggregate_id, host='nohost')

    assert failed(resp) == (404, 'Compute host nohost could not be found.')


def test_add_host_of_a_non_compute_service_is_not_found(admin, db,
                                                        computes):
    aggregate_id = _create_id(admin)

    resp = _add_host(admin, aggregate_id, host='ctl1')

    assert resp.status_int == 404


def test_add_host_to_an_unknown_aggregate_is_not_found(admin, db,
                                                       computes):
    resp = _add_host(admin, 42)

    assert failed(resp) == (404, 'Aggregate 42 could not be found.')


def test_add_host_already_in_the_aggregate_is_a_conflict(admin, db,
                                                         computes):
    aggregate_id = _create_id(admin)
    _add_host(admin, aggregate_id)

    resp = _add_host(admin, aggregate_id)

    assert failed(resp) == (
        409, 'Aggregate %s already has host cmp1.' % aggregate_id)


def test_add_host_that_would_be_in_two_zones_is_a_conflict(admin, db,
                                                           computes):
    first = _create_id(admin, zone='az1')
    second = _create_id(admin, name='agg2', zone='az2')
    _add_host(admin, first)

    resp = _add_host(admin, second)

    assert failed(resp) == (
        409, "Cannot add host to aggregate %s. Reason: One or more hosts "
             "already in availability zone(s) ['az1']." % second)


def test_add_host_to_a_second_aggregate_of_its_zone(admin, db, computes):
    first = _create_id(admin, zone='az1')
    second = _create_id(admin, name='agg2', zone='az1')
    _add_host(admin, first)

    resp = _add_host(admin, second)

    assert resp.status_int == 200


def test_add_host_with_servers_to_a_zone_is_a_conflict(admin, db, computes,
                                                       flavor):
    aggregate_id = _create_id(admin, zone='az1')
    make_instance(flavor, host='cmp1')

    resp = _add_host(admin, aggregate_id)

    status, message = failed(resp)
    assert status == 409
    assert message.startswith(
        "Cannot add host to aggregate %s. Reason: The host cannot be added "
        "to the aggregate as the availability zone of the host would change "
        "from 'None' to 'az1' but the host already has 1 instance(s)."
        % aggregate_id)


def test_add_host_with_servers_to_an_aggregate_without_zone(admin, db,
                                                            computes,
                                                            flavor):
    aggregate_id = _create_id(admin)
    make_instance(flavor, host='cmp1')

    resp = _add_host(admin, aggregate_id)

    assert resp.status_int == 200


@pytest.mark.parametrize('body', [{}, {'host': ''}, {'host': 'a b'},
                                  {'host': 'cmp1', 'x': 1}])
def test_add_host_refuses_a_bad_body(admin, db, computes, body):
    aggregate_id = _create_id(admin)

    resp = _action(admin, aggregate_id, 'add_host', body)

    assert resp.status_int == 400


def test_an_unknown_action_is_bad_request(admin, db):
    aggregate_id = _create_id(admin)

    resp = _action(admin, aggregate_id, 'add_hosts', {'host': 'cmp1'})

    assert resp.status_int == 400


# remove_host

def test_remove_host_takes_the_host_out(admin, db, computes):
    aggregate_id = _create_id(admin)
    _add_host(admin, aggregate_id)

    resp = _remove_host(admin.at_version('2.41'), aggregate_id)

    tempest_validate(v241.aggregate_add_remove_host, resp)
    assert resp.json['aggregate']['hosts'] == []


@pytest.mark.parametrize('aggregate_id, host', [
    ('own', 'cmp2'), ('own', 'nohost'), (42, 'cmp1')])
def test_remove_host_not_found(admin, db, computes, aggregate_id, host):
    own = _create_id(admin)
    _add_host(admin, own)
    aggregate_id = own if aggregate_id == 'own' else aggregate_id

    resp = _remove_host(admin, aggregate_id, host=host)

    assert failed(resp) == (404, 'Cannot remove host %s in aggregate %s'
                            % (host, aggregate_id))


def test_remove_host_with_servers_from_its_zone_is_a_conflict(admin, db,
                                                              computes,
                                                              flavor):
    aggregate_id = _create_id(admin, zone='az1')
    _add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = _remove_host(admin, aggregate_id)

    status, message = failed(resp)
    assert status == 409
    assert "from 'az1' to 'None'" in message


def test_remove_host_with_servers_keeping_its_zone(admin, db, computes,
                                                   flavor):
    first = _create_id(admin, zone='az1')
    second = _create_id(admin, name='agg2', zone='az1')
    _add_host(admin, first)
    _add_host(admin, second)
    make_instance(flavor, host='cmp1')

    resp = _remove_host(admin, second)

    assert resp.status_int == 200


# set_metadata

def test_set_metadata_sets_and_deletes_keys(admin, db):
    aggregate_id = _create_id(admin)
    _set_metadata(admin, aggregate_id, {'ssd': 'true', 'gpu': 'no'})

    resp = _set_metadata(admin, aggregate_id, {'gpu': None, 'ssd': 'false'})

    tempest_validate(v21.aggregate_set_metadata, resp)
    assert resp.json['aggregate']['metadata'] == {'ssd': 'false'}
    assert admin.get(_url(aggregate_id)).json['aggregate']['metadata'] == {
        'ssd': 'false'}


def test_set_metadata_can_set_the_zone(admin, db):
    aggregate_id = _create_id(admin)

    resp = _set_metadata(admin, aggregate_id, {'availability_zone': 'az3'})

    assert resp.json['aggregate']['availability_zone'] == 'az3'


@pytest.mark.parametrize('zone', ['', None])
def test_set_metadata_refuses_an_empty_zone(admin, db, zone):
    aggregate_id = _create_id(admin, zone='az1')

    resp = _set_metadata(admin, aggregate_id, {'availability_zone': zone})

    assert failed(resp) == (
        400, 'Cannot update metadata of aggregate %s. Reason: Aggregate '
             'agg1 does not support empty named availability zone.'
             % aggregate_id)


def test_set_metadata_refuses_a_second_zone_for_a_host(admin, db,
                                                       computes):
    first = _create_id(admin, zone='az1')
    second = _create_id(admin, name='agg2')
    _add_host(admin, first)
    _add_host(admin, second)

    resp = _set_metadata(admin, second, {'availability_zone': 'az2'})

    assert failed(resp) == (
        400, "Cannot update metadata of aggregate %s. Reason: One or more "
             "hosts already in availability zone(s) ['az1']." % second)


def test_set_metadata_refuses_a_new_zone_for_hosts_with_servers(
        admin, db, computes, flavor):
    aggregate_id = _create_id(admin)
    _add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = _set_metadata(admin, aggregate_id, {'availability_zone': 'az1'})

    assert resp.status_int == 400


@pytest.mark.parametrize('metadata', [{'bad/key': 'v'}, {'k': 'v' * 256},
                                      {'k': 1}, 'ssd'])
def test_set_metadata_refuses_bad_metadata(admin, db, metadata):
    aggregate_id = _create_id(admin)

    resp = _set_metadata(admin, aggregate_id, metadata)

    assert resp.status_int == 400


def test_set_metadata_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = _set_metadata(admin, 42, {'k': 'v'})

    assert resp.status_int == 404


# the change sequence the scheduler watches

@pytest.mark.parametrize('write', [
    lambda admin, agg: _create(admin, name='agg2'),
    lambda admin, agg: _update(admin, agg, name='renamed'),
    lambda admin, agg: _set_metadata(admin, agg, {'k': 'v'}),
    lambda admin, agg: _add_host(admin, agg),
    lambda admin, agg: admin.delete(_url(agg)),
], ids=['create', 'update', 'set_metadata', 'add_host', 'delete'])
def test_every_aggregate_write_bumps_the_change_sequence(admin, db, computes,
                                                         write):
    aggregate_id = _create_id(admin)
    before = _sequence()

    resp = write(admin, aggregate_id)

    assert resp.status_int == 200
    assert _sequence() == before + 1


def test_remove_host_bumps_the_change_sequence(admin, db, computes):
    aggregate_id = _create_id(admin)
    _add_host(admin, aggregate_id)
    before = _sequence()

    _remove_host(admin, aggregate_id)

    assert _sequence() == before + 1


def test_a_refused_write_leaves_the_change_sequence(admin, db, computes):
    aggregate_id = _create_id(admin)
    before = _sequence()

    _add_host(admin, aggregate_id, host='nohost')
    _create(admin)

    assert _sequence() == before


# the objects the scheduler reads

def test_aggregates_of_a_host_and_by_metadata_key(admin, db, computes):
    first = _create_id(admin, zone='az1')
    _create_id(admin, name='agg2')
    _add_host(admin, first)
    context = nova_context.get_admin_context()

    assert [a.name for a in objects.AggregateList.get_by_host(
        context, 'cmp1')] == ['agg1']
    assert [a.name for a in objects.AggregateList.get_by_metadata_key(
        context, 'availability_zone', hosts=['cmp2'])] == []
    assert objects.AggregateList.get_by_host(
        context, 'cmp1', key='availability_zone')[0].availability_zone == \
        'az1'
