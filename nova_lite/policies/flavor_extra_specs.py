"""Rules of flavor extra specs: readers see them, admins change them."""

from nova_lite.policies import base

POLICY_ROOT = 'os_compute_api:os-flavor-extra-specs:%s'

rules = [
    base.api_rule(
        POLICY_ROOT % 'show',
        base.PROJECT_READER_OR_ADMIN,
        'Show an extra spec for a flavor',
        'GET /flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'),
    base.api_rule(
        POLICY_ROOT % 'create',
        base.ADMIN,
        'Create extra specs for a flavor',
        'POST /flavors/{flavor_id}/os-extra_specs/'),
    base.api_rule(
        POLICY_ROOT % 'update',
        base.ADMIN,
        'Update an extra spec for a flavor',
        'PUT /flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'),
    base.api_rule(
        POLICY_ROOT % 'delete',
        base.ADMIN,
        'Delete an extra spec for a flavor',
        'DELETE /flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'),
    base.api_rule(
        POLICY_ROOT % 'index',
        base.PROJECT_READER_OR_ADMIN,
        'List extra specs for a flavor. Starting with microversion '
        '2.61, extra specs may be returned in responses for the '
        'flavor resource.',
        'GET /flavors/{flavor_id}/os-extra_specs/',
        'POST /flavors',
        'GET /flavors/detail',
        'GET /flavors/{flavor_id}',
        'PUT /flavors/{flavor_id}'),
]


def list_rules():
    return rules
