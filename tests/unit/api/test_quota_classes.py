"""The os-quota-class-sets API as Nova answers it at each microversion,
and the 'default' class as every project's defaults: in os-quota-sets,
limits and what server create, metadata and key pairs enforce. Every
success is checked against tempest.lib's response schemas."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import limits as limits21
from tempest.lib.api_schema.response.compute.v2_1 import quota_classes \
    as v21
from tempest.lib.api_schema.response.compute.v2_1 import quotas \
    as quotas21
from tempest.lib.api_schema.response.compute.v2_50 import quota_classes \
    as v250
from tempest.lib.api_schema.response.compute.v2_57 import quota_classes \
    as v257

from nova_lite import objects
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

CLASSES = '/v2.1/os-quota-class-sets/'
DEFAULT = CLASSES + 'default'
PROJECT = 'demo-project'
QUOTAS = '/v2.1/os-quota-sets/' + PROJECT

NETWORK = {'fixed_ips', 'floating_ips', 'security_groups',
           'security_group_rules'}
PERSONALITY = {'injected_files', 'injected_file_content_bytes',
               'injected_file_path_bytes'}
SERVER_GROUPS = {'server_groups', 'server_group_members'}


def _put(client, body, path=DEFAULT):
    return client.request('PUT', path, body={'quota_class_set': body})


def _class_rows(admin_context, name='default'):
    return objects.Quotas.get_class_limits(admin_context, name)


# show

def test_show_before_2_50_has_the_network_resources_not_server_groups(
        admin, db):
    resp = admin.get(DEFAULT)

    tempest_validate(v21.get_quota_class_set, resp)
    body = resp.json['quota_class_set']
    assert body['id'] == 'default'
    assert NETWORK | PERSONALITY <= set(body)
    assert not SERVER_GROUPS & set(body)
    assert (body['instances'], body['cores'], body['ram'],
            body['injected_file_path_bytes'], body['fixed_ips']) == (
        10, 20, 51200, 255, -1)


@pytest.mark.parametrize('version, schema, shown, gone', [
    ('2.50', v250, PERSONALITY | SERVER_GROUPS, NETWORK),
    ('2.57', v257, SERVER_GROUPS, NETWORK | PERSONALITY),
])
def test_show_follows_the_microversion(admin, db, version, schema, shown,
                                       gone):
    resp = admin.at_version(version).get(DEFAULT)

    tempest_validate(schema.get_quota_class_set, resp)
    body = resp.json['quota_class_set']
    assert shown <= set(body)
    assert not gone & set(body)
    assert (body['server_groups'], body['server_group_members']) == (10, 10)


def test_a_class_with_no_limits_of_its_own_shows_the_config(admin, conf,
                                                            db):
    conf.set_override('instances', 7, group='quota')

    resp = admin.get(CLASSES + 'gold')

    tempest_validate(v21.get_quota_class_set, resp)
    assert resp.json['quota_class_set']['id'] == 'gold'
    assert resp.json['quota_class_set']['instances'] == 7


def test_the_legacy_v2_api_shows_a_class_as_2_1(admin, db):
    resp = admin.get('/v2/os-quota-class-sets/default')

    tempest_validate(v21.get_quota_class_set, resp)
    assert not SERVER_GROUPS & set(resp.json['quota_class_set'])


# update

def test_update_sets_the_class_and_answers_without_id(admin, admin_context):
    resp = _put(admin, {'instances': '5', 'cores': 8, 'server_groups': 3})

    tempest_validate(v21.update_quota_class_set, resp)
    body = resp.json['quota_class_set']
    assert 'id' not in body
    assert (body['instances'], body['cores'], body['ram']) == (5, 8, 51200)
    # Set before 2.50 all the same, shown from 2.50.
    assert 'server_groups' not in body
    assert _class_rows(admin_context) == {'instances': 5, 'cores': 8,
                                          'server_groups': 3}
    shown = admin.at_version('2.50').get(DEFAULT)
    assert shown.json['quota_class_set']['server_groups'] == 3


def test_update_again_changes_the_classes_limit(admin, admin_context):
    _put(admin, {'instances': 5})

    resp = _put(admin.at_version('2.57'), {'instances': -1})

    tempest_validate(v257.update_quota_class_set, resp)
    assert resp.json['quota_class_set']['instances'] == -1
    assert _class_rows(admin_context) == {'instances': -1}


def test_update_at_2_50_takes_and_shows_the_server_group_limits(admin,
                                                                db):
    resp = _put(admin.at_version('2.50'), {'server_group_members': 4})

    tempest_validate(v250.update_quota_class_set, resp)
    assert resp.json['quota_class_set']['server_group_members'] == 4
    assert not NETWORK & set(resp.json['quota_class_set'])


def test_a_nova_network_limit_set_before_2_50_is_shown(admin, db):
    _put(admin, {'floating_ips': 3})

    assert admin.get(DEFAULT).json['quota_class_set']['floating_ips'] == 3
    assert admin.get(QUOTAS + '/defaults').json['quota_set'][
        'floating_ips'] == 3


@pytest.mark.parametrize('version, body', [
    ('2.1', {'instances': -2}),
    ('2.1', {'instances': 'ten'}),
    ('2.1', {'instances': 2 ** 31}),
    ('2.1', {'widgets': 1}),
    ('2.1', {'instances': 1, 'force': True}),
    ('2.50', {'fixed_ips': 1}),
    ('2.50', {'security_groups': 1}),
    ('2.57', {'injected_files': 1}),
    ('2.57', {'injected_file_content_bytes': 1}),
])
def test_a_body_outside_the_schema_is_a_400(admin, admin_context, version,
                                            body):
    resp = _put(admin.at_version(version), body)

    status, message = failed(resp)
    assert status == 400
    assert message.startswith('Invalid input for field/attribute')
    assert _class_rows(admin_context) == {}


def test_a_body_without_quota_class_set_is_a_400(admin, admin_context):
    resp = admin.request('PUT', DEFAULT, body={'quota_set': {'cores': 1}})

    assert failed(resp)[0] == 400
    assert _class_rows(admin_context) == {}


def test_a_class_name_over_255_characters_is_a_400(admin, admin_context):
    name = 'x' * 256

    resp = _put(admin, {'instances': 1}, CLASSES + name)

    assert failed(resp) == (
        400, 'quota_class_name has more than 255 characters.')
    assert _class_rows(admin_context, name) == {}


@pytest.mark.parametrize('token', ['demo:demo-project',
                                   'mike:demo-project:member',
                                   'rita:demo-project:reader'])
def test_quota_classes_are_for_admins(client, admin_context, token):
    user = client.as_user(token)

    assert failed(user.get(DEFAULT)) == (
        403, "Policy doesn't allow os_compute_api:os-quota-class-sets:show "
             "to be performed.")
    assert failed(_put(user, {'instances': 1})) == (
        403, "Policy doesn't allow os_compute_api:os-quota-class-sets:"
             "update to be performed.")
    assert _class_rows(admin_context) == {}


# the 'default' class as every project's defaults

def test_the_default_class_is_the_projects_defaults(client, admin, flavor):
    make_instance(flavor)
    _put(admin, {'instances': 4, 'metadata_items': 6})

    resp = client.get(QUOTAS + '/defaults')
    tempest_validate(quotas21.get_quota_set, resp)
    assert resp.json['quota_set']['instances'] == 4
    resp = client.get(QUOTAS)
    tempest_validate(quotas21.get_quota_set, resp)
    assert resp.json['quota_set']['metadata_items'] == 6
    resp = client.get(QUOTAS + '/detail')
    tempest_validate(quotas21.get_quota_set_details, resp)
    assert resp.json['quota_set']['instances'] == {
        'limit': 4, 'in_use': 1, 'reserved': 0}
    resp = client.get('/v2.1/limits')
    tempest_validate(limits21.get_limit, resp)
    absolute = resp.json['limits']['absolute']
    assert (absolute['maxTotalInstances'], absolute['maxServerMeta']) == (
        4, 6)


def test_a_projects_own_limit_wins_over_the_default_class(client, admin):
    _put(admin, {'instances': 4})
    admin.request('PUT', QUOTAS, body={'quota_set': {'instances': 2}})

    assert client.get(QUOTAS).json['quota_set']['instances'] == 2
    assert client.get('/v2.1/os-quota-sets/other/defaults').json[
        'quota_set']['instances'] == 4


def test_another_class_changes_no_ones_defaults(client, admin):
    _put(admin, {'instances': 3}, CLASSES + 'gold')

    assert admin.get(CLASSES + 'gold').json['quota_class_set'][
        'instances'] == 3
    assert client.get(QUOTAS + '/defaults').json['quota_set'][
        'instances'] == 10


def test_create_is_refused_over_the_default_classes_instances(
        client, admin, flavor, image):
    _put(admin, {'instances': 1})
    make_instance(flavor)

    resp = client.post('/v2.1/servers', create_body())

    assert failed(resp) == (
        403, 'Quota exceeded for instances: Requested 1, but already used '
             '1 of 1 instances')
    assert len(client.get('/v2.1/servers').json['servers']) == 1


def test_create_is_refused_over_the_default_classes_metadata_items(
        client, admin, flavor, image):
    _put(admin, {'metadata_items': 1})

    resp = client.post('/v2.1/servers', create_body(
        metadata={'a': '1', 'b': '2'}))

    assert failed(resp) == (403, 'Maximum number of metadata items exceeds 1')
    assert client.get('/v2.1/servers').json['servers'] == []


def test_key_pairs_are_refused_over_the_default_classes_limit(client,
                                                              admin):
    _put(admin, {'key_pairs': 0})

    resp = client.post('/v2.1/os-keypairs', {'keypair': {'name': 'k1'}})

    assert failed(resp) == (403, 'Maximum number of key pairs exceeded')
    assert client.get('/v2.1/os-keypairs').json['keypairs'] == []


def test_rebuild_is_refused_over_the_default_classes_metadata_items(
        client, admin, flavor, image):
    _put(admin, {'metadata_items': 1})
    instance = make_instance(flavor, host='compute1')

    resp = client.post('/v2.1/servers/%s/action' % instance.uuid, {
        'rebuild': {'imageRef': image.uuid,
                    'metadata': {'a': '1', 'b': '2'}}})

    assert failed(resp) == (403, 'Maximum number of metadata items exceeds 1')
    row = db_instance(instance.uuid)
    assert (row.metadata, row.task_state) == ({}, None)
