"""A reader of project A reads A's server and what hangs off it, and is
refused (403, Nova's policy message) every change; the server is as it
was afterwards."""

import pytest

from tests.api import clients
from tests.api import conftest


def _refused(rule):
    return clients.refused(403, clients.policy_message(rule))


@pytest.fixture
def unchanged(member_a, server_a):
    """After the test: server A as it was (status, name, metadata, tags,
    lock), as its member sees it."""
    def state():
        with clients.microversion('2.26'):
            server = member_a.servers.show_server(server_a['id'])['server']
        return (server['status'], server['name'], server['metadata'],
                server['tags'], server['locked'])
    before = state()
    yield
    assert state() == before


# reading

def test_reader_shows_the_server(reader_a, server_a):
    assert reader_a.servers.show_server(server_a['id'])['server'][
        'name'] == 'server-a'


def test_reader_lists_the_project_servers(reader_a, server_a):
    assert server_a['id'] in [
        server['id']
        for server in reader_a.servers.list_servers(detail=True)['servers']]


def test_reader_reads_the_metadata(reader_a, server_a):
    assert reader_a.servers.list_server_metadata(server_a['id'])[
        'metadata'] == {'purpose': 'shared'}


@pytest.mark.microversion('2.26')
def test_reader_reads_the_tags(reader_a, server_a):
    assert reader_a.servers.list_tags(server_a['id'])['tags'] == ['shared']


def test_reader_reads_the_actions(reader_a, server_a):
    assert 'create' in [
        action['action'] for action in
        reader_a.servers.list_instance_actions(server_a['id'])[
            'instanceActions']]


def test_reader_reads_the_addresses_and_interfaces(reader_a, server_a):
    assert 'private' in reader_a.servers.list_addresses(server_a['id'])[
        'addresses']
    assert reader_a.interfaces.list_interfaces(server_a['id'])[
        'interfaceAttachments']


def test_reader_reads_the_project_quotas(reader_a):
    assert reader_a.quotas.show_quota_set(conftest.PROJECT_A)['quota_set'][
        'id'] == conftest.PROJECT_A


# refusals

def test_reader_cannot_create_a_server(reader_a, member_a, image_id):
    with _refused('os_compute_api:servers:create'):
        reader_a.servers.create_server(name='by-reader', imageRef=image_id,
                                       flavorRef=conftest.FLAVOR)
    assert 'by-reader' not in [server['name'] for server in
                               member_a.servers.list_servers()['servers']]


def test_reader_cannot_rename_the_server(reader_a, server_a, unchanged):
    with _refused('os_compute_api:servers:update'):
        reader_a.servers.update_server(server_a['id'], name='renamed')


def test_reader_cannot_delete_the_server(reader_a, server_a, unchanged):
    with _refused('os_compute_api:servers:delete'):
        reader_a.servers.delete_server(server_a['id'])


@pytest.mark.parametrize('action, rule', [
    ('stop_server', 'os_compute_api:servers:stop'),
    ('start_server', 'os_compute_api:servers:start'),
    ('pause_server', 'os_compute_api:os-pause-server:pause'),
    ('unpause_server', 'os_compute_api:os-pause-server:unpause'),
    ('suspend_server', 'os_compute_api:os-suspend-server:suspend'),
    ('resume_server', 'os_compute_api:os-suspend-server:resume'),
    ('lock_server', 'os_compute_api:os-lock-server:lock'),
    ('unlock_server', 'os_compute_api:os-lock-server:unlock'),
    ('get_console_output', 'os_compute_api:os-console-output'),
])
def test_reader_cannot_act_on_the_server(reader_a, server_a, unchanged,
                                         action, rule):
    with _refused(rule):
        getattr(reader_a.servers, action)(server_a['id'])


def test_reader_cannot_reboot_the_server(reader_a, server_a, unchanged):
    with _refused('os_compute_api:servers:reboot'):
        reader_a.servers.reboot_server(server_a['id'], type='HARD')


def test_reader_cannot_rebuild_the_server(reader_a, server_a, image_id,
                                          unchanged):
    with _refused('os_compute_api:servers:rebuild'):
        reader_a.servers.rebuild_server(server_a['id'], image_id,
                                        name='rebuilt')


def test_reader_cannot_merge_metadata(reader_a, server_a, unchanged):
    with _refused('os_compute_api:server-metadata:create'):
        reader_a.servers.update_server_metadata(server_a['id'], {'a': 'b'})


def test_reader_cannot_replace_metadata(reader_a, server_a, unchanged):
    with _refused('os_compute_api:server-metadata:update_all'):
        reader_a.servers.set_server_metadata(server_a['id'], {'a': 'b'})


def test_reader_cannot_set_a_metadata_item(reader_a, server_a, unchanged):
    with _refused('os_compute_api:server-metadata:update'):
        reader_a.servers.set_server_metadata_item(server_a['id'], 'purpose',
                                                  {'purpose': 'mine'})


def test_reader_cannot_delete_a_metadata_item(reader_a, server_a,
                                              unchanged):
    with _refused('os_compute_api:server-metadata:delete'):
        reader_a.servers.delete_server_metadata_item(server_a['id'],
                                                     'purpose')


@pytest.mark.microversion('2.26')
def test_reader_cannot_add_a_tag(reader_a, server_a, unchanged):
    with _refused('os_compute_api:os-server-tags:update'):
        reader_a.servers.update_tag(server_a['id'], 'mine')


@pytest.mark.microversion('2.26')
def test_reader_cannot_replace_the_tags(reader_a, server_a, unchanged):
    with _refused('os_compute_api:os-server-tags:update_all'):
        reader_a.servers.update_all_tags(server_a['id'], ['mine'])


@pytest.mark.microversion('2.26')
def test_reader_cannot_delete_a_tag(reader_a, server_a, unchanged):
    with _refused('os_compute_api:os-server-tags:delete'):
        reader_a.servers.delete_tag(server_a['id'], 'shared')


@pytest.mark.microversion('2.26')
def test_reader_cannot_delete_every_tag(reader_a, server_a, unchanged):
    with _refused('os_compute_api:os-server-tags:delete_all'):
        reader_a.servers.delete_all_tags(server_a['id'])


def test_reader_cannot_create_a_server_group(reader_a, member_a):
    with _refused('os_compute_api:os-server-groups:create'):
        reader_a.server_groups.create_server_group(name='by-reader',
                                                   policies=['affinity'])
    assert 'by-reader' not in [
        group['name'] for group in
        member_a.server_groups.list_server_groups()['server_groups']]


def test_reader_manages_their_own_key_pairs(reader_a):
    # Key pairs belong to users: the rule is the user's, not the role's.
    reader_a.keypairs.create_keypair(name='rita-key')
    reader_a.keypairs.delete_keypair('rita-key')
