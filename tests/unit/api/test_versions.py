"""Version discovery and microversion negotiation."""

import pytest

from nova_lite.api.openstack import wsgi


def test_root_lists_the_versions_without_authentication(client):
    resp = client.as_user(None).get('/')

    assert resp.status_int == 200
    assert resp.json == {'versions': [{
        'id': 'v2.1', 'status': 'CURRENT',
        'version': wsgi.MAX_API_VERSION, 'min_version': '2.1',
        'updated': '2013-07-23T11:33:21Z',
        'links': [{'rel': 'self', 'href': 'http://localhost/v2.1/'}]}]}


@pytest.mark.parametrize('path', ['/v2.1', '/v2.1/'])
def test_v2_1_shows_the_version_without_authentication(client, path):
    resp = client.as_user(None).get(path)

    assert resp.status_int == 200
    version = resp.json['version']
    assert version['id'] == 'v2.1'
    assert version['status'] == 'CURRENT'
    assert (version['min_version'], version['version']) == (
        '2.1', wsgi.MAX_API_VERSION)
    assert version['updated'] == '2013-07-23T11:33:21Z'
    assert version['links'][0] == {'rel': 'self',
                                   'href': 'http://localhost/v2.1/'}
    assert version['media-types'] == [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=2.1'}]


def test_another_root_path_gives_the_choices(client):
    resp = client.as_user(None).get('/servers')

    assert resp.status_int == 300
    assert resp.json['choices'][0]['links'] == [
        {'rel': 'self', 'href': 'http://localhost/v2.1/servers'}]


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
