"""Rules of suspend and resume: the project's members."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-suspend-server:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'resume',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Resume suspended server',
        'POST /servers/{server_id}/action (resume)'),
    base.api_rule(
        POLICY_ROOT % 'suspend',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Suspend server',
        'POST /servers/{server_id}/action (suspend)'),
]


def list_rules():
    return rules
