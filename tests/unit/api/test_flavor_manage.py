"""Flavor management (admins): create, describe (2.55) and delete
flavors, and set and remove their extra specs, as Nova answers them.
Every success is checked against tempest.lib's response schemas."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import flavors as v21
from tempest.lib.api_schema.response.compute.v2_1 import \
    flavors_access as access21
from tempest.lib.api_schema.response.compute.v2_1 import \
    flavors_extra_specs as specs21
from tempest.lib.api_schema.response.compute.v2_55 import flavors as v255
from tempest.lib.api_schema.response.compute.v2_61 import flavors as v261

from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects
from tests.unit.api import create_body
from tests.unit.api import failed
from tests.unit.api import tempest_validate

FLAVORS = '/v2.1/flavors'


def _body(**values):
    flavor = {'name': 'm1.test', 'ram': 256, 'vcpus': 2, 'disk': 5}
    flavor.update(values)
    return {'flavor': flavor}


def _row(flavorid):
    return objects.Flavor.get_by_flavor_id(nova_context.get_admin_context(),
                                           flavorid)


def test_create_with_an_id_then_show_it_to_users(admin, client, db):
    resp = admin.post(FLAVORS, _body(id='10', swap=512,
                                     **{'OS-FLV-EXT-DATA:ephemeral': 1,
                                        'rxtx_factor': '2.0'}))

    tempest_validate(v21.create_update_get_flavor_details, resp)
    flavor = resp.json['flavor']
    assert (flavor['id'], flavor['ram'], flavor['vcpus'], flavor['disk'],
            flavor['swap'], flavor['OS-FLV-EXT-DATA:ephemeral'],
            flavor['rxtx_factor']) == ('10', 256, 2, 5, 512, 1, 2.0)
    row = _row('10')
    assert (row.name, row.memory_mb, row.is_public) == ('m1.test', 256,
                                                        True)
    assert client.get(FLAVORS + '/10').json['flavor']['name'] == 'm1.test'


def test_create_without_an_id_generates_a_uuid(admin, db):
    resp = admin.post(FLAVORS, _body(id=None))

    flavorid = resp.json['flavor']['id']
    assert len(flavorid) == 36 and _row(flavorid).name == 'm1.test'


def test_a_private_flavor_is_hidden_from_users(admin, client, db):
    admin.post(FLAVORS, _body(id='p1', **{'os-flavor-access:is_public':
                                          False}))

    assert client.get(FLAVORS + '/p1').status_int == 404
    assert 'p1' not in [f['id'] for f in client.get(FLAVORS).json[
        'flavors']]


def test_description_from_2_55_and_extra_specs_from_2_61(admin, db):
    resp = admin.at_version('2.55').post(FLAVORS, _body(
        id='d1', description='for tests'))
    tempest_validate(v255.create_update_get_flavor_details, resp)
    assert resp.json['flavor']['description'] == 'for tests'

    resp = admin.at_version('2.61').request(
        'PUT', FLAVORS + '/d1', body={'flavor': {'description': 'new'}})

    tempest_validate(v261.create_update_get_flavor_details, resp)
    assert resp.json['flavor']['description'] == 'new'
    assert resp.json['flavor']['extra_specs'] == {}
    assert _row('d1').description == 'new'
    assert admin.at_version('2.54').request(
        'PUT', FLAVORS + '/d1',
        body={'flavor': {'description': 'x'}}).status_int == 404
    assert admin.post(FLAVORS, _body(
        id='d2', description='too early')).status_int == 400


@pytest.mark.parametrize('body, expected', [
    (_body(id='1'), (409, 'Flavor with ID 1 already exists.')),
    (_body(id='20', name='m1.tiny'),
     (409, 'Flavor with name m1.tiny already exists.')),
    (_body(ram=0), None),
    (_body(vcpus='two'), None),
    (_body(id=' 1'), None),
    (_body(rxtx_factor=0), None),
    (_body(color='blue'), None),
    ({'flavor': {'name': 'x', 'ram': 1, 'vcpus': 1}}, None),
])
def test_refused_creates_add_nothing(admin, flavor, body, expected):
    resp = admin.post(FLAVORS, body)

    if expected:
        assert failed(resp) == expected
    else:
        assert resp.status_int == 400
    assert [f['id'] for f in admin.get(
        FLAVORS + '?is_public=none').json['flavors']] == ['1']


def test_delete(admin, flavor):
    resp = admin.delete(FLAVORS + '/1')

    tempest_validate(v21.delete_flavor, resp)
    with pytest.raises(exception.FlavorNotFound):
        _row('1')
    assert failed(admin.delete(FLAVORS + '/1')) == (
        404, 'Flavor 1 could not be found.')


def test_flavor_changes_are_for_admins(client, flavor):
    for resp, rule in (
            (client.post(FLAVORS, _body(id='9')), 'os-flavor-manage:create'),
            (client.delete(FLAVORS + '/1'), 'os-flavor-manage:delete'),
            (client.at_version('2.55').request(
                'PUT', FLAVORS + '/1', body={'flavor': {'description': 'x'}}),
             'os-flavor-manage:update'),
            (client.post(FLAVORS + '/1/os-extra_specs',
                         {'extra_specs': {'a': 'b'}}),
             'os-flavor-extra-specs:create'),
            (client.delete(FLAVORS + '/1/os-extra_specs/a'),
             'os-flavor-extra-specs:delete')):
        assert failed(resp) == (
            403, "Policy doesn't allow os_compute_api:%s to be performed."
                 % rule)
    assert (_row('1').name, _row('1').extra_specs) == ('m1.tiny', {})


# extra specs

def test_set_update_and_unset_extra_specs(admin, client, flavor):
    resp = admin.post(FLAVORS + '/1/os-extra_specs', {'extra_specs': {
        'hw:cpu_policy': 'shared', 'quota:cpu_shares': 1024}})

    tempest_validate(specs21.set_get_flavor_extra_specs, resp)
    assert resp.json['extra_specs'] == {'hw:cpu_policy': 'shared',
                                        'quota:cpu_shares': '1024'}
    resp = admin.request('PUT', FLAVORS + '/1/os-extra_specs/hw:cpu_policy',
                         body={'hw:cpu_policy': 'dedicated'})
    tempest_validate(specs21.set_get_flavor_extra_specs_key, resp)
    assert _row('1').extra_specs == {'hw:cpu_policy': 'dedicated',
                                     'quota:cpu_shares': '1024'}
    assert client.get(FLAVORS + '/1/os-extra_specs/hw:cpu_policy').json == {
        'hw:cpu_policy': 'dedicated'}

    resp = admin.delete(FLAVORS + '/1/os-extra_specs/quota:cpu_shares')

    tempest_validate(specs21.unset_flavor_extra_specs, resp)
    assert _row('1').extra_specs == {'hw:cpu_policy': 'dedicated'}
    assert failed(admin.delete(
        FLAVORS + '/1/os-extra_specs/quota:cpu_shares')) == (
        404, 'Flavor 1 has no extra specs with key quota:cpu_shares.')


@pytest.mark.parametrize('key, body, expected', [
    ('a', {'b': '1'}, 'Request body and URI mismatch'),
    ('a', {'a': '1', 'b': '2'}, None),
    ('a', {}, None),
    ('a', {'a': ['x']}, None),
])
def test_refused_extra_spec_updates_change_nothing(admin, flavor, key,
                                                   body, expected):
    resp = admin.request('PUT', FLAVORS + '/1/os-extra_specs/' + key,
                         body=body)

    assert resp.status_int == 400
    if expected:
        assert failed(resp)[1] == expected
    assert _row('1').extra_specs == {}


def test_extra_specs_of_an_unknown_flavor_are_404(admin, db):
    assert failed(admin.post(FLAVORS + '/nope/os-extra_specs', {
        'extra_specs': {'a': 'b'}})) == (404, 'Flavor nope could not be '
                                              'found.')


# access to private flavors

def _access(admin, action, project, flavorid='p1'):
    return admin.post('%s/%s/action' % (FLAVORS, flavorid),
                      {action: {'tenant': project}})


def test_a_project_given_access_sees_and_boots_a_private_flavor(
        admin, client, image):
    admin.post(FLAVORS, _body(id='p1', **{'os-flavor-access:is_public':
                                          False}))
    assert client.get(FLAVORS + '/p1').status_int == 404

    resp = _access(admin, 'addTenantAccess', 'demo-project')

    tempest_validate(access21.add_remove_list_flavor_access, resp)
    assert resp.json == {'flavor_access': [{'flavor_id': 'p1',
                                            'tenant_id': 'demo-project'}]}
    assert client.get(FLAVORS + '/p1').status_int == 200
    assert 'p1' in [f['id'] for f in client.get(FLAVORS).json['flavors']]
    assert client.post('/v2.1/servers', create_body(
        flavorRef='p1')).status_int == 202
    other = client.as_user('eve:eve-project')
    assert other.post('/v2.1/servers', create_body(
        flavorRef='p1')).status_int == 400

    resp = _access(admin, 'removeTenantAccess', 'demo-project')

    tempest_validate(access21.add_remove_list_flavor_access, resp)
    assert resp.json == {'flavor_access': []}
    assert client.get(FLAVORS + '/p1').status_int == 404


def test_refused_access_changes(admin, client, flavor):
    admin.post(FLAVORS, _body(id='p1', **{'os-flavor-access:is_public':
                                          False}))
    _access(admin, 'addTenantAccess', 'demo-project')

    assert failed(_access(admin, 'addTenantAccess', 'demo-project')) == (
        409, 'Flavor access already exists for flavor p1 and project '
             'demo-project combination.')
    assert failed(_access(admin, 'removeTenantAccess', 'other')) == (
        404, 'Flavor access not found for p1 / other combination.')
    assert failed(_access(admin, 'addTenantAccess', 'x', '1')) == (
        409, 'Can not add access to a public flavor.')
    assert failed(_access(admin, 'addTenantAccess', 'x', 'nope'))[0] == 404
    assert failed(_access(client, 'addTenantAccess', 'demo-project')) == (
        403, "Policy doesn't allow os_compute_api:os-flavor-access:"
             "add_tenant_access to be performed.")
    assert failed(client.get(FLAVORS + '/p1/os-flavor-access'))[0] == 403
    assert admin.get(FLAVORS + '/p1/os-flavor-access').json == {
        'flavor_access': [{'flavor_id': 'p1', 'tenant_id': 'demo-project'}]}


def test_deleting_a_shared_private_flavor_forgets_its_access(admin, db):
    admin.post(FLAVORS, _body(id='p1', **{'os-flavor-access:is_public':
                                          False}))
    _access(admin, 'addTenantAccess', 'demo-project')

    assert admin.delete(FLAVORS + '/p1').status_int == 202

    admin.post(FLAVORS, _body(id='p1', **{'os-flavor-access:is_public':
                                          False}))
    assert admin.get(FLAVORS + '/p1/os-flavor-access').json == {
        'flavor_access': []}
