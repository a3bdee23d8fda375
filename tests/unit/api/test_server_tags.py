"""The server tags API (2.26), as Nova answers it: list, replace and
remove all tags, check, add and remove one, within Nova's limits and the
server's state. Every success is checked against tempest.lib's response
schemas; every refusal leaves the tags as they were."""

from oslo_utils import uuidutils
import pytest
import sqlalchemy as sa
from tempest.lib.api_schema.response.compute.v2_26 import servers as v226

from nova_lite.db import api as db
from nova_lite.db import models
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

VERSION = '2.26'


@pytest.fixture
def tagger(client):
    return client.at_version(VERSION)


@pytest.fixture
def server(flavor):
    return make_instance(flavor, host='compute1', tags=['web', 'prod'])


def tags_of(uuid):
    """The server's tag rows, as the database has them."""
    table = models.Tag.__table__
    with db.get_engine().connect() as conn:
        return sorted(conn.execute(sa.select(table.c.tag).where(
            table.c.resource_id == uuid)).scalars())


def _url(server, tag=None):
    uuid = getattr(server, 'uuid', server)
    return '/v2.1/servers/%s/tags%s' % (uuid, '/' + tag if tag else '')


def _put(client, url, body=None):
    return client.request('PUT', url, body=body)


# reading

def test_index_lists_the_tags_sorted(tagger, server):
    resp = tagger.get(_url(server))

    tempest_validate(v226.list_tags, resp)
    assert resp.json == {'tags': ['prod', 'web']}


def test_show_is_204_for_a_tag_the_server_has_and_404_otherwise(tagger,
                                                                server):
    resp = tagger.get(_url(server, 'web'))

    tempest_validate(v226.check_tag_existence, resp)
    assert resp.body == b''
    assert failed(tagger.get(_url(server, 'db'))) == (
        404, "Server %s has no tag 'db'" % server.uuid)


def test_tags_can_be_read_in_any_state(tagger, flavor):
    server = make_instance(flavor, vm_state='building', tags=['new'])

    assert tagger.get(_url(server)).json == {'tags': ['new']}
    assert tagger.get(_url(server, 'new')).status_int == 204


# changing all tags

def test_put_replaces_every_tag(tagger, server):
    resp = _put(tagger, _url(server), {'tags': ['db', 'web', 'db']})

    tempest_validate(v226.update_all_tags, resp)
    # A tag given twice is kept once.
    assert resp.json == {'tags': ['db', 'web']}
    assert tags_of(server.uuid) == ['db', 'web']


def test_put_of_no_tags_removes_them_all(tagger, server):
    resp = _put(tagger, _url(server), {'tags': []})

    tempest_validate(v226.update_all_tags, resp)
    assert resp.json == {'tags': []}
    assert tags_of(server.uuid) == []


def test_delete_removes_every_tag(tagger, server):
    resp = tagger.delete(_url(server))

    tempest_validate(v226.delete_all_tags, resp)
    assert resp.body == b''
    assert tags_of(server.uuid) == []


@pytest.mark.parametrize('body, message', [
    ({'tags': ['t%d' % i for i in range(51)]}, 'is too long'),
    ({'tags': ['a,b']}, "does not match '^[^,/]*$'"),
    ({'tags': ['a/b']}, "does not match '^[^,/]*$'"),
    ({'tags': ['']}, 'should be non-empty'),
    ({'tags': ['x' * 61]}, 'is too long'),
    ({'tags': [1]}, "is not of type 'string'"),
    ({'tags': 'web'}, "is not of type 'array'"),
    ({'tag': ['web']}, "'tags' is a required property"),
])
def test_put_of_invalid_tags_is_refused_and_changes_nothing(tagger, server,
                                                            body, message):
    resp = _put(tagger, _url(server), body)

    status, text = failed(resp)
    assert status == 400
    assert message in text
    assert tags_of(server.uuid) == ['prod', 'web']


def test_fifty_tags_are_allowed(tagger, server):
    tags = sorted('t%02d' % i for i in range(50))

    resp = _put(tagger, _url(server), {'tags': tags})

    tempest_validate(v226.update_all_tags, resp)
    assert tags_of(server.uuid) == tags


# one tag

def test_put_of_a_new_tag_is_201_with_its_location(tagger, server):
    resp = _put(tagger, _url(server, 'db'))

    tempest_validate(v226.update_tag, resp)
    assert resp.status_int == 201
    assert resp.headers['Location'] == (
        'http://localhost/v2.1/servers/%s/tags/db' % server.uuid)
    assert tags_of(server.uuid) == ['db', 'prod', 'web']


def test_put_of_a_tag_the_server_has_is_204(tagger, server):
    resp = _put(tagger, _url(server, 'web'))

    # Nova's 204 has no Location (tempest's update_tag schema wants one,
    # for the 201 its tests see).
    assert (resp.status_int, resp.body) == (204, b'')
    assert 'Location' not in resp.headers
    assert tags_of(server.uuid) == ['prod', 'web']


def test_location_keeps_the_project_of_the_url(tagger, flavor):
    server = make_instance(flavor, project_id='0ab1c2')

    resp = _put(tagger.as_user('demo:0ab1c2'),
                '/v2.1/0ab1c2/servers/%s/tags/db' % server.uuid)

    assert resp.headers['Location'] == (
        'http://localhost/v2.1/0ab1c2/servers/%s/tags/db' % server.uuid)


@pytest.mark.parametrize('tag, error', [
    ('a,b', "'a,b' does not match '^[^,/]*$'"),
    ('x' * 61, "'%s' is too long" % ('x' * 61)),
])
def test_put_of_an_invalid_tag_in_the_url_is_refused(tagger, server, tag,
                                                     error):
    resp = _put(tagger, _url(server, tag))

    assert failed(resp) == (
        400, "Tag '%s' is invalid. It must be a non empty string without "
             "characters '/' and ','. Validation error message: %s"
             % (tag, error))
    assert tags_of(server.uuid) == ['prod', 'web']


def test_put_of_one_tag_takes_no_body(tagger, server):
    resp = _put(tagger, _url(server, 'db'), {'tag': 'db'})

    assert failed(resp) == (400, "{'tag': 'db'} is not of type 'null'")
    assert tags_of(server.uuid) == ['prod', 'web']


@pytest.mark.parametrize('tag', ['t00', 'new'])
def test_a_server_with_fifty_tags_takes_no_more(tagger, flavor, tag):
    tags = sorted('t%02d' % i for i in range(50))
    server = make_instance(flavor, tags=tags)

    resp = _put(tagger, _url(server, tag))

    # Nova counts before it looks whether the tag is there already.
    assert failed(resp) == (
        400, 'The number of tags exceeded the per-server limit 50')
    assert tags_of(server.uuid) == tags


def test_delete_of_one_tag(tagger, server):
    resp = tagger.delete(_url(server, 'web'))

    tempest_validate(v226.delete_tag, resp)
    assert tags_of(server.uuid) == ['prod']
    assert failed(tagger.delete(_url(server, 'web'))) == (
        404, "Instance %s has no tag 'web'" % server.uuid)
    assert tags_of(server.uuid) == ['prod']


# the server's state

CHANGES = [
    ('PUT', '', {'tags': ['db']}, 'update tags'),
    ('DELETE', '', None, 'delete tags'),
    ('PUT', 'db', None, 'update tag'),
    ('DELETE', 'web', None, 'delete tag'),
]


@pytest.mark.parametrize('method, tag, body, action', CHANGES)
@pytest.mark.parametrize('vm_state', ['building', 'error', 'rescued'])
def test_tags_change_only_in_active_paused_suspended_or_stopped(
        tagger, flavor, method, tag, body, action, vm_state):
    server = make_instance(flavor, vm_state=vm_state, tags=['web'])

    resp = tagger.request(method, _url(server, tag), body=body)

    assert failed(resp) == (
        409, "Cannot '%s' instance %s while it is in vm_state %s"
             % (action, server.uuid, vm_state))
    assert tags_of(server.uuid) == ['web']


@pytest.mark.parametrize('vm_state', ['active', 'paused', 'suspended',
                                      'stopped'])
def test_tags_change_in_a_state_that_allows_it(tagger, flavor, vm_state):
    server = make_instance(flavor, vm_state=vm_state,
                           task_state='rebooting', tags=['web'])

    # Only the vm_state counts: a task in progress does not stop it.
    assert _put(tagger, _url(server, 'db')).status_int == 201
    assert tags_of(server.uuid) == ['db', 'web']


def test_a_refused_put_with_a_bad_tag_is_first_a_state_conflict(tagger,
                                                                flavor):
    server = make_instance(flavor, vm_state='building')

    resp = _put(tagger, _url(server, 'a,b'))

    assert resp.status_int == 409


# microversion, missing servers, other projects

ROUTES = [
    ('GET', '', None), ('PUT', '', {'tags': ['db']}), ('DELETE', '', None),
    ('GET', 'web', None), ('PUT', 'db', None), ('DELETE', 'web', None),
]


@pytest.mark.parametrize('method, tag, body', ROUTES)
def test_before_2_26_there_are_no_tags(client, server, method, tag, body):
    old = client.at_version('2.25')

    resp = old.request(method, _url(server, tag), body=body)

    assert failed(resp) == (404, 'The resource could not be found.')
    assert tags_of(server.uuid) == ['prod', 'web']


@pytest.mark.parametrize('method, tag, body', ROUTES)
@pytest.mark.parametrize('vm_state', ['active', 'building'])
def test_another_projects_server_is_not_found(tagger, flavor, method, tag,
                                              body, vm_state):
    server = make_instance(flavor, vm_state=vm_state, tags=['web'])
    other = tagger.as_user('eve:eve-project')

    resp = other.request(method, _url(server, tag), body=body)

    # Not found before anything else is looked at (not even its state).
    assert failed(resp) == (
        404, 'Instance %s could not be found.' % server.uuid)
    assert tags_of(server.uuid) == ['web']


@pytest.mark.parametrize('method, tag, body', ROUTES)
def test_a_server_that_never_was_has_no_cell(tagger, db, method, tag, body):
    uuid = uuidutils.generate_uuid()

    resp = tagger.request(method, _url(uuid, tag), body=body)

    assert failed(resp) == (
        404, 'Instance %s has no mapping to a cell.' % uuid)
    assert tags_of(uuid) == []


@pytest.mark.parametrize('method, tag, body', ROUTES)
def test_a_deleted_server_is_not_found(tagger, flavor, method, tag, body):
    server = make_instance(flavor, tags=['web'])
    server.destroy()

    resp = tagger.request(method, _url(server, tag), body=body)

    assert failed(resp) == (
        404, 'Instance %s could not be found.' % server.uuid)
    # Its tags went with it.
    assert tags_of(server.uuid) == []


def test_admin_reads_and_changes_another_projects_tags(admin, server):
    admin = admin.at_version(VERSION)

    assert admin.get(_url(server)).json == {'tags': ['prod', 'web']}
    assert _put(admin, _url(server, 'db')).status_int == 201
    assert tags_of(server.uuid) == ['db', 'prod', 'web']


# the tags in server documents

def test_server_documents_show_the_tags_from_2_26(tagger, client, server):
    url = '/v2.1/servers/%s' % server.uuid

    resp = tagger.get(url)
    tempest_validate(v226.get_server, resp)
    assert resp.json['server']['tags'] == ['prod', 'web']

    resp = tagger.get('/v2.1/servers/detail')
    tempest_validate(v226.list_servers_detail, resp)
    assert resp.json['servers'][0]['tags'] == ['prod', 'web']

    resp = _put(tagger, url, {'server': {'name': 'renamed'}})
    tempest_validate(v226.update_server, resp)
    assert resp.json['server']['tags'] == ['prod', 'web']

    assert 'tags' not in client.at_version('2.25').get(url).json['server']


def test_rebuild_answers_with_the_tags(tagger, server, image):
    resp = tagger.post('/v2.1/servers/%s/action' % server.uuid,
                       {'rebuild': {'imageRef': image.uuid}})

    tempest_validate(v226.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['tags'] == ['prod', 'web']


def test_a_deleted_server_shows_no_tags(admin, flavor):
    server = make_instance(flavor, project_id='admin-project', tags=['web'])
    server.destroy()
    # Even a tag row left behind is not the deleted server's any more.
    with db.get_engine().begin() as conn:
        conn.execute(models.Tag.__table__.insert().values(
            resource_id=server.uuid, tag='stale'))

    resp = admin.at_version(VERSION).get(
        '/v2.1/servers/detail?deleted=True')

    [document] = resp.json['servers']
    assert (document['id'], document['status']) == (server.uuid, 'DELETED')
    assert document['tags'] == []
