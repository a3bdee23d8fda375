"""/limits: a project's absolute limits and what it uses of them; the
fields each microversion drops."""

import pytest

from tests.api import clients
from tests.api import conftest


def _absolute(user):
    return user.limits.show_limits()['limits']['absolute']


def _absolute_of(user, project):
    _headers, body = clients.call(
        user.limits, 'GET', 'limits?tenant_id=%s' % project,
        clients.schema_of(user.limits, 'get_limit'))
    return body['limits']['absolute']


def test_limits_show_the_quotas_and_no_rate_limits(member_a):
    limits = member_a.limits.show_limits()['limits']
    assert limits['rate'] == []
    # The deployment sets no limit on instances, cores and RAM.
    assert (limits['absolute']['maxTotalInstances'],
            limits['absolute']['maxTotalCores'],
            limits['absolute']['maxTotalRAMSize']) == (-1, -1, -1)
    assert limits['absolute']['maxServerMeta'] == 128


def test_limits_count_the_project_servers(cloud, image_id):
    lara = clients.Clients(cloud.url, 'lara', 'project-l', ['member'])
    assert _absolute(lara)['totalInstancesUsed'] == 0
    server = conftest.boot_server(lara, image_id)
    try:
        used = _absolute(lara)
        assert (used['totalInstancesUsed'], used['totalCoresUsed'],
                used['totalRAMUsed']) == (1, 1, 128)
    finally:
        lara.servers.delete_server(server['id'])


def test_limits_show_the_nova_network_and_image_limits_before_2_36(
        member_a):
    absolute = _absolute(member_a)
    assert {'maxTotalFloatingIps', 'maxSecurityGroups', 'maxImageMeta',
            'maxPersonality'} <= set(absolute)


@pytest.mark.microversion('2.36')
def test_limits_drop_the_nova_network_limits_from_2_36(member_a):
    absolute = _absolute(member_a)
    assert not {'maxTotalFloatingIps', 'maxSecurityGroups',
                'totalFloatingIpsUsed'} & set(absolute)
    assert 'maxImageMeta' in absolute


@pytest.mark.microversion('2.39')
def test_limits_drop_the_image_metadata_limit_from_2_39(member_a):
    assert 'maxImageMeta' not in _absolute(member_a)


@pytest.mark.microversion('2.57')
def test_limits_drop_the_personality_limits_from_2_57(member_a):
    absolute = _absolute(member_a)
    assert not {'maxPersonality', 'maxPersonalitySize'} & set(absolute)


@pytest.mark.microversion('2.75')
def test_an_unknown_query_parameter_is_400_from_2_75(member_a):
    with clients.refused(400) as refusal:
        clients.call(member_a.limits, 'GET', 'limits?color=red',
                     clients.schema_of(member_a.limits, 'get_limit'))
    assert "Additional properties are not allowed ('color' was " \
        "unexpected)" in refusal.message


def test_admin_sees_another_project_limits(admin, member_a):
    assert 'maxTotalInstances' in _absolute_of(admin, conftest.PROJECT_A)


def test_member_cannot_see_another_project_limits(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:limits:other_project')):
        _absolute_of(member_a, conftest.PROJECT_B)
