"""The server metadata API, as Nova answers it: list, merge, replace,
show, set and delete items, within the quota and the server's state.
Every success is checked against tempest.lib's response schemas."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21

from tests.unit.api import db_instance
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate


@pytest.fixture
def server(flavor):
    return make_instance(flavor, host='compute1',
                         metadata={'role': 'web', 'tier': 'front'})


def _url(server, key=None):
    return '/v2.1/servers/%s/metadata%s' % (
        server.uuid, '/' + key if key else '')


def test_list_and_show(client, server):
    resp = client.get(_url(server))
    tempest_validate(v21.list_server_metadata, resp)
    assert resp.json == {'metadata': {'role': 'web', 'tier': 'front'}}

    resp = client.get(_url(server, 'role'))
    tempest_validate(v21.set_show_server_metadata_item, resp)
    assert resp.json == {'meta': {'role': 'web'}}

    assert failed(client.get(_url(server, 'nope'))) == (
        404, 'Metadata item was not found')


def test_post_merges_and_put_replaces(client, server):
    resp = client.post(_url(server), {'metadata': {'role': 'db', 'az': 'a'}})

    tempest_validate(v21.update_server_metadata, resp)
    assert resp.json['metadata'] == {'role': 'db', 'tier': 'front',
                                     'az': 'a'}
    assert db_instance(server.uuid).metadata == resp.json['metadata']

    resp = client.request('PUT', _url(server),
                          body={'metadata': {'only': 'this'}})

    tempest_validate(v21.set_server_metadata, resp)
    assert db_instance(server.uuid).metadata == {'only': 'this'}
    # The server itself shows it.
    assert client.get('/v2.1/servers/%s' % server.uuid).json['server'][
        'metadata'] == {'only': 'this'}


def test_set_and_delete_one_item(client, server):
    resp = client.request('PUT', _url(server, 'az'),
                          body={'meta': {'az': 'b'}})
    tempest_validate(v21.set_show_server_metadata_item, resp)
    assert db_instance(server.uuid).metadata['az'] == 'b'

    resp = client.delete(_url(server, 'role'))

    tempest_validate(v21.delete_server_metadata_item, resp)
    assert db_instance(server.uuid).metadata == {'tier': 'front', 'az': 'b'}
    assert failed(client.delete(_url(server, 'role'))) == (
        404, 'Metadata item was not found')


@pytest.mark.parametrize('key, body, expected', [
    ('az', {'meta': {'other': 'b'}}, 'Request body and URI mismatch'),
    ('az', {'meta': {'az': 'b', 'x': 'y'}}, None),
    ('az', {'meta': {}}, None),
    ('az', {'meta': {'az': 1}}, None),
])
def test_refused_item_updates_change_nothing(client, server, key, body,
                                             expected):
    resp = client.request('PUT', _url(server, key), body=body)

    assert resp.status_int == 400
    if expected:
        assert failed(resp)[1] == expected
    assert db_instance(server.uuid).metadata == {'role': 'web',
                                                 'tier': 'front'}


def test_over_the_quota_is_a_403(client, admin, server):
    admin.request('PUT', '/v2.1/os-quota-sets/demo-project',
                  body={'quota_set': {'metadata_items': 2}})

    resp = client.post(_url(server), {'metadata': {'az': 'a'}})

    assert failed(resp) == (403, 'Maximum number of metadata items exceeds 2')
    assert db_instance(server.uuid).metadata == {'role': 'web',
                                                 'tier': 'front'}
    # Replacing with as many items as the quota allows is fine.
    assert client.request('PUT', _url(server), body={
        'metadata': {'a': '1', 'b': '2'}}).status_int == 200


def test_a_server_in_a_task_cannot_change_its_metadata(client, flavor):
    server = make_instance(flavor, host='compute1', task_state='rebooting',
                           metadata={'role': 'web'})

    resp = client.post(_url(server), {'metadata': {'az': 'a'}})

    assert failed(resp) == (
        409, "Cannot 'update metadata' instance %s while it is in "
             "task_state rebooting" % server.uuid)
    assert failed(client.delete(_url(server, 'role'))) == (
        409, "Cannot 'delete metadata' instance %s while it is in "
             "task_state rebooting" % server.uuid)
    assert db_instance(server.uuid).metadata == {'role': 'web'}


def test_another_projects_server_is_404(client, server):
    other = client.as_user('eve:eve-project')
    for resp in (other.get(_url(server)),
                 other.post(_url(server), {'metadata': {'a': 'b'}}),
                 other.delete(_url(server, 'role'))):
        assert failed(resp) == (
            404, 'Instance %s could not be found.' % server.uuid)
    assert db_instance(server.uuid).metadata == {'role': 'web',
                                                 'tier': 'front'}
