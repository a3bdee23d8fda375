"""Rules of os-hypervisors: admins only."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-hypervisors:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'list',
        base.ADMIN,
        'List all hypervisors.',
        'GET /os-hypervisors'),
    base.api_rule(
        POLICY_ROOT % 'list-detail',
        base.ADMIN,
        'List all hypervisors with details',
        'GET /os-hypervisors/details'),
    base.api_rule(
        POLICY_ROOT % 'statistics',
        base.ADMIN,
        'Show summary statistics for all hypervisors over all compute nodes.',
        'GET /os-hypervisors/statistics'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.ADMIN,
        'Show details for a hypervisor.',
        'GET /os-hypervisors/{hypervisor_id}'),
    base.api_rule(
        POLICY_ROOT % 'uptime',
        base.ADMIN,
        'Show the uptime of a hypervisor.',
        'GET /os-hypervisors/{hypervisor_id}/uptime'),
    base.api_rule(
        POLICY_ROOT % 'search',
        base.ADMIN,
        'Search hypervisor by hypervisor_hostname pattern.',
        'GET /os-hypervisors/{hypervisor_hostname_pattern}/search'),
    base.api_rule(
        POLICY_ROOT % 'servers',
        base.ADMIN,
        'List all servers on hypervisors that can match the provided '
        'hypervisor_hostname pattern.',
        'GET /os-hypervisors/{hypervisor_hostname_pattern}/servers'),
]


def list_rules():
    return rules
