"""Rules of server tags: read by the project's readers, changed by its
members."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-server-tags:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'delete_all',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Delete all the server tags',
        'DELETE /servers/{server_id}/tags'),
    base.api_rule(
        POLICY_ROOT % 'index',
        base.PROJECT_READER_OR_ADMIN,
        'List all tags for given server',
        'GET /servers/{server_id}/tags'),
    base.api_rule(
        POLICY_ROOT % 'update_all',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Replace all tags on specified server with the new set of tags.',
        'PUT /servers/{server_id}/tags'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Delete a single tag from the specified server',
        'DELETE /servers/{server_id}/tags/{tag}'),
    base.api_rule(
        POLICY_ROOT % 'update',
        base.PROJECT_MEMBER_OR_ADMIN,
        'Add a single tag to the server if server has no specified tag',
        'PUT /servers/{server_id}/tags/{tag}'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Check tag existence on the server.',
        'GET /servers/{server_id}/tags/{tag}'),
]


def list_rules():
    return rules
