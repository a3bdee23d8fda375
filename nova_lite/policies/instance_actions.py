"""Rules of os-instance-actions: the project's readers list them, admins
see events in detail."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-instance-actions:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'events:details',
        base.ADMIN,
        'Add "details" key in action events for a server.',
        'GET /servers/{server_id}/os-instance-actions/{request_id}'),
    base.api_rule(
        POLICY_ROOT % 'events',
        base.ADMIN,
        'Add events details in action details for a server.',
        'GET /servers/{server_id}/os-instance-actions/{request_id}'),
    base.api_rule(
        POLICY_ROOT % 'list',
        base.PROJECT_READER_OR_ADMIN,
        'List actions for a server.',
        'GET /servers/{server_id}/os-instance-actions'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Show action details for a server.',
        'GET /servers/{server_id}/os-instance-actions/{request_id}'),
]


def list_rules():
    return rules
