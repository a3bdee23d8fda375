"""Rules of os-quota-sets: a project's readers see its quotas, admins
change them."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-sets:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'update',
        base.ADMIN,
        'Update the quotas',
        'PUT /os-quota-sets/{tenant_id}'),
    base.api_rule(
        POLICY_ROOT % 'defaults',
        base.RULE_ANY,
        'List default quotas',
        'GET /os-quota-sets/{tenant_id}/defaults'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Show a quota',
        'GET /os-quota-sets/{tenant_id}'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.ADMIN,
        'Revert quotas to defaults',
        'DELETE /os-quota-sets/{tenant_id}'),
    base.api_rule(
        POLICY_ROOT % 'detail',
        base.PROJECT_READER_OR_ADMIN,
        'Show the detail of quota',
        'GET /os-quota-sets/{tenant_id}/detail'),
]


def list_rules():
    return rules
