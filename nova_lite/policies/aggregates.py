"""Rules of os-aggregates: admins only."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-aggregates:%s'
NEW_POLICY_ROOT = 'compute:aggregates:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'set_metadata',
        base.ADMIN,
        'Create or replace metadata for an aggregate',
        'POST /os-aggregates/{aggregate_id}/action (set_metadata)'),
    base.api_rule(
        POLICY_ROOT % 'add_host',
        base.ADMIN,
        'Add a host to an aggregate',
        'POST /os-aggregates/{aggregate_id}/action (add_host)'),
    base.api_rule(
        POLICY_ROOT % 'create',
        base.ADMIN,
        'Create an aggregate',
        'POST /os-aggregates'),
    base.api_rule(
        POLICY_ROOT % 'remove_host',
        base.ADMIN,
        'Remove a host from an aggregate',
        'POST /os-aggregates/{aggregate_id}/action (remove_host)'),
    base.api_rule(
        POLICY_ROOT % 'update',
        base.ADMIN,
        'Update name and/or availability zone for an aggregate',
        'PUT /os-aggregates/{aggregate_id}'),
    base.api_rule(
        POLICY_ROOT % 'index',
        base.ADMIN,
        'List all aggregates',
        'GET /os-aggregates'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.ADMIN,
        'Delete an aggregate',
        'DELETE /os-aggregates/{aggregate_id}'),
    base.api_rule(
        POLICY_ROOT % 'show',
        base.ADMIN,
        'Show details for an aggregate',
        'GET /os-aggregates/{aggregate_id}'),
    base.api_rule(
        NEW_POLICY_ROOT % 'images',
        base.ADMIN,
        'Request image caching for an aggregate',
        'POST /os-aggregates/{aggregate_id}/images'),
]


def list_rules():
    return rules
