"""Unknown query parameters from 2.102: refused with Nova's 400 by the
calls that ignored them before (their answers below 2.102 unchanged)."""

import json

import pytest

from tests.api import clients

UNKNOWN = "Additional properties are not allowed ('foo' was unexpected)"


@pytest.mark.microversion('2.102')
def test_server_show_refuses_unknown_parameters(member_a, server_a):
    with clients.refused(400, UNKNOWN):
        member_a.servers.show_server(server_a['id'] + '?foo=1')


@pytest.mark.microversion('2.102')
def test_server_metadata_refuses_unknown_parameters(member_a, server_a):
    with clients.refused(400, UNKNOWN):
        member_a.servers.get('servers/%s/metadata?foo=1' % server_a['id'])


@pytest.mark.microversion('2.101')
def test_server_metadata_ignores_them_at_2_101(member_a, server_a):
    _resp, body = member_a.servers.get(
        'servers/%s/metadata?foo=1' % server_a['id'])
    assert json.loads(body) == {'metadata': {'purpose': 'shared'}}


@pytest.mark.microversion('2.102')
def test_zone_and_aggregate_lists_refuse_unknown_parameters(admin):
    with clients.refused(400, UNKNOWN):
        admin.zones.get('os-availability-zone?foo=1')
    with clients.refused(400, UNKNOWN):
        admin.aggregates.get('os-aggregates?foo=1')
