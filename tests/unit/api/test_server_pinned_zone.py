"""2.96: the availability zone a server is pinned to, as its request
spec keeps it, in show, detail, update and rebuild; 2.104: an update
unpins it or pins it to the zone it is in; as Nova answers them. Every
answer is checked against tempest.lib's schemas, every refusal changes
nothing."""

import pytest
from tempest.lib.api_schema.response.compute.v2_89 import servers as v289
from tempest.lib.api_schema.response.compute.v2_96 import servers as v296
from tempest.lib.api_schema.response.compute.v2_100 import servers as v2100

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import answered_server
from tests.unit.api import boot_active
from tests.unit.api import db_instance
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import make_service
from tests.unit.api import make_zone
from tests.unit.api import server_answers
from tests.unit.api import tempest_validate

SERVERS = '/v2.1/servers'
PINNED = 'pinned_availability_zone'
ZONE = 'OS-EXT-AZ:availability_zone'


@pytest.fixture
def zones(db):
    """cmp1 in az1, cmp2 in the default zone (nova)."""
    make_service('cmp1')
    make_service('cmp2')
    make_zone('az1', ['cmp1'])


@pytest.fixture
def user(client):
    return client.at_version('2.96')


def spec_zone(server_id):
    return objects.RequestSpec.get_by_instance_uuid(
        nova_context.get_admin_context(), server_id).availability_zone


def test_every_document_shows_the_zone_asked_for_from_2_96(
        user, zones, flavor, image):
    server_id = boot_active(user, 'cmp1', availability_zone='az1')

    for name, resp in server_answers(user, server_id):
        tempest_validate(getattr(v296, name), resp)
        assert answered_server(resp)[PINNED] == 'az1'


def test_a_server_that_asked_for_no_zone_is_pinned_to_none(
        user, zones, flavor, image):
    server_id = boot_active(user, 'cmp1')

    for name, resp in server_answers(user, server_id):
        tempest_validate(getattr(v296, name), resp)
        server = answered_server(resp)
        # It is in its host's zone, but not pinned to it.
        assert (server[ZONE], server[PINNED]) == ('az1', None)


def test_before_2_96_no_document_shows_it(user, zones, flavor, image):
    server_id = boot_active(user, 'cmp1', availability_zone='az1')

    for name, resp in server_answers(user.at_version('2.95'), server_id):
        tempest_validate(getattr(v289, name), resp)
        assert PINNED not in answered_server(resp)


def test_a_server_without_a_request_spec_is_pinned_to_none(client, flavor):
    # (A deleted server has none.) Show answers {} for its scheduler
    # hints, the list null, as Nova's.
    server = make_instance(flavor, host='compute1')
    client = client.at_version('2.100')

    resp = client.get('%s/%s' % (SERVERS, server.uuid))
    tempest_validate(v2100.get_server, resp)
    assert (resp.json['server'][PINNED],
            resp.json['server']['scheduler_hints']) == (None, {})
    resp = client.get(SERVERS + '/detail')
    [listed] = resp.json['servers']
    assert (listed[PINNED], listed['scheduler_hints']) == (None, None)


# 2.104: pinning and unpinning with PUT /servers/{id}

def _pin(client, server_id, zone, **values):
    return client.at_version('2.104').request(
        'PUT', '%s/%s' % (SERVERS, server_id),
        body={'server': dict(values, pinned_availability_zone=zone)})


def _shown_pin(client, server_id):
    resp = client.at_version('2.104').get('%s/%s' % (SERVERS, server_id))
    tempest_validate(v2100.get_server, resp)
    return resp.json['server'][PINNED]


def test_null_unpins_a_server(user, zones, flavor, image):
    server_id = boot_active(user, 'cmp1', availability_zone='az1')

    resp = _pin(user, server_id, None)

    # Nova's answer to an update at 2.104 is its 2.100 one.
    tempest_validate(v2100.update_server, resp)
    assert (resp.json['server'][PINNED], resp.json['server'][ZONE]) == (
        None, 'az1')
    assert spec_zone(server_id) is None
    assert _shown_pin(user, server_id) is None


@pytest.mark.parametrize('host,zone', [('cmp1', 'az1'), ('cmp2', 'nova')])
def test_an_unpinned_server_is_pinned_to_the_zone_it_is_in(
        user, zones, flavor, image, host, zone):
    server_id = boot_active(user, host)

    resp = _pin(user, server_id, zone, name='web')

    tempest_validate(v2100.update_server, resp)
    assert (resp.json['server'][PINNED], resp.json['server']['name']) == (
        zone, 'web')
    assert spec_zone(server_id) == zone
    assert _shown_pin(user, server_id) == zone


@pytest.mark.parametrize('asked', [None, 'az1'])
def test_pinning_as_it_is_changes_nothing(user, zones, flavor, image,
                                          asked):
    server_id = boot_active(user, 'cmp1',
                            **({'availability_zone': asked} if asked else {}))

    resp = _pin(user, server_id, asked)

    tempest_validate(v2100.update_server, resp)
    assert resp.json['server'][PINNED] == asked
    assert spec_zone(server_id) == asked


def test_a_pinned_server_is_not_pinned_to_another_zone(user, zones, flavor,
                                                       image):
    server_id = boot_active(user, 'cmp1', availability_zone='az1')

    resp = _pin(user, server_id, 'nova', name='web')

    assert failed(resp) == (
        409, 'Cannot change pinned availability zone directly. Unpin first '
             'by setting pinned_availability_zone to null.')
    assert spec_zone(server_id) == 'az1'
    assert db_instance(server_id).display_name == 'vm1'


@pytest.mark.parametrize('host,current', [('cmp1', 'az1'),
                                          # Not scheduled, no zone asked.
                                          (None, 'None')])
def test_a_server_is_pinned_only_to_the_zone_it_is_in(
        user, zones, flavor, image, host, current):
    server_id = boot_active(user, host)

    resp = _pin(user, server_id, 'nova', name='web')

    assert failed(resp) == (
        409, "Server can only be pinned to its current availability zone "
             "'%s', but 'nova' was requested." % current)
    assert spec_zone(server_id) is None
    assert db_instance(server_id).display_name == 'vm1'


@pytest.mark.parametrize('version,zone,message', [
    ('2.103', None, "Additional properties are not allowed "
                    "('pinned_availability_zone' was unexpected)"),
    ('2.104', '', "Invalid input for field/attribute "
                  "pinned_availability_zone. Value: . '' is not valid "
                  "under any of the given schemas"),
    ('2.104', 'z' * 256, "Invalid input for field/attribute "
                         "pinned_availability_zone. Value: %s. '%s' is not "
                         "valid under any of the given schemas"
                         % ('z' * 256, 'z' * 256)),
])
def test_a_bad_pin_is_refused_and_changes_nothing(user, zones, flavor, image,
                                                  version, zone, message):
    server_id = boot_active(user, 'cmp1', availability_zone='az1')

    resp = user.at_version(version).request(
        'PUT', '%s/%s' % (SERVERS, server_id),
        body={'server': {'name': 'web', PINNED: zone}})

    assert resp.status_int == 400
    assert failed(resp)[1].endswith(message)
    assert spec_zone(server_id) == 'az1'
    assert db_instance(server_id).display_name == 'vm1'


def test_another_projects_server_is_not_found(user, zones, flavor, image):
    server_id = boot_active(user, 'cmp1', availability_zone='az1')

    resp = _pin(user.as_user('eve:eve-project'), server_id, None)

    assert failed(resp) == (404, 'Instance %s could not be found.'
                            % server_id)
    assert spec_zone(server_id) == 'az1'
