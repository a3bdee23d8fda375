"""Rules of a server's addresses: the project's readers."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:ips:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Show IP addresses details for a network label of a  server',
        'GET /servers/{server_id}/ips/{network_label}'),
    base.api_rule(
        POLICY_ROOT % 'index',
        base.PROJECT_READER_OR_ADMIN,
        'List IP addresses that are assigned to a server',
        'GET /servers/{server_id}/ips'),
]


def list_rules():
    return rules
