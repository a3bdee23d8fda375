"""The os-keypairs API, as Nova answers it at each microversion, and
``key_name`` on server create. Every success is checked against
tempest.lib's response schemas."""

import base64
import copy
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import keypairs as v21
from tempest.lib.api_schema.response.compute.v2_1 import parameter_types
from tempest.lib.api_schema.response.compute.v2_2 import keypairs as v22

from nova_lite import context as nova_context
from nova_lite import objects
from nova_lite.virt.libvirt import configdrive
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import failed
from tests.unit.api import tempest_validate

# A key and its fingerprint from Nova's API samples.
PUBLIC_KEY = (
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCkF3MX59OrlBs3dH5CU7lNmvpbrgZxSpy'
    'GjlnE8Flkirnc/Up22lpjznoxqeoTAwTW034k7Dz6aYIrZGmQwe2TkE084yqvlj45Dkyoj9'
    '5fW/sZacm0cZNuL69EObEGHdprfGJQajrpz22NQoCD8TFB8Wv+8om9NH9Le6s+WPe98WC7'
    '7KLw8qgfQsbIey+JawPWl4O67ZdL5xrypuRjfIPWjgy/VH85IXg/Z/GONZ2nxHgSShMkwq'
    'SFECAC5L3PHB+0+/12M/iikdatFSVGjpuHvkLOs3oe7m6HlOfluSJ85BzLWBbvva93qkGm'
    'Lg4ZAc8rPh2O+YIsBUHNLLMM/oQp Generated-by-Nova\n')
FINGERPRINT = '7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd'

# tempest.lib has no schema of the 2.35 list; it is 2.2's with the links.
list_keypairs_v235 = copy.deepcopy(v22.list_keypairs)
list_keypairs_v235['response_body']['properties']['keypairs_links'] = (
    parameter_types.links)

KEYPAIRS = '/v2.1/os-keypairs'


def _import(client, name='key1', public_key=PUBLIC_KEY, **extra):
    return client.post(KEYPAIRS, {'keypair': dict(
        name=name, public_key=public_key, **extra)})


def _names(resp):
    return [item['keypair']['name'] for item in resp.json['keypairs']]


# create (generate)

def test_create_generates_a_key_and_returns_its_private_key(client, db):
    resp = client.post(KEYPAIRS, {'keypair': {'name': 'key1'}})

    tempest_validate(v21.create_keypair, resp)
    keypair = resp.json['keypair']
    assert (keypair['name'], keypair['user_id']) == ('key1', 'demo')
    private_key = serialization.load_pem_private_key(
        keypair['private_key'].encode(), password=None)
    public_key = private_key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    assert keypair['public_key'] == public_key + ' Generated-by-Nova'


def test_create_at_2_2_is_201_with_the_key_type(client, db):
    resp = client.at_version('2.2').post(KEYPAIRS,
                                         {'keypair': {'name': 'key1'}})

    tempest_validate(v22.create_keypair, resp)
    assert resp.json['keypair']['type'] == 'ssh'
    assert 'private_key' in resp.json['keypair']


def test_the_private_key_is_not_kept(client, db):
    client.post(KEYPAIRS, {'keypair': {'name': 'key1'}})

    shown = client.get(KEYPAIRS + '/key1').json['keypair']

    assert 'private_key' not in shown


def test_create_x509_generates_a_client_certificate(client, db):
    resp = client.at_version('2.2').post(
        KEYPAIRS, {'keypair': {'name': 'winrm', 'type': 'x509'}})

    tempest_validate(v22.create_keypair, resp)
    keypair = resp.json['keypair']
    assert keypair['type'] == 'x509'
    assert keypair['public_key'].startswith('-----BEGIN CERTIFICATE-----')
    # The private key is a base64 PKCS#12 bundle of key and certificate.
    key, cert, _cas = pkcs12.load_key_and_certificates(
        base64.b64decode(keypair['private_key']), None)
    assert cert.public_bytes(serialization.Encoding.PEM).decode() == \
        keypair['public_key']
    assert key.public_key().public_numbers() == \
        cert.public_key().public_numbers()


# create (import)

def test_import_returns_the_key_and_its_fingerprint_only(client, db):
    resp = _import(client)

    tempest_validate(v21.create_keypair, resp)
    assert resp.json == {'keypair': {
        'name': 'key1', 'public_key': PUBLIC_KEY,
        'fingerprint': FINGERPRINT, 'user_id': 'demo'}}


def test_import_at_2_2_is_201_with_the_key_type(client, db):
    resp = _import(client.at_version('2.2'))

    tempest_validate(v22.create_keypair, resp)
    assert resp.json['keypair']['type'] == 'ssh'


def test_import_of_something_not_an_ssh_key_is_refused(client, db):
    resp = _import(client, public_key='ssh-rsa not-a-key')

    assert failed(resp) == (
        400, 'Keypair data is invalid: failed to generate fingerprint')
    assert client.get(KEYPAIRS).json == {'keypairs': []}


def test_import_of_an_x509_certificate_has_its_sha1_fingerprint(client, db):
    generated = client.at_version('2.2').post(
        KEYPAIRS, {'keypair': {'name': 'gen', 'type': 'x509'}}).json
    certificate = generated['keypair']['public_key']

    resp = _import(client.at_version('2.2'), name='imported',
                   public_key=certificate, type='x509')

    tempest_validate(v22.create_keypair, resp)
    assert resp.json['keypair']['fingerprint'] == _sha1_fingerprint(
        certificate)


def _sha1_fingerprint(pem):
    der = base64.b64decode(''.join(
        line for line in pem.splitlines() if not line.startswith('-----')))
    digest = hashlib.sha1(der).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def test_import_of_an_invalid_x509_certificate_is_refused(client, db):
    resp = _import(client.at_version('2.2'), public_key=PUBLIC_KEY,
                   type='x509')

    status, message = failed(resp)
    assert status == 400
    assert message.startswith('Keypair data is invalid: failed to generate '
                              'X509 fingerprint. Error message: ')


def test_a_taken_name_is_a_conflict(client, db):
    _import(client)

    resp = client.post(KEYPAIRS, {'keypair': {'name': 'key1'}})

    assert failed(resp) == (409, "Key pair 'key1' already exists.")


def test_the_name_of_a_deleted_key_can_be_used_again(client, db):
    _import(client)
    client.delete(KEYPAIRS + '/key1')

    resp = client.post(KEYPAIRS, {'keypair': {'name': 'key1'}})

    assert resp.status_int == 200


def test_two_users_may_have_keys_of_one_name(client, db):
    _import(client)

    resp = _import(client.as_user('alice:demo-project'))

    assert resp.status_int == 200
    assert resp.json['keypair']['user_id'] == 'alice'


@pytest.mark.parametrize('name, message', [
    ('key!', "Invalid input for field/attribute name. Value: key!. 'key!' "
             "does not match '^[_\\\\- a-zA-Z0-9]+$'"),
    (' key', "An invalid 'name' value was provided. The name must be: "
             "printable characters. Can not start or end with whitespace."),
    ('', "Invalid input for field/attribute name. Value: . "),
    ('k' * 256, "Invalid input for field/attribute name. Value: %s. " %
     ('k' * 256)),
])
def test_names_outside_novas_pattern_are_refused(client, db, name, message):
    resp = client.post(KEYPAIRS, {'keypair': {'name': name}})

    status, text = failed(resp)
    # The reason after the prefix is jsonschema's wording.
    assert (status, text[:len(message)]) == (400, message)
    assert client.get(KEYPAIRS).json == {'keypairs': []}


def test_a_name_of_letters_digits_spaces_dashes_underscores_is_valid(
        client, db):
    resp = client.post(KEYPAIRS, {'keypair': {'name': 'my key_1-a'}})

    assert resp.json['keypair']['name'] == 'my key_1-a'


def test_create_without_a_name_is_refused(client, db):
    resp = client.post(KEYPAIRS, {'keypair': {'public_key': PUBLIC_KEY}})

    status, message = failed(resp)
    assert status == 400
    assert message.endswith("'name' is a required property")


def test_the_type_before_2_2_is_refused(client, db):
    resp = client.post(KEYPAIRS, {'keypair': {'name': 'k', 'type': 'ssh'}})

    assert resp.status_int == 400
    assert "'type' was unexpected" in failed(resp)[1]


def test_an_unknown_type_is_refused(client, db):
    resp = client.at_version('2.2').post(
        KEYPAIRS, {'keypair': {'name': 'k', 'type': 'pgp'}})

    assert failed(resp) == (
        400, "Invalid input for field/attribute type. Value: pgp. 'pgp' is "
             "not one of ['ssh', 'x509']")


def test_user_id_in_the_body_before_2_10_is_refused(admin, db):
    resp = _import(admin.at_version('2.9'), user_id='alice')

    assert resp.status_int == 400
    assert "'user_id' was unexpected" in failed(resp)[1]


def test_an_admin_creates_a_key_for_another_user_at_2_10(admin, client, db):
    resp = _import(admin.at_version('2.10'), user_id='demo')

    tempest_validate(v22.create_keypair, resp)
    assert resp.json['keypair']['user_id'] == 'demo'
    assert _names(client.get(KEYPAIRS)) == ['key1']
    assert _names(admin.get(KEYPAIRS)) == []


def test_a_user_may_not_create_a_key_for_another_user(client, db):
    resp = _import(client.at_version('2.10'), user_id='alice')

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-keypairs:create to be "
             "performed.")


def test_a_user_may_name_themselves_as_the_user(client, db):
    resp = _import(client.at_version('2.10'), user_id='demo')

    assert resp.status_int == 201


# show

def test_show_returns_novas_keypair_document(client, db):
    _import(client)

    resp = client.get(KEYPAIRS + '/key1')

    tempest_validate(v21.get_keypair, resp)
    keypair = resp.json['keypair']
    assert {k: v for k, v in keypair.items() if k != 'created_at'} == {
        'name': 'key1', 'public_key': PUBLIC_KEY, 'fingerprint': FINGERPRINT,
        'user_id': 'demo', 'deleted': False, 'deleted_at': None,
        'updated_at': None, 'id': keypair['id']}
    assert isinstance(keypair['id'], int)


def test_show_at_2_2_adds_the_type(client, db):
    _import(client)

    resp = client.at_version('2.2').get(KEYPAIRS + '/key1')

    tempest_validate(v22.get_keypair, resp)
    assert resp.json['keypair']['type'] == 'ssh'


def test_show_of_an_unknown_key_is_not_found(client, db):
    resp = client.get(KEYPAIRS + '/nokey')

    assert failed(resp) == (404, 'Keypair nokey not found for user demo')


def test_a_user_does_not_see_another_users_key(client, db):
    _import(client.as_user('alice:demo-project'))

    assert client.get(KEYPAIRS + '/key1').status_int == 404


def test_a_name_with_spaces_is_shown_from_its_quoted_url(client, db):
    _import(client, name='my key')

    resp = client.get(KEYPAIRS + '/my%20key')

    assert resp.json['keypair']['name'] == 'my key'


def test_an_admin_shows_another_users_key_at_2_10(admin, client, db):
    _import(client)

    resp = admin.at_version('2.10').get(KEYPAIRS + '/key1?user_id=demo')

    tempest_validate(v22.get_keypair, resp)
    assert resp.json['keypair']['user_id'] == 'demo'


def test_user_id_is_ignored_before_2_10(admin, client, db):
    _import(client)

    resp = admin.at_version('2.9').get(KEYPAIRS + '/key1?user_id=demo')

    assert failed(resp) == (404, 'Keypair key1 not found for user admin')


def test_a_user_may_not_show_another_users_key(client, db):
    _import(client.as_user('alice:demo-project'))

    resp = client.at_version('2.10').get(KEYPAIRS + '/key1?user_id=alice')

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-keypairs:show to be "
             "performed.")


def test_show_refuses_unknown_query_parameters_from_2_75(client, db):
    _import(client)

    assert client.at_version('2.74').get(
        KEYPAIRS + '/key1?foo=1').status_int == 200
    resp = client.at_version('2.75').get(KEYPAIRS + '/key1?foo=1')
    assert resp.status_int == 400
    assert "'foo' was unexpected" in failed(resp)[1]


# delete

def test_delete_is_202_before_2_2_and_the_key_is_gone(client, db):
    _import(client)

    resp = client.delete(KEYPAIRS + '/key1')

    tempest_validate(v21.delete_keypair, resp)
    assert resp.body == b''
    assert client.get(KEYPAIRS + '/key1').status_int == 404


def test_delete_at_2_2_is_204(client, db):
    _import(client)

    resp = client.at_version('2.2').delete(KEYPAIRS + '/key1')

    tempest_validate(v22.delete_keypair, resp)
    assert resp.body == b''


def test_delete_of_an_unknown_key_is_not_found(client, db):
    resp = client.delete(KEYPAIRS + '/nokey')

    assert failed(resp) == (404, 'Keypair nokey not found for user demo')


def test_an_admin_deletes_another_users_key_at_2_10(admin, client, db):
    _import(client)

    resp = admin.at_version('2.10').delete(KEYPAIRS + '/key1?user_id=demo')

    assert resp.status_int == 204
    assert client.get(KEYPAIRS).json == {'keypairs': []}


def test_a_user_may_not_delete_another_users_key(client, db):
    other = client.as_user('alice:demo-project')
    _import(other)

    resp = client.at_version('2.10').delete(KEYPAIRS + '/key1?user_id=alice')

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-keypairs:delete to be "
             "performed.")
    assert _names(other.get(KEYPAIRS)) == ['key1']


# list

def test_list_shows_the_users_keys_by_name(client, db):
    _import(client, name='zeta')
    _import(client, name='alpha')
    _import(client.as_user('alice:demo-project'), name='other')

    resp = client.get(KEYPAIRS)

    tempest_validate(v21.list_keypairs, resp)
    assert resp.json['keypairs'][0] == {'keypair': {
        'name': 'alpha', 'public_key': PUBLIC_KEY,
        'fingerprint': FINGERPRINT}}
    assert _names(resp) == ['alpha', 'zeta']


def test_list_at_2_2_adds_the_type(client, db):
    _import(client)

    resp = client.at_version('2.2').get(KEYPAIRS)

    tempest_validate(v22.list_keypairs, resp)
    assert resp.json['keypairs'][0]['keypair']['type'] == 'ssh'


def test_list_leaves_out_deleted_keys(client, db):
    _import(client, name='kept')
    _import(client, name='deleted')
    client.delete(KEYPAIRS + '/deleted')

    assert _names(client.get(KEYPAIRS)) == ['kept']


def test_list_at_2_35_pages_with_limit_and_a_next_link(client, db):
    for name in ('a', 'b', 'c'):
        _import(client, name=name)

    resp = client.at_version('2.35').get(KEYPAIRS + '?limit=2')

    tempest_validate(list_keypairs_v235, resp)
    assert _names(resp) == ['a', 'b']
    assert resp.json['keypairs_links'] == [{
        'rel': 'next',
        'href': 'http://localhost/v2.1/os-keypairs?limit=2&marker=b'}]


def test_list_at_2_35_continues_after_the_marker(client, db):
    for name in ('a', 'b', 'c'):
        _import(client, name=name)

    resp = client.at_version('2.35').get(KEYPAIRS + '?limit=2&marker=b')

    tempest_validate(list_keypairs_v235, resp)
    assert resp.json == {'keypairs': [{'keypair': {
        'name': 'c', 'public_key': PUBLIC_KEY, 'fingerprint': FINGERPRINT,
        'type': 'ssh'}}]}


def test_list_with_an_unknown_marker_is_refused(client, db):
    resp = client.at_version('2.35').get(KEYPAIRS + '?marker=nokey')

    assert failed(resp) == (400, 'Marker nokey could not be found.')


def test_list_ignores_limit_and_marker_before_2_35(client, db):
    for name in ('a', 'b', 'c'):
        _import(client, name=name)

    resp = client.at_version('2.34').get(KEYPAIRS + '?limit=1&marker=a')

    assert _names(resp) == ['a', 'b', 'c']
    assert 'keypairs_links' not in resp.json


def test_list_refuses_a_negative_limit(client, db):
    resp = client.at_version('2.35').get(KEYPAIRS + '?limit=-1')

    assert resp.status_int == 400


def test_list_refuses_unknown_query_parameters_from_2_75(client, db):
    assert client.at_version('2.74').get(
        KEYPAIRS + '?foo=1').status_int == 200
    resp = client.at_version('2.75').get(KEYPAIRS + '?foo=1')
    assert resp.status_int == 400
    assert "'foo' was unexpected" in failed(resp)[1]


def test_an_admin_lists_another_users_keys_at_2_10(admin, client, db):
    _import(client)

    resp = admin.at_version('2.10').get(KEYPAIRS + '?user_id=demo')

    tempest_validate(v22.list_keypairs, resp)
    assert _names(resp) == ['key1']


def test_a_user_may_not_list_another_users_keys(client, db):
    resp = client.at_version('2.10').get(KEYPAIRS + '?user_id=alice')

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-keypairs:index to be "
             "performed.")


def test_other_methods_are_not_allowed(client, db):
    resp = client.request('PUT', KEYPAIRS + '/key1', body={})

    assert resp.status_int == 405
    assert resp.headers['Allow'] == 'DELETE, GET'


# key_name on server create

def test_a_server_created_with_a_key_records_its_name_and_public_key(
        client, flavor, image):
    _import(client)

    resp = client.post('/v2.1/servers', create_body(key_name='key1'))

    assert resp.status_int == 202
    server_id = resp.json['server']['id']
    instance = db_instance(server_id)
    assert (instance.key_name, instance.key_data) == ('key1', PUBLIC_KEY)
    shown = client.get('/v2.1/servers/%s' % server_id).json['server']
    assert shown['key_name'] == 'key1'


def test_a_server_created_without_a_key_has_none(client, flavor, image):
    resp = client.post('/v2.1/servers', create_body())

    instance = db_instance(resp.json['server']['id'])
    assert (instance.key_name, instance.key_data) == (None, None)


def _all_instances():
    return objects.InstanceList.get_by_filters(
        nova_context.get_admin_context(read_deleted='yes'), {})


def test_an_unknown_key_name_is_a_bad_request_and_records_nothing(
        client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(key_name='nokey'))

    assert failed(resp) == (400, 'Invalid key_name provided.')
    assert len(_all_instances()) == 0


def test_another_users_key_name_is_a_bad_request(client, flavor, image):
    _import(client.as_user('alice:demo-project'))

    resp = client.post('/v2.1/servers', create_body(key_name='key1'))

    assert failed(resp) == (400, 'Invalid key_name provided.')
    assert len(_all_instances()) == 0


def test_a_server_keeps_its_public_key_after_the_key_is_deleted(
        client, flavor, image):
    _import(client)
    server_id = client.post('/v2.1/servers', create_body(
        key_name='key1')).json['server']['id']

    client.delete(KEYPAIRS + '/key1')

    assert db_instance(server_id).key_data == PUBLIC_KEY


def test_the_config_drive_of_a_server_with_a_key_has_its_public_key(
        client, flavor, image):
    _import(client)
    server_id = client.post('/v2.1/servers', create_body(
        key_name='key1', config_drive=True)).json['server']['id']

    md = configdrive.InstanceMetadata.from_instance(db_instance(server_id))
    meta = configdrive.meta_data(md, 'latest')

    assert meta['public_keys'] == {'key1': PUBLIC_KEY}
