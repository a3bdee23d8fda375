"""Rules of a server's interfaces: the project's readers."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-attach-interfaces:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'list',
        base.PROJECT_READER_OR_ADMIN,
        'List port interfaces attached to a server',
        'GET /servers/{server_id}/os-interface'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Show details of a port interface attached to a server',
        'GET /servers/{server_id}/os-interface/{port_id}'),
]


def list_rules():
    return rules
