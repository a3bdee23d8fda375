"""Rules of os-flavor-access: admins only."""

from nova_lite.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-flavor-access'
POLICY_ROOT = BASE_POLICY_NAME + ':%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'add_tenant_access', base.ADMIN,
        'Add flavor access to a tenant',
        'POST /flavors/{flavor_id}/action (addTenantAccess)'),
    base.api_rule(
        POLICY_ROOT % 'remove_tenant_access', base.ADMIN,
        'Remove flavor access from a tenant',
        'POST /flavors/{flavor_id}/action (removeTenantAccess)'),
    base.api_rule(
        BASE_POLICY_NAME, base.ADMIN,
        'List flavor access information',
        'GET /flavors/{flavor_id}/os-flavor-access'),
]


def list_rules():
    return rules
