"""os-keypairs at 2.92: a key pair is imported, never generated, and its
name may have '@' and '.'. Successes are checked against tempest.lib's
2.2 schemas (the newest it has for key pairs)."""

import urllib.parse

from tempest.lib.api_schema.response.compute.v2_2 import keypairs as v22

from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import tempest_validate
from tests.unit.api.test_keypairs import FINGERPRINT
from tests.unit.api.test_keypairs import KEYPAIRS
from tests.unit.api.test_keypairs import PUBLIC_KEY


def _stored(user_id, name):
    """The key pair row, or None."""
    context = nova_context.get_admin_context()
    try:
        return objects.KeyPair.get_by_name(context, user_id, name)
    except exception.KeypairNotFound:
        return None


def _import(client, name='key1', **extra):
    return client.post(KEYPAIRS, {'keypair': dict(
        name=name, public_key=PUBLIC_KEY, **extra)})


def test_import_at_2_92_is_201_without_a_private_key(client, db):
    resp = _import(client.at_version('2.92'))

    tempest_validate(v22.create_keypair, resp)
    assert resp.json == {'keypair': {
        'name': 'key1', 'public_key': PUBLIC_KEY, 'fingerprint': FINGERPRINT,
        'user_id': 'demo', 'type': 'ssh'}}
    assert _stored('demo', 'key1').fingerprint == FINGERPRINT


def test_generating_a_key_at_2_92_is_refused_and_stores_nothing(client, db):
    resp = client.at_version('2.92').post(KEYPAIRS,
                                          {'keypair': {'name': 'key1'}})

    assert failed(resp) == (
        400, "Invalid input for field/attribute keypair. Value: "
             "{'name': 'key1'}. 'public_key' is a required property")
    assert _stored('demo', 'key1') is None


def test_a_key_is_still_generated_at_2_91(client, db):
    resp = client.at_version('2.91').post(KEYPAIRS,
                                          {'keypair': {'name': 'key1'}})

    tempest_validate(v22.create_keypair, resp)
    assert 'private_key' in resp.json['keypair']
    assert _stored('demo', 'key1') is not None


def test_a_name_with_at_signs_and_dots_is_valid_at_2_92(client, db):
    resp = _import(client.at_version('2.92'), name='me@example.com key.pub')

    tempest_validate(v22.create_keypair, resp)
    assert resp.json['keypair']['name'] == 'me@example.com key.pub'
    assert _stored('demo', 'me@example.com key.pub') is not None


def test_a_key_named_with_at_signs_and_dots_is_shown_and_deleted(client, db):
    reader = client.at_version('2.92')
    _import(reader, name='me@example.com')
    url = KEYPAIRS + '/' + urllib.parse.quote('me@example.com')

    shown = reader.get(url)
    tempest_validate(v22.get_keypair, shown)
    assert shown.json['keypair']['name'] == 'me@example.com'
    assert reader.delete(url).status_int == 204
    assert _stored('demo', 'me@example.com') is None


def test_a_name_with_an_at_sign_is_refused_at_2_91(client, db):
    resp = _import(client.at_version('2.91'), name='me@example.com')

    assert failed(resp) == (
        400, "Invalid input for field/attribute name. Value: "
             "me@example.com. 'me@example.com' does not match "
             "'^[_\\\\- a-zA-Z0-9]+$'")
    assert _stored('demo', 'me@example.com') is None


def test_other_punctuation_is_still_refused_at_2_92(client, db):
    resp = _import(client.at_version('2.92'), name='key!')

    assert failed(resp) == (
        400, "Invalid input for field/attribute name. Value: key!. 'key!' "
             "does not match '^[_\\\\-\\\\@\\\\. a-zA-Z0-9]+$'")
    assert _stored('demo', 'key!') is None


def test_an_admin_imports_a_key_for_another_user_at_2_92(admin, db):
    resp = _import(admin.at_version('2.92'), name='ssh.key', user_id='demo')

    tempest_validate(v22.create_keypair, resp)
    assert resp.json['keypair']['user_id'] == 'demo'
    assert _stored('demo', 'ssh.key') is not None
    assert _stored('admin', 'ssh.key') is None
