"""Rules of lock and unlock: the project's members; only admins lift an
admin's lock."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-lock-server:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'lock',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Lock a server',
        'POST /servers/{server_id}/action (lock)'),
    base.api_rule(
        POLICY_ROOT % 'unlock',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Unlock a server',
        'POST /servers/{server_id}/action (unlock)'),
    base.api_rule(
        POLICY_ROOT % 'unlock:unlock_override',
        base.ADMIN,
        'Unlock a server, regardless who locked the server.\n\nThis '
        'check is performed only after the check os_compute_api:os-'
        'lock-server:unlock passes',
        'POST /servers/{server_id}/action (unlock)'),
]


def list_rules():
    return rules
