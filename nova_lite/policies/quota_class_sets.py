"""Rules of os-quota-class-sets: only admins see and set the limits of a
quota class."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-quota-class-sets:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'show',
        base.ADMIN,
        'List quotas for specific quota classes',
        'GET /os-quota-class-sets/{quota_class}'),
    base.api_rule(
        POLICY_ROOT % 'update',
        base.ADMIN,
        'Update quotas for specific quota class',
        'PUT /os-quota-class-sets/{quota_class}'),
]


def list_rules():
    return rules
