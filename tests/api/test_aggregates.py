"""/os-aggregates (admins): host aggregates, their hosts and metadata,
and the availability zones they make."""

import uuid

import pytest
from tempest.lib import exceptions as lib_exc

from tests.api import clients


@pytest.fixture
def aggregate(admin):
    """An aggregate of the test's own, without a zone; emptied and
    deleted after the test."""
    aggregate = admin.aggregates.create_aggregate(
        name='aggregate-%s' % uuid.uuid4().hex[:8])['aggregate']
    yield aggregate
    try:
        hosts = admin.aggregates.show_aggregate(
            aggregate['id'])['aggregate']['hosts']
    except lib_exc.NotFound:
        return
    for host in hosts:
        admin.aggregates.remove_host(aggregate['id'], host=host)
    admin.aggregates.delete_aggregate(aggregate['id'])


def test_create_answers_with_the_aggregate_and_its_zone(admin):
    created = admin.aggregates.create_aggregate(
        name='zoned', availability_zone='zone-x')['aggregate']
    try:
        assert (created['name'], created['availability_zone']) == (
            'zoned', 'zone-x')
    finally:
        admin.aggregates.delete_aggregate(created['id'])


def test_list_shows_the_aggregate(admin, aggregate):
    assert aggregate['id'] in [
        listed['id']
        for listed in admin.aggregates.list_aggregates()['aggregates']]


def test_show_shows_the_hosts_and_metadata(admin, aggregate):
    shown = admin.aggregates.show_aggregate(aggregate['id'])['aggregate']
    assert (shown['hosts'], shown['metadata']) == ([], {})


def test_create_with_a_taken_name_is_409(admin, aggregate):
    with clients.refused(409, 'Aggregate %s already exists.'
                         % aggregate['name']):
        admin.aggregates.create_aggregate(name=aggregate['name'])


def test_create_without_a_name_is_400_and_creates_nothing(admin):
    before = admin.aggregates.list_aggregates()['aggregates']
    with clients.refused(400) as refusal:
        admin.aggregates.create_aggregate(availability_zone='zone-y')
    assert "'name' is a required property" in refusal.message
    assert admin.aggregates.list_aggregates()['aggregates'] == before


def test_update_renames_the_aggregate(admin, aggregate):
    updated = admin.aggregates.update_aggregate(
        aggregate['id'], name=aggregate['name'] + '-renamed')['aggregate']
    assert updated['name'] == aggregate['name'] + '-renamed'


def test_add_host_puts_the_host_in_the_aggregate(admin, aggregate):
    answer = admin.aggregates.add_host(aggregate['id'],
                                       host='compute1')['aggregate']
    assert answer['hosts'] == ['compute1']


def test_add_of_a_host_it_has_is_409(admin, aggregate):
    admin.aggregates.add_host(aggregate['id'], host='compute1')
    with clients.refused(409, 'Aggregate %s already has host compute1.'
                         % aggregate['id']):
        admin.aggregates.add_host(aggregate['id'], host='compute1')


def test_add_of_an_unknown_host_is_404(admin, aggregate):
    with clients.refused(404, 'Compute host nowhere could not be found.'):
        admin.aggregates.add_host(aggregate['id'], host='nowhere')
    assert admin.aggregates.show_aggregate(
        aggregate['id'])['aggregate']['hosts'] == []


def test_moving_a_host_with_servers_to_another_zone_is_409(admin, server_a):
    host = admin.servers.show_server(server_a['id'])['server'][
        'OS-EXT-SRV-ATTR:host']
    zoned = admin.aggregates.create_aggregate(
        name='zone-move', availability_zone='elsewhere')['aggregate']
    try:
        with clients.refused(409) as refusal:
            admin.aggregates.add_host(zoned['id'], host=host)
        assert refusal.message.startswith(
            "Cannot add host to aggregate %s. Reason: The host cannot be "
            "added to the aggregate as the availability zone of the host "
            "would change from 'None' to 'elsewhere'" % zoned['id'])
    finally:
        admin.aggregates.delete_aggregate(zoned['id'])


def test_remove_host_takes_the_host_out(admin, aggregate):
    admin.aggregates.add_host(aggregate['id'], host='compute1')
    answer = admin.aggregates.remove_host(aggregate['id'],
                                          host='compute1')['aggregate']
    assert answer['hosts'] == []


def test_remove_of_a_host_not_in_it_is_404(admin, aggregate):
    with clients.refused(404, 'Cannot remove host compute1 in aggregate %s'
                         % aggregate['id']):
        admin.aggregates.remove_host(aggregate['id'], host='compute1')


def test_set_metadata_sets_and_unsets_keys(admin, aggregate):
    admin.aggregates.set_metadata(aggregate['id'],
                                  metadata={'ssd': 'true', 'gpu': 'no'})
    answer = admin.aggregates.set_metadata(
        aggregate['id'], metadata={'gpu': None})['aggregate']
    assert answer['metadata'] == {'ssd': 'true'}


def test_delete_of_an_aggregate_with_hosts_is_400(admin, aggregate):
    admin.aggregates.add_host(aggregate['id'], host='compute2')
    with clients.refused(400, 'Cannot remove host from aggregate %s. '
                              'Reason: Host aggregate is not empty.'
                         % aggregate['id']):
        admin.aggregates.delete_aggregate(aggregate['id'])
    admin.aggregates.show_aggregate(aggregate['id'])


def test_delete_removes_the_aggregate(admin, aggregate):
    admin.aggregates.delete_aggregate(aggregate['id'])
    with clients.refused(404, 'Aggregate %s could not be found.'
                         % aggregate['id']):
        admin.aggregates.show_aggregate(aggregate['id'])


def test_show_of_an_unknown_aggregate_is_404(admin):
    with clients.refused(404, 'Aggregate 99999 could not be found.'):
        admin.aggregates.show_aggregate(99999)


def test_member_cannot_list_aggregates(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-aggregates:index')):
        member_a.aggregates.list_aggregates()


def test_member_cannot_add_a_host(member_a, aggregate):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-aggregates:add_host')):
        member_a.aggregates.add_host(aggregate['id'], host='compute1')
