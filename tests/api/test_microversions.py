"""Microversion selection: both request headers, 'latest', the default,
versions out of range, the answer's headers, fields that appear at a
version, and the legacy /v2 endpoint that has no microversions."""

import pytest
import requests
from tempest.lib.api_schema.response.compute.v2_1 import servers as v2_1
from tempest.lib.api_schema.response.compute.v2_19 import servers as v2_19
from tempest.lib.api_schema.response.compute.v2_100 import servers as v2_100

from tests.api import clients
from tests.functional import tempest_validate

NEW_HEADER = 'OpenStack-API-Version'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'


def _show(user, server, schema, headers=None):
    """GET the server with ``headers``, its answer checked against
    ``schema``."""
    return clients.call(user.servers, 'GET', 'servers/%s' % server['id'],
                        schema, headers=headers)


def _vary(headers):
    return {name.strip().lower() for name in headers['vary'].split(',')}


def test_openstack_api_version_header_selects_and_is_echoed(
        member_a, server_a):
    headers, body = _show(member_a, server_a, v2_19.get_server, {
        NEW_HEADER: 'compute 2.19'})
    assert headers['openstack-api-version'] == 'compute 2.19'
    assert headers['x-openstack-nova-api-version'] == '2.19'
    assert 'description' in body['server']


def test_legacy_header_selects_and_is_echoed(member_a, server_a):
    headers, body = _show(member_a, server_a, v2_19.get_server, {
        LEGACY_HEADER: '2.19'})
    assert headers['openstack-api-version'] == 'compute 2.19'
    assert headers['x-openstack-nova-api-version'] == '2.19'
    assert 'description' in body['server']


def test_answer_varies_on_both_version_headers(cloud, server_a):
    # Nova sends one Vary header per name; tempest's client keeps only
    # the last header of a name, requests joins them.
    resp = requests.get('%s/servers/%s' % (cloud.url, server_a['id']),
                        headers={'X-Auth-Token': 'alice:project-a',
                                 NEW_HEADER: 'compute 2.19'})
    tempest_validate(v2_19.get_server, resp)
    assert _vary(resp.headers) >= {'openstack-api-version',
                                   'x-openstack-nova-api-version'}


def test_new_header_wins_over_the_legacy_one(member_a, server_a):
    headers, _body = _show(member_a, server_a, v2_19.get_server, {
        NEW_HEADER: 'compute 2.19', LEGACY_HEADER: '2.1'})
    assert headers['openstack-api-version'] == 'compute 2.19'


def test_no_header_is_the_minimum_version(member_a, server_a):
    headers, body = _show(member_a, server_a, v2_1.get_server)
    assert headers['openstack-api-version'] == 'compute 2.1'
    assert 'description' not in body['server']


def test_latest_is_the_maximum_version(member_a, server_a):
    # tempest.lib describes a server from 2.100 with its 2.100 schema.
    headers, body = _show(member_a, server_a, v2_100.get_server, {
        NEW_HEADER: 'compute latest'})
    assert headers['openstack-api-version'] == 'compute 2.104'
    assert headers['x-openstack-nova-api-version'] == '2.104'
    # From 2.90 every user sees the hostname.
    assert body['server']['OS-EXT-SRV-ATTR:hostname']


def test_version_above_the_maximum_is_406(member_a, server_a):
    with clients.refused(406, 'Version 2.105 is not supported by the API. '
                              'Minimum is 2.1 and maximum is 2.104.'):
        _show(member_a, server_a, v2_1.get_server,
              {NEW_HEADER: 'compute 2.105'})


def test_version_below_the_minimum_is_406(member_a, server_a):
    with clients.refused(406, 'Version 2.0 is not supported by the API. '
                              'Minimum is 2.1 and maximum is 2.104.'):
        _show(member_a, server_a, v2_1.get_server, {LEGACY_HEADER: '2.0'})


def test_malformed_version_is_400(member_a, server_a):
    with clients.refused(400, 'API Version String 2.x is of invalid '
                              'format. Must be of format '
                              'MajorNum.MinorNum.'):
        _show(member_a, server_a, v2_1.get_server,
              {NEW_HEADER: 'compute 2.x'})


@pytest.mark.microversion('2.19')
def test_a_refusal_echoes_the_version_too(member_a):
    with clients.refused(404) as refusal:
        member_a.servers.show_server('00000000-0000-0000-0000-000000000000')
    assert refusal.headers['openstack-api-version'] == 'compute 2.19'


@pytest.mark.microversion('2.18')
def test_description_is_not_shown_before_2_19(member_a, server_a):
    server = member_a.servers.show_server(server_a['id'])['server']
    assert 'description' not in server


@pytest.mark.microversion('2.19')
def test_description_is_shown_from_2_19(member_a, server_a):
    server = member_a.servers.show_server(server_a['id'])['server']
    # Created at 2.52 without one.
    assert server['description'] is None


@pytest.mark.microversion('2.25')
def test_tags_are_not_shown_before_2_26(member_a, server_a):
    server = member_a.servers.show_server(server_a['id'])['server']
    assert 'tags' not in server


@pytest.mark.microversion('2.26')
def test_tags_are_shown_from_2_26(member_a, server_a):
    server = member_a.servers.show_server(server_a['id'])['server']
    assert server['tags'] == ['shared']


@pytest.mark.microversion('2.25')
def test_a_resource_of_a_later_version_is_not_found(member_a, server_a):
    with clients.refused(404, 'The resource could not be found.'):
        member_a.servers.list_tags(server_a['id'])


def test_legacy_v2_endpoint_ignores_version_headers(cloud, server_a):
    legacy = clients.Clients(cloud.url[:-len('v2.1')] + 'v2', 'alice',
                             'project-a', ['member'])
    headers, body = clients.call(
        legacy.servers, 'GET', 'servers/%s' % server_a['id'],
        v2_1.get_server, headers={NEW_HEADER: 'compute 2.19'})
    assert 'openstack-api-version' not in headers
    assert 'description' not in body['server']
