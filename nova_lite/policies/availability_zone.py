"""Rules of os-availability-zone: anyone lists the zones, admins see their
hosts."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-availability-zone:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'list',
        base.RULE_ANY,
        'List availability zone information without host information',
        'GET /os-availability-zone'),
    base.api_rule(
        POLICY_ROOT % 'detail',
        base.ADMIN,
        'List detailed availability zone information with host information',
        'GET /os-availability-zone/detail'),
]


def list_rules():
    return rules
