"""Isolation between projects and users: project B's member neither sees
nor touches project A's server and what hangs off it (404, as if it did
not exist) nor A's server groups; key pairs belong to their user alone;
an admin sees every project's servers with all_tenants."""

import uuid

import pytest
from tempest.lib import exceptions as lib_exc

from tests.api import clients
from tests.api import conftest


def _not_found(server):
    return 'Instance %s could not be found.' % server['id']


def _server_ids(user, **params):
    return {server['id']
            for server in user.servers.list_servers(**params)['servers']}


def test_b_cannot_show_a_server_of_a(member_b, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.show_server(server_a['id'])


def test_b_does_not_list_a_server_of_a(member_b, server_a):
    assert server_a['id'] not in _server_ids(member_b)
    assert server_a['id'] not in _server_ids(member_b, detail=True)


def test_b_cannot_list_every_project_servers(member_b):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:servers:index:get_all_tenants')):
        member_b.servers.list_servers(all_tenants=True)


def test_b_cannot_rename_a_server_of_a(member_b, member_a, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.update_server(server_a['id'], name='taken')
    assert member_a.servers.show_server(server_a['id'])['server'][
        'name'] == 'server-a'


def test_b_cannot_delete_a_server_of_a(member_b, member_a, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.delete_server(server_a['id'])
    assert member_a.servers.show_server(server_a['id'])['server'][
        'status'] == 'ACTIVE'


@pytest.mark.parametrize('action', ['stop_server', 'pause_server',
                                    'lock_server', 'get_console_output'])
def test_b_cannot_act_on_a_server_of_a(member_b, member_a, server_a,
                                       action):
    with clients.refused(404, _not_found(server_a)):
        getattr(member_b.servers, action)(server_a['id'])
    assert member_a.servers.show_server(server_a['id'])['server'][
        'status'] == 'ACTIVE'


def test_b_cannot_read_the_metadata_of_a_server_of_a(member_b, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.list_server_metadata(server_a['id'])


def test_b_cannot_change_the_metadata_of_a_server_of_a(member_b, member_a,
                                                       server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.set_server_metadata(server_a['id'], {'x': 'y'})
    assert member_a.servers.list_server_metadata(server_a['id'])[
        'metadata'] == {'purpose': 'shared'}


@pytest.mark.microversion('2.26')
def test_b_cannot_read_the_tags_of_a_server_of_a(member_b, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.list_tags(server_a['id'])


@pytest.mark.microversion('2.26')
def test_b_cannot_tag_a_server_of_a(member_b, member_a, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.update_tag(server_a['id'], 'mine')
    assert member_a.servers.list_tags(server_a['id'])['tags'] == ['shared']


def test_b_cannot_read_the_actions_of_a_server_of_a(member_b, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.list_instance_actions(server_a['id'])


def test_b_cannot_read_an_action_of_a_server_of_a(member_b, member_a,
                                                  server_a):
    [create] = member_a.servers.list_instance_actions(server_a['id'])[
        'instanceActions']
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.show_instance_action(server_a['id'],
                                              create['request_id'])


def test_b_cannot_read_the_addresses_of_a_server_of_a(member_b, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.servers.list_addresses(server_a['id'])


def test_b_cannot_read_the_interfaces_of_a_server_of_a(member_b, server_a):
    with clients.refused(404, _not_found(server_a)):
        member_b.interfaces.list_interfaces(server_a['id'])


# key pairs: per user

@pytest.fixture
def alice_key(member_a):
    name = 'alice-%s' % uuid.uuid4().hex[:8]
    member_a.keypairs.create_keypair(name=name)
    yield name
    member_a.keypairs.delete_keypair(name)


def _key_names(user):
    return {item['keypair']['name']
            for item in user.keypairs.list_keypairs()['keypairs']}


def test_b_cannot_see_a_key_of_a_user_of_a(member_b, alice_key):
    assert alice_key not in _key_names(member_b)
    with clients.refused(404, 'Keypair %s not found for user bob'
                         % alice_key):
        member_b.keypairs.show_keypair(alice_key)


def test_another_user_of_the_same_project_cannot_see_a_key(reader_a,
                                                           alice_key):
    assert alice_key not in _key_names(reader_a)
    with clients.refused(404, 'Keypair %s not found for user rita'
                         % alice_key):
        reader_a.keypairs.show_keypair(alice_key)


def test_b_cannot_delete_a_key_of_a_user_of_a(member_b, member_a,
                                              alice_key):
    with clients.refused(404):
        member_b.keypairs.delete_keypair(alice_key)
    assert alice_key in _key_names(member_a)


def test_the_same_key_name_is_free_for_another_user(member_b, alice_key):
    member_b.keypairs.create_keypair(name=alice_key)
    member_b.keypairs.delete_keypair(alice_key)


# server groups

@pytest.fixture
def group_a(member_a):
    group = member_a.server_groups.create_server_group(
        name='group-a', policies=['affinity'])['server_group']
    yield group
    try:
        member_a.server_groups.delete_server_group(group['id'])
    except lib_exc.NotFound:
        pass


def test_b_cannot_show_a_server_group_of_a(member_b, group_a):
    with clients.refused(404, 'Instance group %s could not be found.'
                         % group_a['id']):
        member_b.server_groups.show_server_group(group_a['id'])


def test_b_does_not_list_a_server_group_of_a(member_b, group_a):
    assert group_a['id'] not in [
        group['id'] for group in
        member_b.server_groups.list_server_groups()['server_groups']]


def test_b_asking_for_all_projects_groups_gets_its_own(member_b, group_a):
    assert group_a['id'] not in [
        group['id'] for group in member_b.server_groups.list_server_groups(
            all_projects=True)['server_groups']]


def test_b_cannot_delete_a_server_group_of_a(member_b, member_a, group_a):
    with clients.refused(404):
        member_b.server_groups.delete_server_group(group_a['id'])
    member_a.server_groups.show_server_group(group_a['id'])


def test_admin_lists_every_project_groups(admin, group_a):
    assert group_a['id'] in [
        group['id'] for group in admin.server_groups.list_server_groups(
            all_projects=True)['server_groups']]


# the admin

def test_admin_sees_only_its_project_servers_by_default(admin, server_a):
    assert server_a['id'] not in _server_ids(admin)


def test_admin_sees_both_projects_servers_with_all_tenants(admin, server_a,
                                                           boot, member_b):
    server_b = boot(user=member_b)
    every = admin.servers.list_servers(detail=True,
                                       all_tenants=True)['servers']
    projects = {server['id']: server['tenant_id'] for server in every}
    assert projects[server_a['id']] == conftest.PROJECT_A
    assert projects[server_b['id']] == conftest.PROJECT_B


def test_admin_shows_a_server_of_any_project(admin, server_a):
    assert admin.servers.show_server(server_a['id'])['server'][
        'tenant_id'] == conftest.PROJECT_A
