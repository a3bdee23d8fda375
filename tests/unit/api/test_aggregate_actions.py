"""The os-aggregates actions (admins only), as Nova answers them: adding
and removing hosts, setting metadata, and the change sequence the
scheduler watches. Every success is checked against tempest.lib's
response schemas."""

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


# add_host

def test_add_host_puts_the_host_in_the_aggregate(admin, db, computes):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.add_host(admin, aggregate_id)

    tempest_validate(v21.aggregate_add_remove_host, resp)
    assert resp.json['aggregate']['hosts'] == ['cmp1']
    assert admin.get(helpers.url(aggregate_id)).json['aggregate']['hosts'] == [
        'cmp1']


def test_add_host_of_no_compute_service_is_not_found(admin, db, computes):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.add_host(admin, aggregate_id, host='nohost')

    assert failed(resp) == (404, 'Compute host nohost could not be found.')


def test_add_host_of_a_non_compute_service_is_not_found(admin, db,
                                                        computes):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.add_host(admin, aggregate_id, host='ctl1')

    assert resp.status_int == 404


def test_add_host_to_an_unknown_aggregate_is_not_found(admin, db,
                                                       computes):
    resp = helpers.add_host(admin, 42)

    assert failed(resp) == (404, 'Aggregate 42 could not be found.')


def test_add_host_already_in_the_aggregate_is_a_conflict(admin, db,
                                                         computes):
    aggregate_id = helpers.create_id(admin)
    helpers.add_host(admin, aggregate_id)

    resp = helpers.add_host(admin, aggregate_id)

    assert failed(resp) == (
        409, 'Aggregate %s already has host cmp1.' % aggregate_id)


def test_add_host_that_would_be_in_two_zones_is_a_conflict(admin, db,
                                                           computes):
    first = helpers.create_id(admin, zone='az1')
    second = helpers.create_id(admin, name='agg2', zone='az2')
    helpers.add_host(admin, first)

    resp = helpers.add_host(admin, second)

    assert failed(resp) == (
        409, "Cannot add host to aggregate %s. Reason: One or more hosts "
             "already in availability zone(s) ['az1']." % second)


def test_add_host_to_a_second_aggregate_of_its_zone(admin, db, computes):
    first = helpers.create_id(admin, zone='az1')
    second = helpers.create_id(admin, name='agg2', zone='az1')
    helpers.add_host(admin, first)

    resp = helpers.add_host(admin, second)

    assert resp.status_int == 200


def test_add_host_with_servers_to_a_zone_is_a_conflict(admin, db, computes,
                                                       flavor):
    aggregate_id = helpers.create_id(admin, zone='az1')
    make_instance(flavor, host='cmp1')

    resp = helpers.add_host(admin, aggregate_id)

    status, message = failed(resp)
    assert status == 409
    assert message == (
        "Cannot add host to aggregate %s. Reason: The host cannot be added "
        "to the aggregate as the availability zone of the host would change "
        "from 'None' to 'az1' but the host already has 1 instance(s). "
        "Changing the AZ of an existing instance is not supported by this "
        "action. Move the instances away from this host then try again. If "
        "you need to move the instances between AZs then you can use "
        # Nova's template ends its reason with one more period.
        "shelve_offload and unshelve to achieve this.." % aggregate_id)


def test_add_host_with_servers_to_an_aggregate_without_zone(admin, db,
                                                            computes,
                                                            flavor):
    aggregate_id = helpers.create_id(admin)
    make_instance(flavor, host='cmp1')

    resp = helpers.add_host(admin, aggregate_id)

    assert resp.status_int == 200


@pytest.mark.parametrize('body', [{}, {'host': ''}, {'host': 'a b'},
                                  {'host': 'cmp1', 'x': 1}])
def test_add_host_refuses_a_bad_body(admin, db, computes, body):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.action(admin, aggregate_id, 'add_host', body)

    assert resp.status_int == 400


def test_an_unknown_action_is_bad_request(admin, db):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.action(admin, aggregate_id, 'add_hosts', {'host': 'cmp1'})

    assert resp.status_int == 400


# remove_host

def test_remove_host_takes_the_host_out(admin, db, computes):
    aggregate_id = helpers.create_id(admin)
    helpers.add_host(admin, aggregate_id)

    resp = helpers.remove_host(admin.at_version('2.41'), aggregate_id)

    tempest_validate(v241.aggregate_add_remove_host, resp)
    assert resp.json['aggregate']['hosts'] == []


@pytest.mark.parametrize('aggregate_id, host', [
    ('own', 'cmp2'), ('own', 'nohost'), (42, 'cmp1')])
def test_remove_host_not_found(admin, db, computes, aggregate_id, host):
    own = helpers.create_id(admin)
    helpers.add_host(admin, own)
    aggregate_id = own if aggregate_id == 'own' else aggregate_id

    resp = helpers.remove_host(admin, aggregate_id, host=host)

    assert failed(resp) == (404, 'Cannot remove host %s in aggregate %s'
                            % (host, aggregate_id))


def test_remove_host_with_servers_from_its_zone_is_a_conflict(admin, db,
                                                              computes,
                                                              flavor):
    aggregate_id = helpers.create_id(admin, zone='az1')
    helpers.add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = helpers.remove_host(admin, aggregate_id)

    status, message = failed(resp)
    assert status == 409
    assert "from 'az1' to 'None'" in message


def test_remove_host_with_servers_keeping_its_zone(admin, db, computes,
                                                   flavor):
    first = helpers.create_id(admin, zone='az1')
    second = helpers.create_id(admin, name='agg2', zone='az1')
    helpers.add_host(admin, first)
    helpers.add_host(admin, second)
    make_instance(flavor, host='cmp1')

    resp = helpers.remove_host(admin, second)

    assert resp.status_int == 200


# set_metadata

def test_set_metadata_sets_and_deletes_keys(admin, db):
    aggregate_id = helpers.create_id(admin)
    helpers.set_metadata(admin, aggregate_id, {'ssd': 'true', 'gpu': 'no'})

    resp = helpers.set_metadata(
        admin, aggregate_id, {'gpu': None, 'ssd': 'false'})

    tempest_validate(v21.aggregate_set_metadata, resp)
    assert resp.json['aggregate']['metadata'] == {'ssd': 'false'}
    assert admin.get(helpers.url(aggregate_id)).json[
        'aggregate']['metadata'] == {
        'ssd': 'false'}


def test_set_metadata_can_set_the_zone(admin, db):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.set_metadata(
        admin, aggregate_id, {'availability_zone': 'az3'})

    assert resp.json['aggregate']['availability_zone'] == 'az3'


@pytest.mark.parametrize('zone', ['', None])
def test_set_metadata_refuses_an_empty_zone(admin, db, zone):
    aggregate_id = helpers.create_id(admin, zone='az1')

    resp = helpers.set_metadata(
        admin, aggregate_id, {'availability_zone': zone})

    assert failed(resp) == (
        400, 'Cannot update metadata of aggregate %s. Reason: Aggregate '
             'agg1 does not support empty named availability zone.'
             % aggregate_id)


def test_set_metadata_refuses_a_second_zone_for_a_host(admin, db,
                                                       computes):
    first = helpers.create_id(admin, zone='az1')
    second = helpers.create_id(admin, name='agg2')
    helpers.add_host(admin, first)
    helpers.add_host(admin, second)

    resp = helpers.set_metadata(admin, second, {'availability_zone': 'az2'})

    assert failed(resp) == (
        400, "Cannot update metadata of aggregate %s. Reason: One or more "
             "hosts already in availability zone(s) ['az1']." % second)


def test_set_metadata_refuses_a_new_zone_for_hosts_with_servers(
        admin, db, computes, flavor):
    aggregate_id = helpers.create_id(admin)
    helpers.add_host(admin, aggregate_id)
    make_instance(flavor, host='cmp1')

    resp = helpers.set_metadata(
        admin, aggregate_id, {'availability_zone': 'az1'})

    assert resp.status_int == 400


@pytest.mark.parametrize('metadata', [{'bad/key': 'v'}, {'k': 'v' * 256},
                                      {'k': 1}, 'ssd'])
def test_set_metadata_refuses_bad_metadata(admin, db, metadata):
    aggregate_id = helpers.create_id(admin)

    resp = helpers.set_metadata(admin, aggregate_id, metadata)

    assert resp.status_int == 400


def test_set_metadata_of_an_unknown_aggregate_is_not_found(admin, db):
    resp = helpers.set_metadata(admin, 42, {'k': 'v'})

    assert resp.status_int == 404


# the change sequence the scheduler watches

@pytest.mark.parametrize('write', [
    lambda admin, agg: helpers.create(admin, name='agg2'),
    lambda admin, agg: helpers.update(admin, agg, name='renamed'),
    lambda admin, agg: helpers.set_metadata(admin, agg, {'k': 'v'}),
    lambda admin, agg: helpers.add_host(admin, agg),
    lambda admin, agg: admin.delete(helpers.url(agg)),
], ids=['create', 'update', 'set_metadata', 'add_host', 'delete'])
def test_every_aggregate_write_bumps_the_change_sequence(admin, db, computes,
                                                         write):
    aggregate_id = helpers.create_id(admin)
    before = helpers.sequence()

    resp = write(admin, aggregate_id)

    assert resp.status_int == 200
    assert helpers.sequence() == before + 1


def test_remove_host_bumps_the_change_sequence(admin, db, computes):
    aggregate_id = helpers.create_id(admin)
    helpers.add_host(admin, aggregate_id)
    before = helpers.sequence()

    helpers.remove_host(admin, aggregate_id)

    assert helpers.sequence() == before + 1


def test_a_refused_write_leaves_the_change_sequence(admin, db, computes):
    aggregate_id = helpers.create_id(admin)
    before = helpers.sequence()

    helpers.add_host(admin, aggregate_id, host='nohost')
    helpers.create(admin)

    assert helpers.sequence() == before


# the objects the scheduler reads

def test_aggregates_of_a_host_and_by_metadata_key(admin, db, computes):
    first = helpers.create_id(admin, zone='az1')
    helpers.create_id(admin, name='agg2')
    helpers.add_host(admin, first)
    context = nova_context.get_admin_context()

    assert [a.name for a in objects.AggregateList.get_by_host(
        context, 'cmp1')] == ['agg1']
    assert [a.name for a in objects.AggregateList.get_by_metadata_key(
        context, 'availability_zone', hosts=['cmp2'])] == []
    assert objects.AggregateList.get_by_host(
        context, 'cmp1', key='availability_zone')[0].availability_zone == \
        'az1'
