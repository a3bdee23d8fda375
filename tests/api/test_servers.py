"""/servers: create, list and detail (a filter, paging), show, update and
delete, as project A's member does them, and their refusals."""

import uuid

import pytest

from tests.api import clients
from tests.api import conftest
from tests.api import waiters


def _ids(user, **params):
    return [server['id']
            for server in user.servers.list_servers(**params)['servers']]


def _names(user):
    return {server['name']
            for server in user.servers.list_servers()['servers']}


def test_create_answers_202_with_the_admin_password(member_a, image_id):
    server = member_a.servers.create_server(
        name='created', imageRef=image_id,
        flavorRef=conftest.FLAVOR)['server']
    try:
        assert server['adminPass']
        assert server['OS-DCF:diskConfig'] == 'MANUAL'
    finally:
        member_a.servers.delete_server(server['id'])


def test_created_server_becomes_active(boot):
    server = boot(name='becomes-active')
    assert server['OS-EXT-STS:vm_state'] == 'active'
    assert server['OS-EXT-STS:power_state'] == 1


def test_created_server_belongs_to_its_user_and_project(boot):
    server = boot()
    assert server['user_id'] == 'alice'
    assert server['tenant_id'] == conftest.PROJECT_A


@pytest.mark.microversion('2.19')
def test_create_keeps_the_description_from_2_19(boot):
    assert boot(description='a web server')['description'] == \
        'a web server'


def test_create_without_flavor_is_400_and_creates_nothing(member_a,
                                                          image_id):
    with clients.refused(400) as refusal:
        member_a.servers.create_server(name='no-flavor', imageRef=image_id)
    assert "'flavorRef' is a required property" in refusal.message
    assert 'no-flavor' not in _names(member_a)


def test_create_with_an_unknown_flavor_is_400(member_a, image_id):
    with clients.refused(400, 'Flavor 999 could not be found.'):
        member_a.servers.create_server(name='bad-flavor', imageRef=image_id,
                                       flavorRef='999')
    assert 'bad-flavor' not in _names(member_a)


def test_create_with_an_unknown_image_is_400(member_a):
    with clients.refused(400, 'Can not find requested image'):
        member_a.servers.create_server(name='bad-image',
                                       imageRef=str(uuid.uuid4()),
                                       flavorRef=conftest.FLAVOR)
    assert 'bad-image' not in _names(member_a)


@pytest.mark.microversion('2.37')
def test_create_without_networks_is_400_from_2_37(member_a, image_id):
    with clients.refused(400) as refusal:
        member_a.servers.create_server(name='no-networks', imageRef=image_id,
                                       flavorRef=conftest.FLAVOR)
    assert "'networks' is a required property" in refusal.message
    assert 'no-networks' not in _names(member_a)


def test_list_shows_the_project_servers(member_a, server_a):
    listed = member_a.servers.list_servers()['servers']
    assert {'id': server_a['id'], 'name': 'server-a',
            'links': server_a['links']} in listed


def test_detail_shows_the_server_documents(member_a, server_a):
    detail = {server['id']: server for server in
              member_a.servers.list_servers(detail=True)['servers']}
    assert detail[server_a['id']]['status'] == 'ACTIVE'
    assert detail[server_a['id']]['metadata'] == {'purpose': 'shared'}


def test_list_filters_by_name(member_a, server_a, boot):
    boot(name='not-it')
    assert _ids(member_a, name='server-a') == [server_a['id']]


def test_list_pages_with_limit_and_marker(member_a, server_a, boot):
    boot(name='second')
    first = member_a.servers.list_servers(limit=1)
    [first_id] = [server['id'] for server in first['servers']]
    [link] = first['servers_links']
    assert link['rel'] == 'next'
    assert 'marker=%s' % first_id in link['href']
    second = _ids(member_a, limit=1, marker=first_id)
    assert len(second) == 1 and second != [first_id]


def test_list_with_an_unknown_marker_is_400(member_a):
    marker = str(uuid.uuid4())
    with clients.refused(400, 'marker [%s] not found' % marker):
        member_a.servers.list_servers(marker=marker)


def test_list_with_a_negative_limit_is_400(member_a):
    with clients.refused(400):
        member_a.servers.list_servers(limit=-1)


def test_show_shows_the_server(member_a, server_a):
    server = member_a.servers.show_server(server_a['id'])['server']
    assert (server['name'], server['status']) == ('server-a', 'ACTIVE')
    assert server['flavor']['id'] == conftest.FLAVOR
    assert list(server['addresses']) == ['private']


def test_show_of_an_unknown_server_is_404(member_a):
    server_id = str(uuid.uuid4())
    with clients.refused(404, 'Instance %s could not be found.'
                         % server_id):
        member_a.servers.show_server(server_id)


def test_update_renames_the_server(member_a, boot):
    server = boot(name='old-name')
    updated = member_a.servers.update_server(server['id'],
                                             name='new-name')['server']
    assert updated['name'] == 'new-name'
    assert member_a.servers.show_server(server['id'])['server']['name'] == \
        'new-name'


@pytest.mark.microversion('2.19')
def test_update_sets_the_description_from_2_19(member_a, boot):
    server = boot()
    updated = member_a.servers.update_server(
        server['id'], description='described')['server']
    assert updated['description'] == 'described'


def test_update_with_an_unknown_attribute_is_400_and_changes_nothing(
        member_a, boot):
    server = boot(name='unchanged')
    with clients.refused(400) as refusal:
        member_a.servers.update_server(server['id'], name='changed',
                                       color='blue')
    assert "Additional properties are not allowed ('color' was " \
        "unexpected)" in refusal.message
    assert member_a.servers.show_server(server['id'])['server']['name'] == \
        'unchanged'


def test_update_of_an_unknown_server_is_404(member_a):
    with clients.refused(404):
        member_a.servers.update_server(str(uuid.uuid4()), name='x')


def test_delete_removes_the_server(member_a, boot):
    server = boot()
    member_a.servers.delete_server(server['id'])
    waiters.wait_for_server_deleted(member_a.servers, server['id'])
    assert server['id'] not in _ids(member_a)


def test_delete_of_an_unknown_server_is_404(member_a):
    with clients.refused(404):
        member_a.servers.delete_server(str(uuid.uuid4()))
