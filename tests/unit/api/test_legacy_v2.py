"""The legacy v2 API at /v2: the v2.1 API at microversion 2.1, whatever
version is asked for, with no microversion headers, and request bodies
validated as Nova's v2 API did (unknown keys dropped, names with leading
and trailing spaces taken)."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import aggregates
from tempest.lib.api_schema.response.compute.v2_1 import quotas
from tempest.lib.api_schema.response.compute.v2_1 import servers
import webob

from nova_lite.api import openstack
from nova_lite import objects
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

SERVER_ID = '8a5b5a4c-2f61-4a5a-8bd1-2c3f9a4e0c11'
VERSION_HEADERS = ('OpenStack-API-Version', 'X-OpenStack-Nova-API-Version',
                   'Vary')


def version_headers(resp):
    return [name for name in VERSION_HEADERS if name in resp.headers]


def instances(admin_context):
    return objects.InstanceList.get_by_filters(admin_context, {})


# The API as v2.1 serves it

def test_v2_lists_servers_with_links_to_v2(client, flavor):
    instance = make_instance(flavor)

    resp = client.get('/v2/servers')

    tempest_validate(servers.list_servers, resp)
    assert resp.json['servers'] == [{
        'id': instance.uuid, 'name': 'vm',
        'links': [
            {'rel': 'self',
             'href': 'http://localhost/v2/servers/%s' % instance.uuid},
            {'rel': 'bookmark',
             'href': 'http://localhost/servers/%s' % instance.uuid}]}]
    assert version_headers(resp) == []


def test_v2_takes_the_project_in_the_path(client, flavor):
    project = '0123abcd'
    instance = make_instance(flavor, project_id=project)

    resp = client.as_user('demo:' + project).get('/v2/%s/servers' % project)

    tempest_validate(servers.list_servers, resp)
    assert [server['id'] for server in resp.json['servers']] == [
        instance.uuid]


def test_v2_refuses_another_project_in_the_path(client, db):
    resp = client.get('/v2/0123abcd/servers')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Malformed request URL: URL's project_id '0123abcd' doesn't match "
        "Context's project_id 'demo-project'")


def test_v2_needs_authentication(client, db):
    resp = client.as_user(None).get('/v2/servers')

    assert resp.status_int == 401


def test_v2_list_ignores_filters_it_does_not_know(admin, flavor):
    # No query schema drops them there, as in Nova.
    instance = make_instance(flavor)

    resp = admin.get('/v2/servers?all_tenants=1&foo=bar')

    tempest_validate(servers.list_servers, resp)
    assert [server['id'] for server in resp.json['servers']] == [
        instance.uuid]


# Microversions

@pytest.mark.parametrize('headers', [
    {'OpenStack-API-Version': 'compute 2.47'},
    {'X-OpenStack-Nova-API-Version': '2.47'},
    {'OpenStack-API-Version': 'compute latest'}])
def test_v2_answers_at_2_1_whatever_version_is_asked(client, flavor,
                                                     headers):
    make_instance(flavor)

    resp = client.get('/v2/servers/detail', headers=headers)

    # 2.1's server: the flavor linked (embedded from 2.47), no 2.3+ fields.
    tempest_validate(servers.list_servers_detail, resp)
    assert set(resp.json['servers'][0]['flavor']) == {'id', 'links'}
    assert version_headers(resp) == []


@pytest.mark.parametrize('version', ['2.999', '2.x'])
def test_v2_ignores_a_version_v2_1_refuses(client, db, version):
    assert client.at_version(version).get('/v2.1/servers').status_int in (
        400, 406)

    resp = client.at_version(version).get('/v2/servers')

    tempest_validate(servers.list_servers, resp)
    assert version_headers(resp) == []


def test_v2_faults_have_no_version_headers(client, db):
    path = '/servers/' + SERVER_ID
    assert version_headers(client.get('/v2.1' + path)) == list(
        VERSION_HEADERS)

    resp = client.get('/v2' + path)

    assert resp.status_int == 404
    assert version_headers(resp) == []


def test_v2_keeps_the_vary_values_that_name_no_version_header():
    def app(environ, start_response):
        resp = webob.Response(headers=[
            ('Vary', 'Accept, OpenStack-API-Version'),
            ('Vary', 'X-OpenStack-Nova-API-Version')])
        return resp(environ, start_response)

    resp = webob.Request.blank('/').get_response(
        openstack.LegacyV2CompatibleWrapper(app))

    assert resp.headers.getall('Vary') == ['Accept']


def test_v2_has_what_2_1_has_and_not_later(admin, flavor):
    # PUT /flavors/{id} is 2.55's.
    resp = admin.request('PUT', '/v2/flavors/1',
                         body={'flavor': {'description': 'new'}})

    assert resp.status_int == 404


# Request bodies

def test_v2_create_drops_unknown_keys_v2_1_refuses(client, flavor, image,
                                                   admin_context):
    body = create_body(foo='bar')
    body['bogus'] = {}

    refused = client.post('/v2.1/servers', body)

    assert refused.status_int == 400
    assert refused.json['badRequest']['message'].endswith(
        "Additional properties are not allowed ('foo' was unexpected)")
    assert len(instances(admin_context)) == 0

    resp = client.post('/v2/servers', body)

    tempest_validate(servers.create_server_with_admin_pass, resp)
    assert version_headers(resp) == []
    assert db_instance(resp.json['server']['id']).display_name == 'vm1'


def test_v2_create_still_checks_the_known_keys(client, flavor, image,
                                               admin_context):
    resp = client.post('/v2/servers', create_body(foo='bar', min_count=0))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid input for field/attribute min_count. Value: 0. '
        '0 is less than the minimum of 1')
    assert len(instances(admin_context)) == 0


def test_v2_create_takes_a_name_with_leading_and_trailing_spaces(
        client, flavor, image, admin_context):
    refused = client.post('/v2.1/servers', create_body(name=' vm1 '))

    assert refused.status_int == 400
    assert len(instances(admin_context)) == 0

    resp = client.post('/v2/servers', create_body(name=' vm1 '))

    tempest_validate(servers.create_server_with_admin_pass, resp)
    assert db_instance(resp.json['server']['id']).display_name == ' vm1 '


def test_v2_update_takes_a_name_with_spaces_and_drops_unknown_keys(
        client, flavor):
    instance = make_instance(flavor)
    body = {'server': {'name': ' renamed ', 'foo': 'bar'}}

    assert client.request('PUT', '/v2.1/servers/%s' % instance.uuid,
                          body=body).status_int == 400
    assert db_instance(instance.uuid).display_name == 'vm'

    resp = client.request('PUT', '/v2/servers/%s' % instance.uuid,
                          body=body)

    tempest_validate(servers.update_server, resp)
    assert db_instance(instance.uuid).display_name == ' renamed '


def test_v2_rebuild_takes_a_name_with_spaces(client, flavor, image):
    instance = make_instance(flavor, host='compute1')
    body = {'rebuild': {'imageRef': IMAGE_ID, 'name': ' rebuilt ',
                        'foo': 'bar'}}

    assert client.post('/v2.1/servers/%s/action' % instance.uuid,
                       body).status_int == 400
    assert db_instance(instance.uuid).task_state is None

    resp = client.post('/v2/servers/%s/action' % instance.uuid, body)

    tempest_validate(servers.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['name'] == ' rebuilt '


def test_v2_quota_update_drops_unknown_quotas(admin, db):
    body = {'quota_set': {'instances': 7, 'foo': 1}}
    assert admin.request('PUT', '/v2.1/os-quota-sets/demo-project',
                         body=body).status_int == 400

    resp = admin.request('PUT', '/v2/os-quota-sets/demo-project', body=body)

    tempest_validate(quotas.update_quota_set, resp)
    assert resp.json['quota_set']['instances'] == 7
    assert 'foo' not in resp.json['quota_set']


def test_v2_refuses_a_metadata_key_matching_no_pattern(client, flavor):
    # Keys are named by patterns there: an unknown one is not dropped.
    instance = make_instance(flavor, metadata={'role': 'web'})
    metadata = {'good': 'yes', 'bad/key': 'no'}

    resp = client.post('/v2/servers/%s/metadata' % instance.uuid,
                       {'metadata': metadata})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Invalid input for field/attribute metadata. Value: %s. "
        "Additional properties are not allowed ('bad/key' was unexpected)"
        % metadata)
    assert db_instance(instance.uuid).metadata == {'role': 'web'}


def test_v2_takes_metadata_whose_only_keys_match_no_pattern(client,
                                                            flavor):
    # As Nova's v2 API: an object with no known key is left to the other
    # keywords (it may be meant for another branch of a oneOf), and none
    # of them refuses it.
    instance = make_instance(flavor, metadata={'role': 'web'})

    resp = client.post('/v2/servers/%s/metadata' % instance.uuid,
                       {'metadata': {'bad/key': 'no'}})

    tempest_validate(servers.set_server_metadata, resp)
    assert db_instance(instance.uuid).metadata == {'role': 'web',
                                                   'bad/key': 'no'}


def test_v2_aggregate_create_and_update_take_zones_with_spaces(admin, db):
    body = {'aggregate': {'name': ' agg1 ', 'availability_zone': ' az1 ',
                          'foo': 'bar'}}
    assert admin.post('/v2.1/os-aggregates', body).status_int == 400

    resp = admin.post('/v2/os-aggregates', body)

    tempest_validate(aggregates.create_aggregate, resp)
    path = '/os-aggregates/%s' % resp.json['aggregate']['id']
    body = {'aggregate': {'availability_zone': ' az2 '}}
    assert admin.request('PUT', '/v2.1' + path, body=body).status_int == 400

    resp = admin.request('PUT', '/v2' + path, body=body)

    tempest_validate(aggregates.update_aggregate, resp)


@pytest.mark.parametrize('method,path,body,message', [
    ('POST', '/v2/flavors',
     {'flavor': {'name': 'f1', 'ram': 'lots', 'vcpus': 1, 'disk': 1}},
     "Invalid input for field/attribute ram. Value: lots. 'lots' does not "
     "match '^[0-9]+$'"),
    ('POST', '/v2/os-keypairs', {'keypair': {'name': '   '}},
     'printable characters with at least one non space character'),
    ('PUT', '/v2/os-quota-sets/demo-project',
     {'quota_set': {'instances': 'many'}},
     "Invalid input for field/attribute instances. Value: many. 'many' "
     "does not match '^-?[0-9]+$'"),
    ('POST', '/v2/os-server-groups',
     {'server_group': {'name': 'g1', 'policies': ['spread']}},
     "Invalid input for field/attribute 0. Value: spread. 'spread' is not "
     "one of ['anti-affinity', 'affinity']"),
    ('PUT', '/v2/os-services/disable', {'host': 'h1'},
     "'binary' is a required property"),
    ('POST', '/v2/servers', create_body(name='   '),
     'printable characters with at least one non space character'),
    ('PUT', '/v2/servers/%s' % SERVER_ID, {'server': {'name': '   '}},
     'printable characters with at least one non space character'),
    ('POST', '/v2/servers/%s/action' % SERVER_ID,
     {'rebuild': {'imageRef': IMAGE_ID, 'name': '   '}},
     'printable characters with at least one non space character'),
    ('POST', '/v2/os-aggregates', {'aggregate': {'name': '   '}},
     'printable characters with at least one non space character'),
    ('PUT', '/v2/os-aggregates/1', {'aggregate': {'availability_zone': 'a:b'}},
     "Invalid input for field/attribute availability_zone. Value: a:b. "
     "'a:b' is not valid under any of the given schemas"),
], ids=['flavor-create', 'keypair-create', 'quota-set-update',
        'server-group-create', 'service-update', 'server-create',
        'server-update', 'server-rebuild', 'aggregate-create',
        'aggregate-update'])
def test_v2_checks_bodies_against_the_v2_schemas(admin, db, method, path,
                                                 body, message):
    resp = admin.request(method, path, body=body)

    assert resp.status_int == 400, resp.body
    assert message in resp.json['badRequest']['message']
