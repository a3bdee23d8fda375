"""GET /flavors/{id}/os-extra_specs[/{key}] and /os-flavor-access, which
the openstack CLI reads for ``flavor show``."""

from tests.unit.api import make_flavor


def test_extra_specs_lists_the_flavors_extra_specs(client, admin_context):
    make_flavor(admin_context, extra_specs={'hw:cpu_policy': 'shared'})

    resp = client.get('/v2.1/flavors/1/os-extra_specs')

    assert resp.status_int == 200
    assert resp.json == {'extra_specs': {'hw:cpu_policy': 'shared'}}


def test_extra_specs_of_a_flavor_without_any_is_empty(client, flavor):
    resp = client.get('/v2.1/flavors/1/os-extra_specs')

    assert resp.json == {'extra_specs': {}}


def test_one_extra_spec_is_shown_by_key(client, admin_context):
    make_flavor(admin_context, extra_specs={'hw:cpu_policy': 'shared'})

    resp = client.get('/v2.1/flavors/1/os-extra_specs/hw:cpu_policy')

    assert resp.json == {'hw:cpu_policy': 'shared'}


def test_a_missing_extra_spec_is_not_found(client, flavor):
    resp = client.get('/v2.1/flavors/1/os-extra_specs/hw:cpu_policy')

    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Flavor 1 has no extra specs with key hw:cpu_policy.')


def test_extra_specs_of_a_missing_flavor_are_not_found(client, db):
    resp = client.get('/v2.1/flavors/99/os-extra_specs')

    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Flavor 99 could not be found.')


def test_extra_specs_of_a_private_flavor_are_hidden_from_users(
        client, admin, admin_context):
    make_flavor(admin_context, is_public=False)

    assert client.get('/v2.1/flavors/1/os-extra_specs').status_int == 404
    assert admin.get('/v2.1/flavors/1/os-extra_specs').status_int == 200


def test_access_list_of_a_public_flavor_is_not_available(admin, flavor):
    resp = admin.get('/v2.1/flavors/1/os-flavor-access')

    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == (
        'Access list not available for public flavors.')


def test_access_list_of_a_private_flavor_is_empty(admin, admin_context):
    make_flavor(admin_context, is_public=False)

    resp = admin.get('/v2.1/flavors/1/os-flavor-access')

    assert resp.status_int == 200
    assert resp.json == {'flavor_access': []}
