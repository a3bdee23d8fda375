"""Rules of os-server-groups: the project's readers see its groups, members
change them."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-server-groups:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'create',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Create a new server group',
        'POST /os-server-groups'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Delete a server group',
        'DELETE /os-server-groups/{server_group_id}'),
    base.api_rule(
        POLICY_ROOT % 'index',
        base.PROJECT_READER_OR_ADMIN,
        'List all server groups',
        'GET /os-server-groups'),
    base.api_rule(
        POLICY_ROOT % 'index:all_projects',
        base.ADMIN,
        'List all server groups for all projects',
        'GET /os-server-groups'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Show details of a server group',
        'GET /os-server-groups/{server_group_id}'),
]


def list_rules():
    return rules
