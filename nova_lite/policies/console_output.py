"""Rule of a server's console output: the project's members."""

from nova_lite.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-console-output'

rules = [
    base.api_rule(
        BASE_POLICY_NAME, base.PROJECT_MEMBER_OR_ADMIN,
        'Show console output for a server',
        'POST /servers/{server_id}/action (os-getConsoleOutput)'),
]


def list_rules():
    return rules
