"""Rules of limits: anyone reads their own; admins another project's."""

from nova_lite.policies import base

BASE_POLICY_NAME = 'os_compute_api:limits'
OTHER_PROJECT_LIMIT_POLICY_NAME = 'os_compute_api:limits:other_project'

rules = [
    base.api_rule(
        BASE_POLICY_NAME, base.RULE_ANY,
        'Show rate and absolute limits for the current user project',
        'GET /limits'),
    base.api_rule(
        OTHER_PROJECT_LIMIT_POLICY_NAME, base.ADMIN,
        'Show rate and absolute limits of other project. This policy only '
        'checks if the user has access to the requested project limits. '
        'And this check is performed only after the check '
        'os_compute_api:limits passes',
        'GET /limits'),
]


def list_rules():
    return rules
