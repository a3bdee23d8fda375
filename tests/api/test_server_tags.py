"""/servers/{id}/tags and its items (2.26): listed, checked, added,
replaced and removed by the project's member; a bad tag is a 400, a
missing one a 404, a server in a state that keeps its tags a 409."""

import pytest

from tests.api import clients

pytestmark = pytest.mark.microversion('2.26')


@pytest.fixture
def server(boot, member_a):
    server = boot()
    member_a.servers.update_all_tags(server['id'], ['red', 'big'])
    return server


def _tags(user, server):
    return sorted(user.servers.list_tags(server['id'])['tags'])


def test_list_shows_the_server_tags(member_a, server_a):
    assert _tags(member_a, server_a) == ['shared']


def test_check_of_a_tag_the_server_has_is_204(member_a, server_a):
    member_a.servers.check_tag_existence(server_a['id'], 'shared')


def test_check_of_a_tag_the_server_lacks_is_404(member_a, server_a):
    with clients.refused(404, "Server %s has no tag 'nope'"
                         % server_a['id']):
        member_a.servers.check_tag_existence(server_a['id'], 'nope')


def test_add_of_a_new_tag_is_201_with_its_location(member_a, server):
    resp = member_a.servers.update_tag(server['id'], 'new').response
    assert resp.status == 201
    assert resp['location'].endswith('/servers/%s/tags/new' % server['id'])
    assert _tags(member_a, server) == ['big', 'new', 'red']


def test_add_of_a_tag_the_server_has_is_a_bare_204(member_a, server):
    # As Nova answers it: tempest's update_tag schema wants a Location
    # with the 204 too, Nova gives none.
    headers, _body = clients.call(
        member_a.servers, 'PUT', 'servers/%s/tags/red' % server['id'],
        {'status_code': [204]})
    assert 'location' not in headers
    assert _tags(member_a, server) == ['big', 'red']


def test_replace_all_answers_with_the_new_tags(member_a, server):
    answer = member_a.servers.update_all_tags(server['id'], ['one', 'two'])
    assert sorted(answer['tags']) == ['one', 'two']
    assert _tags(member_a, server) == ['one', 'two']


def test_delete_removes_one_tag(member_a, server):
    member_a.servers.delete_tag(server['id'], 'red')
    assert _tags(member_a, server) == ['big']


def test_delete_of_a_tag_the_server_lacks_is_404(member_a, server):
    with clients.refused(404):
        member_a.servers.delete_tag(server['id'], 'nope')
    assert _tags(member_a, server) == ['big', 'red']


def test_delete_all_removes_every_tag(member_a, server):
    member_a.servers.delete_all_tags(server['id'])
    assert _tags(member_a, server) == []


def test_a_tag_with_a_comma_is_400_and_changes_nothing(member_a, server):
    with clients.refused(400) as refusal:
        member_a.servers.update_tag(server['id'], 'a,b')
    assert refusal.message.startswith(
        "Tag 'a,b' is invalid. It must be a non empty string without "
        "characters '/' and ','.")
    assert _tags(member_a, server) == ['big', 'red']


def test_replace_all_with_a_tag_too_long_is_400_and_changes_nothing(
        member_a, server):
    with clients.refused(400) as refusal:
        member_a.servers.update_all_tags(server['id'], ['x' * 61])
    assert 'Invalid input for field/attribute' in refusal.message
    assert _tags(member_a, server) == ['big', 'red']


def test_more_than_50_tags_is_400_and_changes_nothing(member_a, server):
    with clients.refused(400):
        member_a.servers.update_all_tags(server['id'],
                                         ['t%d' % i for i in range(51)])
    assert _tags(member_a, server) == ['big', 'red']


def test_tag_change_of_a_server_in_error_is_409(member_a, error_server):
    with clients.refused(409, "Cannot 'update tag' instance %s while it is "
                              "in vm_state error" % error_server['id']):
        member_a.servers.update_tag(error_server['id'], 'new')


def test_tags_of_an_unknown_server_are_404(member_a):
    with clients.refused(404):
        member_a.servers.list_tags('00000000-0000-0000-0000-000000000000')
