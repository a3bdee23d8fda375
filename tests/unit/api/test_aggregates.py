"""The os-aggregates API (admins only), as Nova answers it: creating,
listing, showing, updating and deleting aggregates, and the availability
zones they make. Every success is checked against tempest.lib's response
schemas."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import aggregates as v21
from tempest.lib.api_schema.response.compute.v2_41 import aggregates \
    as v241

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import aggregate_helpers as helpers
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate


# create

def test_create_returns_the_aggregate_without_hosts_and_metadata(admin, db):
    resp = helpers.create(admin)

    tempest_validate(v21.create_aggregate, resp)
    aggregate = resp.json['aggregate']
    assert aggregate['name'] == 'agg1'
    assert aggregate['availability_zone'] is None
    assert (aggregate['deleted'], aggregate['deleted_at']) == (False, None)
    assert 'uuid' not in aggregate


def test_create_at_2_41_shows_the_uuid(admin, db):
    resp = helpers.create(admin.at_version('2.41'))

    tempest_validate(v241.create_aggregate, resp)
    assert resp.json['aggregate']['uuid'] == objects.Aggregate.get_by_id(
        nova_context.get_admin_context(),
        resp.json['aggregate']['id']).uuid


def test_create_in_a_zone_sets_the_zone_metadata(admin, db):
    aggregate_id = helpers.create_id(admin, zone='az1')

    resp = admin.get(helpers.url(aggregate_id))

    assert resp.json['aggregate']['availability_zone'] == 'az1'
    assert resp.json['aggregate']['metadata'] == {'availability_zone': 'az1'}


def test_create_with_a_taken_name_is_a_conflict(admin, db):
    helpers.create(admin)

    resp = helpers.create(admin)

    assert failed(resp) == (409, 'Aggregate agg1 already exists.')


@pytest.mark.parametrize('body', [
    {'name': ''}, {'name': ' agg'}, {'availability_zone': 'az1'},
    {'name': 'agg', 'availability_zone': 'az:1'},
    {'name': 'agg', 'availability_zone': ''},
    {'name': 'agg', 'other': 1}])
def test_create_refuses_a_bad_body(admin, db, body):
    resp = admin.post(helpers.AGGREGATES, {'aggregate': body})

    assert resp.status_int == 400


def test_create_with_a_null_zone_has_no_zone(admin, db):
    resp = helpers.create(admin, zone=None)

    assert resp.json['aggregate']['availability_zone'] is None


# list and show

def test_list_shows_every_aggregate_with_hosts_and_metadata(admin, db,
                                                            computes):
    first = helpers.create_id(admin, zone='az1')
    helpers.create(admin, name='agg2')
    helpers.add_host(admin, first)

    resp = admin.get(helpers.AGGREGATES)

    tempest_validate(v21.list_aggregates, resp)
    aggregates = resp.json['aggregates']
    assert [a['name'] for a in aggregates] == ['agg1', 'agg2']
    assert aggregates[0]['hosts'] == ['cmp1']
    assert aggregates[0]['metadata'] == {'availability_zone': 'az1'}


def test_list_at_2_41_shows_uuids(admin, db):
    helpers.create(admin)

    resp = admin.at_version('2.41').get(helpers.AGGREGATES)

    tempest_validate(v241.list_aggregates, resp)


def test_show_returns_the_aggregate(admin, db):
    aggregate_id = helpers.create_id(admin)

    resp = admin.get(helpers.url(aggregate_id))

    tempest_validate(v21.get_aggregate, resp)
    assert resp.json['aggregate']['hosts'] == []
    assert resp.json['aggregate']['metadata'] == {}


def test_show_at_2_41_shows_the_uuid(admin, db):
    aggregate_id = helpers.create_id(admin)

    resp = admin.at_version('2.41').get(helpers.url(aggregate_id))

    tempest_validate(v241.get_aggregate, resp)


def test_show_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = admin.get(helpers.url(42))

    assert failed(resp) == (404, 'Aggregate 42 could not be found.')


def test_show_with_a_non_integer_id_is_bad_request(admin, db):
    resp = admin.get(helpers.url('abc'))

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
    helpers.create(admin)

    resp = client.request(method, helpers.AGGREGATES + path, body=body)

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-aggregates:%s to be "
             "performed." % action)


# update

def test_update_renames_the_aggregate(admin, db):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.update(admin, aggregate_id, name='  renamed ')

    tempest_validate(v21.update_aggregate, resp)
    assert resp.json['aggregate']['name'] == 'renamed'
    assert admin.get(helpers.url(aggregate_id)).json['aggregate']['name'] == \
        'renamed'


def test_update_moves_the_aggregate_to_a_zone(admin, db):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.update(admin.at_version('2.41'), aggregate_id,
                          availability_zone='az2')

    tempest_validate(v241.update_aggregate, resp)
    assert resp.json['aggregate']['metadata'] == {'availability_zone': 'az2'}


def test_update_to_a_taken_name_is_a_conflict(admin, db):
    helpers.create(admin, name='agg2')
    aggregate_id = helpers.create_id(admin)

    resp = helpers.update(admin, aggregate_id, name='agg2')

    assert failed(resp) == (409, 'Aggregate agg2 already exists.')


@pytest.mark.parametrize('values', [{}, {'name': ''}, {'name': '   '},
                                    {'availability_zone': 'a:b'},
                                    {'hosts': ['cmp1']}])
def test_update_refuses_a_bad_body(admin, db, values):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.update(admin, aggregate_id, **values)

    assert resp.status_int == 400


def test_update_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = helpers.update(admin, 42, name='x')

    assert resp.status_int == 404


def test_update_refuses_a_null_zone(admin, db):
    aggregate_id = helpers.create_id(admin, zone='az1')

    resp = helpers.update(admin, aggregate_id, availability_zone=None)

    assert failed(resp) == (
        400, 'Cannot update aggregate %s. Reason: Aggregate agg1 does not '
             'support empty named availability zone.' % aggregate_id)


def test_update_refuses_a_zone_a_host_would_have_twice(admin, db, computes):
    first = helpers.create_id(admin, zone='az1')
    second = helpers.create_id(admin, name='agg2')
    helpers.add_host(admin, first)
    helpers.add_host(admin, second)

    resp = helpers.update(admin, second, availability_zone='az2')

    assert failed(resp) == (
        400, "Cannot update aggregate %s. Reason: One or more hosts already "
             "in availability zone(s) ['az1']." % second)


def test_update_refuses_a_new_zone_for_hosts_with_servers(admin, db,
                                                          computes, flavor):
    aggregate_id = helpers.create_id(admin, zone='az1')
    helpers.add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = helpers.update(admin, aggregate_id, availability_zone='az2')

    assert failed(resp) == (
        400, 'Cannot update aggregate %s. Reason: One or more hosts contain '
             'instances in this zone.' % aggregate_id)


def test_update_keeps_the_zone_of_hosts_with_servers(admin, db, computes,
                                                     flavor):
    aggregate_id = helpers.create_id(admin, zone='az1')
    helpers.add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = helpers.update(admin, aggregate_id, name='renamed',
                          availability_zone='az1')

    assert resp.status_int == 200


# delete

def test_delete_returns_200_without_body(admin, db):
    aggregate_id = helpers.create_id(admin, zone='az1')

    resp = admin.delete(helpers.url(aggregate_id))

    tempest_validate(v21.delete_aggregate, resp)
    assert resp.body == b''
    assert admin.get(helpers.url(aggregate_id)).status_int == 404


def test_delete_of_an_aggregate_with_hosts_is_bad_request(admin, db,
                                                          computes):
    aggregate_id = helpers.create_id(admin)
    helpers.add_host(admin, aggregate_id)

    resp = admin.delete(helpers.url(aggregate_id))

    assert failed(resp) == (
        400, 'Cannot remove host from aggregate %s. Reason: Host aggregate '
             'is not empty.' % aggregate_id)


def test_delete_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = admin.delete(helpers.url(42))

    assert resp.status_int == 404


def test_delete_with_a_non_integer_id_is_bad_request(admin, db):
    resp = admin.delete(helpers.url('abc'))

    assert resp.status_int == 400
