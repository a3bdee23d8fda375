"""/servers/{id}/metadata and its items: read, merged, replaced, set and
deleted by the project's member; refused on a bad body, a missing item,
and a server whose state or lock forbids a change."""

import pytest

from tests.api import clients


@pytest.fixture
def server(boot):
    return boot(metadata={'color': 'red', 'size': 'big'})


def _metadata(user, server):
    return user.servers.list_server_metadata(server['id'])['metadata']


def test_list_shows_the_server_metadata(member_a, server_a):
    assert _metadata(member_a, server_a) == {'purpose': 'shared'}


def test_show_item_shows_one_key(member_a, server_a):
    assert member_a.servers.show_server_metadata_item(
        server_a['id'], 'purpose')['meta'] == {'purpose': 'shared'}


def test_show_of_a_missing_item_is_404(member_a, server_a):
    with clients.refused(404, 'Metadata item was not found'):
        member_a.servers.show_server_metadata_item(server_a['id'], 'nope')


def test_update_merges_into_the_metadata(member_a, server):
    answer = member_a.servers.update_server_metadata(
        server['id'], {'color': 'blue', 'shape': 'round'})['metadata']
    expected = {'color': 'blue', 'size': 'big', 'shape': 'round'}
    assert answer == expected
    assert _metadata(member_a, server) == expected


def test_set_replaces_the_metadata(member_a, server):
    member_a.servers.set_server_metadata(server['id'], {'shape': 'round'})
    assert _metadata(member_a, server) == {'shape': 'round'}


def test_set_item_sets_one_key(member_a, server):
    member_a.servers.set_server_metadata_item(server['id'], 'color',
                                              {'color': 'green'})
    assert _metadata(member_a, server) == {'color': 'green', 'size': 'big'}


def test_set_item_with_another_key_in_the_body_is_400(member_a, server):
    with clients.refused(400, 'Request body and URI mismatch'):
        member_a.servers.set_server_metadata_item(server['id'], 'color',
                                                  {'size': 'small'})
    assert _metadata(member_a, server) == {'color': 'red', 'size': 'big'}


def test_delete_item_removes_one_key(member_a, server):
    member_a.servers.delete_server_metadata_item(server['id'], 'color')
    assert _metadata(member_a, server) == {'size': 'big'}


def test_delete_of_a_missing_item_is_404(member_a, server):
    with clients.refused(404, 'Metadata item was not found'):
        member_a.servers.delete_server_metadata_item(server['id'], 'nope')


def test_a_non_string_value_is_400_and_changes_nothing(member_a, server):
    with clients.refused(400) as refusal:
        member_a.servers.update_server_metadata(server['id'], {'color': 1})
    assert 'Invalid input for field/attribute' in refusal.message
    assert _metadata(member_a, server) == {'color': 'red', 'size': 'big'}


def test_a_key_over_255_characters_is_400_and_changes_nothing(member_a,
                                                              server):
    with clients.refused(400):
        member_a.servers.set_server_metadata(server['id'], {'k' * 256: 'v'})
    assert _metadata(member_a, server) == {'color': 'red', 'size': 'big'}


def test_change_of_a_server_in_error_is_409(member_a, error_server):
    with clients.refused(409, "Cannot 'update metadata' instance %s while "
                              "it is in vm_state error"
                         % error_server['id']):
        member_a.servers.update_server_metadata(error_server['id'],
                                                {'color': 'blue'})


def test_change_of_a_locked_server_is_409(member_a, server):
    member_a.servers.lock_server(server['id'])
    with clients.refused(409, 'Instance %s is locked' % server['id']):
        member_a.servers.delete_server_metadata_item(server['id'], 'color')
    assert _metadata(member_a, server) == {'color': 'red', 'size': 'big'}


def test_metadata_of_an_unknown_server_is_404(member_a):
    server_id = '00000000-0000-0000-0000-000000000000'
    with clients.refused(404, 'Instance %s could not be found.'
                         % server_id):
        member_a.servers.list_server_metadata(server_id)
