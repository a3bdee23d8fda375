"""/servers/{id}/os-instance-actions: what was done to a server, by whom,
and (admins; everyone from 2.51) the events of each action."""

import pytest
from tempest.lib.api_schema.response.compute.v2_58 import servers as v2_58

from tests.api import clients
from tests.api import conftest
from tests.api import waiters


def _actions(user, server):
    return user.servers.list_instance_actions(server['id'])[
        'instanceActions']


def _create_action(user, server):
    [create] = [action for action in _actions(user, server)
                if action['action'] == 'create']
    return create


def test_list_shows_the_create_by_its_user(member_a, server_a):
    create = _create_action(member_a, server_a)
    assert (create['user_id'], create['project_id']) == (
        'alice', conftest.PROJECT_A)
    assert create['request_id'].startswith('req-')


def test_list_shows_the_newest_action_first(member_a, boot):
    server = boot()
    member_a.servers.stop_server(server['id'])
    waiters.wait_for_server_status(member_a.servers, server['id'],
                                   'SHUTOFF')
    assert [action['action'] for action in _actions(member_a, server)] == \
        ['stop', 'create']


def test_show_hides_the_events_from_a_member_before_2_51(member_a,
                                                         server_a):
    create = _create_action(member_a, server_a)
    action = member_a.servers.show_instance_action(
        server_a['id'], create['request_id'])['instanceAction']
    assert action['action'] == 'create'
    assert 'events' not in action


def test_show_gives_an_admin_the_events_with_tracebacks(admin, server_a):
    create = _create_action(admin, server_a)
    action = waiters.wait_for_finished_action(
        admin.servers, server_a['id'], create['request_id'])
    assert action['events']
    assert all(event['result'] == 'Success' and 'traceback' in event
               for event in action['events'])


@pytest.mark.microversion('2.51')
def test_show_gives_a_member_the_events_without_tracebacks_from_2_51(
        member_a, server_a):
    create = _create_action(member_a, server_a)
    action = member_a.servers.show_instance_action(
        server_a['id'], create['request_id'])['instanceAction']
    assert action['events']
    assert not any('traceback' in event for event in action['events'])


@pytest.mark.microversion('2.62')
def test_events_carry_the_host_id_and_for_admins_the_host_from_2_62(
        member_a, admin, server_a):
    create = _create_action(member_a, server_a)
    for user, shows_host in ((member_a, False), (admin, True)):
        action = user.servers.show_instance_action(
            server_a['id'], create['request_id'])['instanceAction']
        events = {event['event']: event for event in action['events']}
        # The build ran on the server's host.
        assert events['compute__do_build_and_run_instance']['hostId'] == \
            server_a['hostId']
        assert all(('host' in event) == shows_host
                   for event in action['events'])


@pytest.mark.microversion('2.58')
def test_list_is_paged_with_updated_at_from_2_58(member_a, boot):
    server = boot()
    member_a.servers.stop_server(server['id'])
    waiters.wait_for_server_status(member_a.servers, server['id'],
                                   'SHUTOFF')
    path = 'servers/%s/os-instance-actions' % server['id']
    _headers, body = clients.call(member_a.servers, 'GET', path + '?limit=1',
                                  v2_58.list_instance_actions)
    [newest] = body['instanceActions']
    assert newest['action'] == 'stop' and newest['updated_at']
    [link] = body['links']
    assert 'marker=%s' % newest['request_id'] in link['href']
    _headers, body = clients.call(
        member_a.servers, 'GET',
        path + '?limit=1&marker=%s' % newest['request_id'],
        v2_58.list_instance_actions)
    assert [action['action'] for action in body['instanceActions']] == \
        ['create']


@pytest.mark.microversion('2.58')
def test_list_with_an_unknown_marker_is_400(member_a, server_a):
    with clients.refused(400, 'Marker req-nope could not be found.'):
        clients.call(member_a.servers, 'GET',
                     'servers/%s/os-instance-actions?marker=req-nope'
                     % server_a['id'], v2_58.list_instance_actions)


def test_show_of_an_unknown_request_is_404(member_a, server_a):
    with clients.refused(404, 'Action req-nope not found'):
        member_a.servers.show_instance_action(server_a['id'], 'req-nope')


def test_list_of_an_unknown_server_is_404(member_a):
    server_id = '00000000-0000-0000-0000-000000000000'
    with clients.refused(404, 'Instance %s could not be found.'
                         % server_id):
        member_a.servers.list_instance_actions(server_id)


@pytest.fixture
def deleted_server(member_a, boot):
    server = boot()
    member_a.servers.delete_server(server['id'])
    waiters.wait_for_server_deleted(member_a.servers, server['id'])
    return server


@pytest.mark.microversion('2.21')
def test_actions_of_a_deleted_server_are_listed_from_2_21(member_a,
                                                          deleted_server):
    assert [action['action'] for action in
            _actions(member_a, deleted_server)] == ['delete', 'create']


@pytest.mark.microversion('2.20')
def test_actions_of_a_deleted_server_are_404_before_2_21(member_a,
                                                         deleted_server):
    with clients.refused(404):
        _actions(member_a, deleted_server)
