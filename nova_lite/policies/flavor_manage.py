"""Rules of flavor changes: admins only."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-manage:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'create',
        base.ADMIN,
        'Create a flavor',
        'POST /flavors'),
    base.api_rule(
        POLICY_ROOT % 'update',
        base.ADMIN,
        'Update a flavor',
        'PUT /flavors/{flavor_id}'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.ADMIN,
        'Delete a flavor',
        'DELETE /flavors/{flavor_id}'),
]


def list_rules():
    return rules
