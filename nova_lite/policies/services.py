"""Rules of os-services: admins only."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-services:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'list',
        base.ADMIN,
        'List all running Compute Services in a region.',
        'GET /os-services'),
    base.api_rule(
        POLICY_ROOT % 'update',
        base.ADMIN,
        'Update a Compute Service.',
        'PUT /os-services/{service_id}'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.ADMIN,
        'Delete a Compute Service.',
        'DELETE /os-services/{service_id}'),
]


def list_rules():
    return rules
