"""Version discovery and microversion negotiation: the version
documents of /, /v2.1 and /v2 (each checked against tempest.lib's
schema), the choices elsewhere, and the microversion headers of v2.1."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import versions

from nova_lite.api.openstack import wsgi
from tests.unit.api import tempest_validate


V2_0 = {
    'id': 'v2.0', 'status': 'DEPRECATED', 'version': '', 'min_version': '',
    'updated': '2025-07-04T12:00:00Z'}
V2_1 = {
    'id': 'v2.1', 'status': 'CURRENT', 'version': wsgi.MAX_API_VERSION,
    'min_version': '2.1', 'updated': '2013-07-23T11:33:21Z'}
DOCS = {'rel': 'describedby', 'type': 'text/html',
        'href': 'http://docs.openstack.org/'}
VERSION_HEADERS = ('OpenStack-API-Version', 'X-OpenStack-Nova-API-Version',
                   'Vary')


def assert_no_version_headers(resp):
    assert [name for name in VERSION_HEADERS if name in resp.headers] == []


# GET /

def test_root_lists_v2_0_then_v2_1_without_authentication(client):
    resp = client.as_user(None).get('/')

    tempest_validate(versions.list_versions, resp)
    assert resp.json == {'versions': [
        dict(V2_0, links=[{'rel': 'self', 'href': 'http://localhost/v2/'}]),
        dict(V2_1, links=[{'rel': 'self',
                           'href': 'http://localhost/v2.1/'}])]}


def test_root_is_outside_microversions(client):
    # Neither read (an unsupported version is no error) nor answered.
    resp = client.at_version('2.999').get('/')

    tempest_validate(versions.list_versions, resp)
    assert_no_version_headers(resp)


# GET /v2.1 and /v2

@pytest.mark.parametrize('path', ['/v2.1', '/v2.1/'])
def test_v2_1_shows_the_version_without_authentication(client, path):
    resp = client.as_user(None).get(path)

    tempest_validate(versions.get_one_version, resp)
    assert resp.json == {'version': dict(
        V2_1,
        links=[{'rel': 'self', 'href': 'http://localhost/v2.1/'}, DOCS],
        **{'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2.1'}]})}


def test_v2_1_answers_with_its_microversion(client):
    resp = client.at_version('2.47').get('/v2.1')

    assert resp.headers['OpenStack-API-Version'] == 'compute 2.47'


@pytest.mark.parametrize('path', ['/v2', '/v2/'])
def test_v2_shows_the_v2_0_version_without_authentication(client, path):
    resp = client.as_user(None).get(path)

    tempest_validate(versions.get_one_version, resp)
    assert resp.json == {'version': dict(
        V2_0,
        links=[{'rel': 'self', 'href': 'http://localhost/v2/'}, DOCS],
        **{'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2'}]})}


@pytest.mark.parametrize('headers', [
    {'OpenStack-API-Version': 'compute 2.999'},
    {'X-OpenStack-Nova-API-Version': '2.x'}])
def test_v2_ignores_version_headers_and_answers_none(client, headers):
    resp = client.as_user(None).get('/v2', headers=headers)

    tempest_validate(versions.get_one_version, resp)
    assert resp.json['version']['id'] == 'v2.0'
    assert_no_version_headers(resp)


@pytest.mark.parametrize('prefix,version', [('/v2', 'v2.0'),
                                            ('/v2.1', 'v2.1')])
def test_the_project_path_shows_the_version_of_its_endpoint(
        client, db, prefix, version):
    project = '0123abcd'
    resp = client.as_user('demo:' + project).get(
        '%s/%s' % (prefix, project))

    tempest_validate(versions.get_one_version, resp)
    assert resp.json['version']['id'] == version


# Any other path of the root

@pytest.mark.parametrize('path', ['/servers', '/v3/servers'])
def test_another_root_path_gives_the_choices(client, path):
    resp = client.as_user(None).get(path)

    tempest_validate(versions.get_version, resp)
    assert resp.json == {'choices': [
        {'id': 'v2.0', 'status': 'DEPRECATED',
         'links': [{'rel': 'self', 'href': 'http://localhost/v2' + path}],
         'media-types': [{
             'base': 'application/json',
             'type': 'application/vnd.openstack.compute+json;version=2'}]},
        {'id': 'v2.1', 'status': 'CURRENT',
         'links': [{'rel': 'self', 'href': 'http://localhost/v2.1' + path}],
         'media-types': [{
             'base': 'application/json',
             'type': 'application/vnd.openstack.compute+json;version=2.1'}]},
    ]}
    assert_no_version_headers(resp)


# The version named in a media type, for a path without one (Nova's
# urlmap): Content-Type first, then the most wanted Accept type.

@pytest.mark.parametrize('path', ['/', '/servers'])
@pytest.mark.parametrize('headers,version', [
    ({'Accept': 'application/json;version=2.1'}, 'v2.1'),
    ({'Accept': 'application/vnd.openstack.compute+json;version=2'}, 'v2.0'),
    ({'Accept': '*/*;version=2'}, 'v2.0'),
    ({'Content-Type': 'application/json;version=2'}, 'v2.0'),
    ({'Content-Type': 'application/json; version=2',
      'Accept': 'application/json;version=2.1'}, 'v2.0'),
    ({'Accept': 'application/json;version=2.1;q=0.5, '
                'application/json;version=2'}, 'v2.0'),
    ({'Accept': 'text/html;version=2, application/json;version=2.1'},
     'v2.1'),
])
def test_a_media_type_version_shows_that_versions_document(
        client, path, headers, version):
    resp = client.as_user(None).get(path, headers=headers)

    tempest_validate(versions.get_one_version, resp)
    assert resp.json['version']['id'] == version
    assert resp.json['version']['links'][0] == {
        'rel': 'self', 'href': 'http://localhost/%s/' % (
            'v2' if version == 'v2.0' else 'v2.1')}


@pytest.mark.parametrize('headers', [
    {'Accept': 'application/json;version=3'},
    {'Accept': 'text/html;version=2'},
    {'Accept': 'application/json;version=2;q=0'},
    {'Accept': 'not a media type;;'},
    {'Content-Type': 'application/json;version=2.5'},
])
def test_a_version_no_endpoint_has_is_ignored(client, headers):
    assert client.as_user(None).get('/', headers=headers).json[
        'versions'][0]['id'] == 'v2.0'
    resp = client.as_user(None).get('/servers', headers=headers)
    assert resp.status_int == 300
    assert 'choices' in resp.json


def test_a_path_with_a_version_ignores_the_media_type_version(client):
    resp = client.as_user(None).get(
        '/v2.1/', headers={'Accept': 'application/json;version=2'})

    tempest_validate(versions.get_one_version, resp)
    assert resp.json['version']['id'] == 'v2.1'


# Microversions of the v2.1 API

def test_responses_default_to_version_2_1_and_say_so(client, db):
    resp = client.get('/v2.1/servers')

    assert resp.headers['OpenStack-API-Version'] == 'compute 2.1'
    assert resp.headers['X-OpenStack-Nova-API-Version'] == '2.1'
    assert resp.headers.getall('Vary') == [
        'OpenStack-API-Version', 'X-OpenStack-Nova-API-Version']


def test_the_requested_version_is_echoed(client, db):
    resp = client.at_version('2.47').get('/v2.1/servers')

    assert resp.headers['OpenStack-API-Version'] == 'compute 2.47'
    assert resp.headers['X-OpenStack-Nova-API-Version'] == '2.47'


def test_the_legacy_header_is_honoured(client, db):
    resp = client.get('/v2.1/servers',
                      headers={'X-OpenStack-Nova-API-Version': '2.19'})

    assert resp.headers['OpenStack-API-Version'] == 'compute 2.19'


def test_latest_means_the_maximum_version(client, db):
    resp = client.at_version('latest').get('/v2.1/servers')

    assert resp.headers['OpenStack-API-Version'] == (
        'compute ' + wsgi.MAX_API_VERSION)


def test_other_services_versions_are_ignored(client, db):
    resp = client.get('/v2.1/servers', headers={
        'OpenStack-API-Version': 'volume 3.5, compute 2.10'})

    assert resp.headers['OpenStack-API-Version'] == 'compute 2.10'


def test_an_unsupported_version_is_not_acceptable(client, db):
    resp = client.at_version('2.999').get('/v2.1/servers')

    assert resp.status_int == 406
    assert resp.json == {'computeFault': {
        'code': 406,
        'message': 'Version 2.999 is not supported by the API. Minimum is '
                   '2.1 and maximum is %s.' % wsgi.MAX_API_VERSION}}


def test_a_malformed_version_is_bad_request(client, db):
    resp = client.at_version('2.x').get('/v2.1/servers')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'API Version String 2.x is of invalid format. Must be of format '
        'MajorNum.MinorNum.')


def test_every_response_carries_the_request_id(client, db):
    resp = client.as_user(None).get('/v2.1/servers')

    request_id = resp.headers['x-openstack-request-id']
    assert request_id.startswith('req-')
    assert resp.headers['x-compute-request-id'] == request_id


def test_each_request_gets_its_own_id(client, db):
    first = client.get('/v2.1/servers').headers['x-openstack-request-id']
    second = client.get('/v2.1/servers').headers['x-openstack-request-id']

    assert first != second


@pytest.mark.parametrize('version,expected', [
    ('2.1', True), ('2.47', True), (wsgi.MAX_API_VERSION, True),
    ('2.0', False), ('3.0', False)])
def test_version_range_matching(version, expected):
    request = wsgi.APIVersionRequest(version)

    assert request.matches(wsgi.min_api_version(),
                           wsgi.max_api_version()) is expected
