"""The limits and os-quota-sets APIs, as Nova answers them at each
microversion, and the quotas they set as server create enforces them.
Every success is checked against tempest.lib's response schemas."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import limits as limits21
from tempest.lib.api_schema.response.compute.v2_1 import quotas as v21
from tempest.lib.api_schema.response.compute.v2_36 import limits \
    as limits236
from tempest.lib.api_schema.response.compute.v2_36 import quotas as v236
from tempest.lib.api_schema.response.compute.v2_39 import limits \
    as limits239
from tempest.lib.api_schema.response.compute.v2_57 import limits \
    as limits257
from tempest.lib.api_schema.response.compute.v2_57 import quotas as v257

from nova_lite import objects
from tests.unit.api import create_body
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

PROJECT = 'demo-project'
QUOTAS = '/v2.1/os-quota-sets/' + PROJECT


def _put(client, body, query=''):
    return client.request('PUT', QUOTAS + query, body={'quota_set': body})


# limits

def test_limits_show_the_defaults_and_the_usage(client, flavor):
    make_instance(flavor, vcpus=2, memory_mb=512)

    resp = client.get('/v2.1/limits')

    tempest_validate(limits21.get_limit, resp)
    absolute = resp.json['limits']['absolute']
    assert resp.json['limits']['rate'] == []
    assert (absolute['maxTotalInstances'], absolute['maxTotalCores'],
            absolute['maxTotalRAMSize'], absolute['maxServerMeta'],
            absolute['maxImageMeta'], absolute['maxTotalKeypairs'],
            absolute['maxTotalFloatingIps']) == (10, 20, 51200, 128, 128,
                                                 100, -1)
    assert (absolute['totalInstancesUsed'], absolute['totalCoresUsed'],
            absolute['totalRAMUsed'], absolute['totalServerGroupsUsed'],
            absolute['totalFloatingIpsUsed']) == (1, 2, 512, 0, 0)


@pytest.mark.parametrize('version, schema, gone', [
    ('2.36', limits236, {'maxTotalFloatingIps', 'maxSecurityGroups',
                         'totalFloatingIpsUsed'}),
    ('2.39', limits239, {'maxImageMeta', 'maxSecurityGroupRules'}),
    ('2.57', limits257, {'maxPersonality', 'maxPersonalitySize',
                         'maxImageMeta', 'totalSecurityGroupsUsed'}),
])
def test_limits_hide_what_each_microversion_removed(
        client, db, version, schema, gone):
    resp = client.at_version(version).get('/v2.1/limits')

    tempest_validate(schema.get_limit, resp)
    assert not gone & set(resp.json['limits']['absolute'])


def test_limits_of_another_project_are_for_admins(client, admin, flavor):
    make_instance(flavor, project_id='other')

    resp = admin.get('/v2.1/limits?tenant_id=other')

    assert resp.json['limits']['absolute']['totalInstancesUsed'] == 1
    assert failed(client.get('/v2.1/limits?tenant_id=other')) == (
        403, "Policy doesn't allow os_compute_api:limits:other_project to "
             "be performed.")


def test_limits_follow_the_projects_quota(client, admin):
    _put(admin, {'instances': 3, 'metadata_items': 5})

    absolute = client.get('/v2.1/limits').json['limits']['absolute']

    assert (absolute['maxTotalInstances'], absolute['maxServerMeta']) == (
        3, 5)


# os-quota-sets: reading

def test_show_defaults_and_detail(client, flavor):
    make_instance(flavor, vcpus=2, memory_mb=512)

    resp = client.get(QUOTAS)
    tempest_validate(v21.get_quota_set, resp)
    assert resp.json['quota_set']['id'] == PROJECT
    assert (resp.json['quota_set']['instances'],
            resp.json['quota_set']['injected_file_path_bytes'],
            resp.json['quota_set']['security_groups']) == (10, 255, -1)

    resp = client.get(QUOTAS + '/defaults')
    tempest_validate(v21.get_quota_set, resp)
    assert resp.json['quota_set']['cores'] == 20

    resp = client.get(QUOTAS + '/detail')
    tempest_validate(v21.get_quota_set_details, resp)
    assert resp.json['quota_set']['cores'] == {'limit': 20, 'in_use': 2,
                                               'reserved': 0}
    assert resp.json['quota_set']['instances']['in_use'] == 1


def test_quota_sets_hide_what_each_microversion_removed(client, db):
    resp = client.at_version('2.36').get(QUOTAS)
    tempest_validate(v236.get_quota_set, resp)
    assert 'floating_ips' not in resp.json['quota_set']

    resp = client.at_version('2.57').get(QUOTAS + '/detail')
    tempest_validate(v257.get_quota_set_details, resp)
    assert 'injected_files' not in resp.json['quota_set']


def test_another_projects_quotas_are_for_admins(client, admin):
    resp = client.get('/v2.1/os-quota-sets/other')
    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-quota-sets:show to be "
             "performed.")
    assert failed(client.get('/v2.1/os-quota-sets/other/detail'))[0] == 403
    assert admin.get('/v2.1/os-quota-sets/other').status_int == 200
    # The defaults are anyone's to read.
    assert client.get('/v2.1/os-quota-sets/other/defaults'
                      ).status_int == 200


# os-quota-sets: changing

def test_update_then_delete_the_projects_quota(client, admin):
    resp = _put(admin, {'instances': '3', 'cores': 5})

    tempest_validate(v21.update_quota_set, resp)
    assert 'id' not in resp.json['quota_set']
    assert (resp.json['quota_set']['instances'],
            resp.json['quota_set']['cores']) == (3, 5)
    assert client.get(QUOTAS).json['quota_set']['instances'] == 3

    resp = admin.delete(QUOTAS)

    tempest_validate(v21.delete_quota, resp)
    assert client.get(QUOTAS).json['quota_set']['instances'] == 10


def test_update_is_for_admins(client, admin_context):
    assert failed(_put(client, {'instances': 50})) == (
        403, "Policy doesn't allow os_compute_api:os-quota-sets:update to "
             "be performed.")
    assert failed(client.delete(QUOTAS))[0] == 403
    assert objects.Quotas.get_set_limits(admin_context, PROJECT) == {}


def test_a_limit_below_the_usage_is_refused_unless_forced(admin, flavor,
                                                          admin_context):
    make_instance(flavor)
    make_instance(flavor)

    assert failed(_put(admin, {'instances': 1})) == (
        400, 'Quota limit 1 for instances must be greater than or equal to '
             'already used and reserved 2.')
    assert objects.Quotas.get_set_limits(admin_context, PROJECT) == {}

    resp = _put(admin, {'instances': 1, 'force': True})

    assert resp.json['quota_set']['instances'] == 1


def test_a_users_quota_stays_within_the_projects(admin, client):
    _put(admin, {'instances': 4})

    assert failed(_put(admin, {'instances': 5}, '?user_id=demo')) == (
        400, 'Quota limit 5 for instances must be less than or equal to 4.')

    resp = _put(admin, {'instances': 2}, '?user_id=demo')

    assert resp.json['quota_set']['instances'] == 2
    assert client.get(QUOTAS + '?user_id=demo').json['quota_set'][
        'instances'] == 2
    assert client.get(QUOTAS).json['quota_set']['instances'] == 4
    admin.delete(QUOTAS + '?user_id=demo')
    assert client.get(QUOTAS + '?user_id=demo').json['quota_set'][
        'instances'] == 4


@pytest.mark.parametrize('version, body', [
    ('2.1', {'instances': -2}),
    ('2.1', {'instances': 'ten'}),
    ('2.1', {'widgets': 1}),
    ('2.36', {'floating_ips': 1}),
    ('2.57', {'injected_files': 1}),
])
def test_a_body_outside_the_schema_is_a_400(admin, admin_context, version,
                                            body):
    resp = _put(admin.at_version(version), body)

    assert resp.status_int == 400
    assert objects.Quotas.get_set_limits(admin_context, PROJECT) == {}


def test_unknown_query_parameters_are_refused_from_2_75(client, db):
    assert client.at_version('2.74').get(QUOTAS + '?x=1').status_int == 200
    assert client.at_version('2.75').get(QUOTAS + '?x=1').status_int == 400


# enforcement

def test_create_is_refused_over_the_users_instances_quota(
        client, admin, flavor, image):
    _put(admin, {'instances': 1}, '?user_id=demo')
    make_instance(flavor)

    resp = client.post('/v2.1/servers', create_body())

    assert failed(resp) == (
        403, 'Quota exceeded for instances: Requested 1, but already used '
             '1 of 1 instances')
    # Another user of the project still has the project's room.
    other = client.as_user('demo2:' + PROJECT)
    assert other.post('/v2.1/servers', create_body()).status_int == 202


def test_create_is_refused_over_the_metadata_items_quota(
        client, admin, flavor, image):
    _put(admin, {'metadata_items': 2})

    resp = client.post('/v2.1/servers', create_body(
        metadata={'a': '1', 'b': '2', 'c': '3'}))

    assert failed(resp) == (
        403, 'Maximum number of metadata items exceeds 2')
    assert client.get('/v2.1/servers').json['servers'] == []
    assert client.post('/v2.1/servers', create_body(
        metadata={'a': '1', 'b': '2'})).status_int == 202


def test_key_pairs_are_refused_over_the_users_quota(client, admin):
    _put(admin, {'key_pairs': 1}, '?user_id=demo')
    assert client.post('/v2.1/os-keypairs',
                       {'keypair': {'name': 'k1'}}).status_int == 200

    resp = client.post('/v2.1/os-keypairs', {'keypair': {'name': 'k2'}})

    assert failed(resp) == (403, 'Maximum number of key pairs exceeded')
    assert [k['keypair']['name'] for k in client.get(
        '/v2.1/os-keypairs').json['keypairs']] == ['k1']


def test_deleting_a_projects_quotas_also_forgets_its_users(admin, client):
    _put(admin, {'instances': 2}, '?user_id=demo')

    admin.delete(QUOTAS)

    assert client.get(QUOTAS + '?user_id=demo').json['quota_set'][
        'instances'] == 10


def test_a_users_own_metadata_items_quota_applies_on_create(
        client, admin, flavor, image):
    _put(admin, {'metadata_items': 1}, '?user_id=demo')

    resp = client.post('/v2.1/servers', create_body(
        metadata={'a': '1', 'b': '2'}))

    assert failed(resp) == (403, 'Maximum number of metadata items exceeds 1')
    other = client.as_user('demo2:' + PROJECT)
    assert other.post('/v2.1/servers', create_body(
        metadata={'a': '1', 'b': '2'})).status_int == 202
