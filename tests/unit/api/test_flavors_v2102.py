"""Flavors at 2.102: no ``rxtx_factor`` nor ``OS-FLV-DISABLED:disabled``
in any flavor document, no ``rxtx_factor`` on create nor as a sort key,
a ``name`` filter on the lists, and unknown query parameters of a show
refused."""

import copy

import pytest
from tempest.lib.api_schema.response.compute.v2_61 import flavors as v261

from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import make_flavor
from tests.unit.api import tempest_validate

FLAVORS = '/v2.1/flavors'
GONE = ('rxtx_factor', 'OS-FLV-DISABLED:disabled')


def _without_gone_fields(schema, *path):
    """tempest.lib has no 2.102 flavor schemas: its 2.61 ones (the
    newest) without the removed properties, as Nova's own 2.102 response
    schemas are made. additionalProperties stays False, so a removed
    field still shown fails the check."""
    schema = copy.deepcopy(schema)
    flavor = schema['response_body']
    for key in path:
        flavor = flavor['properties'][key]
    flavor = flavor.get('items', flavor)
    for name in GONE:
        del flavor['properties'][name]
    assert flavor['additionalProperties'] is False
    return schema


SHOW_V2102 = _without_gone_fields(v261.create_update_get_flavor_details,
                                  'flavor')
DETAIL_V2102 = _without_gone_fields(v261.list_flavors_details, 'flavors')


def _row(flavorid):
    return objects.Flavor.get_by_flavor_id(nova_context.get_admin_context(),
                                           flavorid)


def _ids(resp):
    return [flavor['id'] for flavor in resp.json['flavors']]


def _create_body(**values):
    flavor = {'name': 'm1.test', 'ram': 256, 'vcpus': 2, 'disk': 5}
    flavor.update(values)
    return {'flavor': flavor}


# the flavor documents

def test_show_at_2_102_has_no_rxtx_factor_nor_disabled(client, flavor):
    resp = client.at_version('2.102').get(FLAVORS + '/1')

    tempest_validate(SHOW_V2102, resp)
    assert not set(GONE) & set(resp.json['flavor'])


def test_show_at_2_101_still_has_them(client, flavor):
    resp = client.at_version('2.101').get(FLAVORS + '/1')

    tempest_validate(v261.create_update_get_flavor_details, resp)
    flavor_doc = resp.json['flavor']
    assert (flavor_doc['rxtx_factor'],
            flavor_doc['OS-FLV-DISABLED:disabled']) == (1.0, False)


def test_detail_at_2_102_has_no_rxtx_factor_nor_disabled(client, flavor):
    resp = client.at_version('2.102').get(FLAVORS + '/detail')

    tempest_validate(DETAIL_V2102, resp)
    assert _ids(resp) == ['1']


def test_create_at_2_102_answers_without_them(admin, db):
    resp = admin.at_version('2.102').post(FLAVORS, _create_body(id='10'))

    tempest_validate(SHOW_V2102, resp)
    assert resp.json['flavor']['name'] == 'm1.test'
    # The column keeps Nova's default.
    assert _row('10').rxtx_factor == 1.0


def test_update_at_2_102_answers_without_them(admin, flavor):
    resp = admin.at_version('2.102').request(
        'PUT', FLAVORS + '/1', body={'flavor': {'description': 'tiny'}})

    tempest_validate(SHOW_V2102, resp)
    assert _row('1').description == 'tiny'


# create

def test_rxtx_factor_on_create_is_refused_at_2_102(admin, db):
    resp = admin.at_version('2.102').post(
        FLAVORS, _create_body(id='10', rxtx_factor=2.0))

    assert failed(resp) == (
        400, "Invalid input for field/attribute flavor. Value: "
             "{'name': 'm1.test', 'ram': 256, 'vcpus': 2, 'disk': 5, "
             "'id': '10', 'rxtx_factor': 2.0}. Additional properties are "
             "not allowed ('rxtx_factor' was unexpected)")
    with pytest.raises(exception.FlavorNotFound):
        _row('10')


def test_rxtx_factor_on_create_is_kept_at_2_101(admin, db):
    resp = admin.at_version('2.101').post(
        FLAVORS, _create_body(id='10', rxtx_factor=2.0))

    tempest_validate(v261.create_update_get_flavor_details, resp)
    assert resp.json['flavor']['rxtx_factor'] == 2.0
    assert _row('10').rxtx_factor == 2.0


# the lists

def test_the_lists_filter_by_name_at_2_102(client, admin_context):
    make_flavor(admin_context, '1', 'm1.tiny')
    make_flavor(admin_context, '2', 'm1.small')
    make_flavor(admin_context, '3', 'ds512M')
    reader = client.at_version('2.102')

    assert _ids(reader.get(FLAVORS + '?name=m1')) == ['1', '2']
    # A regular expression, as on MySQL (case-insensitive).
    detail = reader.get(FLAVORS + '/detail?name=^DS')
    tempest_validate(DETAIL_V2102, detail)
    assert _ids(detail) == ['3']
    assert _ids(reader.get(FLAVORS + '?name=large')) == []


def test_the_name_filter_is_refused_at_2_101(client, flavor):
    resp = client.at_version('2.101').get(FLAVORS + '?name=m1')

    assert failed(resp) == (
        400, "Additional properties are not allowed ('name' was "
             "unexpected)")


def test_the_name_filter_is_ignored_before_2_75(client, admin_context):
    make_flavor(admin_context, '1', 'm1.tiny')
    make_flavor(admin_context, '3', 'ds512M')

    resp = client.at_version('2.74').get(FLAVORS + '?name=m1')

    assert _ids(resp) == ['1', '3']


def test_sorting_by_rxtx_factor_is_refused_at_2_102(client, flavor):
    resp = client.at_version('2.102').get(
        FLAVORS + '/detail?sort_key=rxtx_factor')

    assert failed(resp) == (
        400, "Invalid input for query parameters sort_key. Value: "
             "rxtx_factor. 'rxtx_factor' is not one of ['created_at', "
             "'description', 'disabled', 'ephemeral_gb', 'flavorid', 'id', "
             "'is_public', 'memory_mb', 'name', 'root_gb', 'swap', "
             "'updated_at', 'vcpu_weight', 'vcpus']")


def test_sorting_by_rxtx_factor_is_accepted_at_2_101(client, admin_context):
    make_flavor(admin_context, '1', 'm1.tiny', rxtx_factor=2.0)
    make_flavor(admin_context, '2', 'm1.small', rxtx_factor=1.0)

    resp = client.at_version('2.101').get(
        FLAVORS + '?sort_key=rxtx_factor')

    assert _ids(resp) == ['2', '1']


def test_unknown_list_parameters_stay_refused_at_2_102(client, flavor):
    resp = client.at_version('2.102').get(FLAVORS + '?foo=1')

    assert failed(resp) == (
        400, "Additional properties are not allowed ('foo' was unexpected)")


# show's query string

def test_show_refuses_unknown_query_parameters_at_2_102(client, flavor):
    resp = client.at_version('2.102').get(FLAVORS + '/1?foo=1')

    assert failed(resp) == (
        400, "Additional properties are not allowed ('foo' was unexpected)")


def test_show_ignores_unknown_query_parameters_at_2_101(client, flavor):
    resp = client.at_version('2.101').get(FLAVORS + '/1?foo=1')

    tempest_validate(v261.create_update_get_flavor_details, resp)
