"""The server fields of microversions 2.94 to 2.104 over HTTP, as
project A's member sees them; tempest.lib's clients check every answer
against their schema of the microversion in use."""

import pytest

from tests.api import clients
from tests.api import conftest
from tests.api import waiters

HOSTNAME = 'OS-EXT-SRV-ATTR:hostname'


@pytest.mark.microversion('2.94')
def test_a_server_keeps_the_domain_name_it_asks_for(member_a, boot):
    server = boot(hostname='web.example.org')

    assert server[HOSTNAME] == 'web.example.org'
    updated = member_a.servers.update_server(
        server['id'], hostname='db.example.org')['server']
    assert updated[HOSTNAME] == 'db.example.org'


@pytest.mark.microversion('2.93')
def test_a_domain_name_is_refused_before_2_94(member_a, image_id):
    with clients.refused(400, "Invalid input for field/attribute hostname. "
                              "Value: web.example.org. 'web.example.org' "
                              "does not match '^[a-zA-Z0-9]+[a-zA-Z0-9-]*"
                              "[a-zA-Z0-9]+$'"):
        member_a.servers.create_server(
            name='refused', imageRef=image_id, flavorRef=conftest.FLAVOR,
            networks='none', hostname='web.example.org')


@pytest.fixture(scope='module')
def described_image(cloud, image_file):
    """An image with a property Nova knows and one it does not."""
    return cloud.manage(
        'image', 'create', '--name', 'described', '--file', image_file,
        '--property', 'os_distro=cirros', '--property',
        'color=blue').strip().splitlines()[-1]


@pytest.fixture
def described_server(member_a, admin, server_a, described_image):
    """A server of the described image, pinned to the default zone and
    asking to be on server_a's host."""
    server = member_a.servers.create_server(
        name='described', imageRef=described_image,
        flavorRef=conftest.FLAVOR, networks='none',
        availability_zone='nova',
        scheduler_hints={'same_host': [server_a['id']]})['server']
    yield waiters.wait_for_server_status(member_a.servers, server['id'],
                                         'ACTIVE')
    admin.servers.delete_server(server['id'])


@pytest.mark.microversion('2.100')
def test_a_server_shows_its_zone_image_properties_and_hints(
        member_a, server_a, described_server):
    expected = ('nova', {'os_distro': 'cirros'},
                {'same_host': [server_a['id']]})

    shown = member_a.servers.show_server(described_server['id'])['server']
    [listed] = [server for server in member_a.servers.list_servers(
        detail=True)['servers'] if server['id'] == described_server['id']]
    for server in (shown, listed):
        assert (server['pinned_availability_zone'],
                server['image']['properties'],
                server['scheduler_hints']) == expected


@pytest.mark.microversion('2.95')
def test_before_2_96_a_server_shows_none_of_them(member_a, server_a):
    shown = member_a.servers.show_server(server_a['id'])['server']
    assert not {'pinned_availability_zone', 'scheduler_hints'} & set(shown)
    assert 'properties' not in shown['image']


@pytest.mark.microversion('2.104')
def test_a_server_is_unpinned_and_pinned_to_its_zone_again(
        member_a, described_server):
    server_id = described_server['id']
    update = member_a.servers.update_server

    assert update(server_id, pinned_availability_zone=None)['server'][
        'pinned_availability_zone'] is None
    with clients.refused(409, "Server can only be pinned to its current "
                              "availability zone 'nova', but 'elsewhere' "
                              "was requested."):
        update(server_id, pinned_availability_zone='elsewhere')
    assert update(server_id, pinned_availability_zone='nova')['server'][
        'pinned_availability_zone'] == 'nova'
    with clients.refused(409, 'Cannot change pinned availability zone '
                              'directly. Unpin first by setting '
                              'pinned_availability_zone to null.'):
        update(server_id, pinned_availability_zone='elsewhere')
    assert member_a.servers.show_server(server_id)['server'][
        'pinned_availability_zone'] == 'nova'


@pytest.mark.microversion('2.103')
def test_os_volumes_boot_is_not_found(member_a):
    # Nova removed this alias of /servers at 2.103; nova-lite never had it.
    with clients.refused(404):
        clients.call(member_a.servers, 'GET', 'os-volumes_boot',
                     {'status_code': [200]})
