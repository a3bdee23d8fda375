"""KeyPair and KeyPairList over the database, and the public key an
Instance keeps."""

from oslo_versionedobjects import base as ovo_base
import pytest
import sqlalchemy as sa

from nova_lite.db import api as db_api
from nova_lite.db import models
from nova_lite import exception
from nova_lite import objects
from tests.unit.api import make_flavor
from tests.unit.api import make_instance

PUBLIC_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCk test@host'


def _make(context, name='key1', user_id='demo', **values):
    fields = dict(user_id=user_id, name=name, type='ssh',
                  fingerprint='00:11', public_key=PUBLIC_KEY)
    fields.update(values)
    keypair = objects.KeyPair(context, **fields)
    keypair.create()
    return keypair


def _db_rows():
    """Every row of key_pairs, deleted ones included."""
    with db_api.get_engine().connect() as connection:
        return [dict(row._mapping) for row in connection.execute(
            sa.select(models.KeyPair.__table__))]


def test_a_created_key_pair_is_read_back_by_name(db, user_context):
    created = _make(user_context, type='x509')

    keypair = objects.KeyPair.get_by_name(user_context, 'demo', 'key1')

    assert keypair.id == created.id
    assert (keypair.name, keypair.user_id, keypair.type,
            keypair.fingerprint, keypair.public_key) == (
        'key1', 'demo', 'x509', '00:11', PUBLIC_KEY)
    assert (keypair.deleted, keypair.deleted_at) == (False, None)
    assert keypair.created_at is not None


def test_a_key_pair_is_created_once(db, user_context):
    keypair = _make(user_context)

    with pytest.raises(exception.ObjectActionError):
        keypair.create()


def test_a_second_key_pair_of_one_name_is_refused(db, user_context):
    _make(user_context)

    with pytest.raises(exception.KeyPairExists):
        _make(user_context)


def test_an_unknown_name_is_not_found(db, user_context):
    _make(user_context, user_id='alice')

    with pytest.raises(exception.KeypairNotFound):
        objects.KeyPair.get_by_name(user_context, 'demo', 'key1')


def test_get_by_user_lists_the_users_keys_by_name(db, user_context):
    for name in ('c', 'a', 'b'):
        _make(user_context, name=name)
    _make(user_context, name='z', user_id='alice')

    keypairs = objects.KeyPairList.get_by_user(user_context, 'demo')

    assert [k.name for k in keypairs] == ['a', 'b', 'c']


def test_get_by_user_pages_after_the_marker(db, user_context):
    for name in ('a', 'b', 'c', 'd'):
        _make(user_context, name=name)

    keypairs = objects.KeyPairList.get_by_user(user_context, 'demo',
                                               limit=2, marker='a')

    assert [k.name for k in keypairs] == ['b', 'c']


def test_get_by_user_with_an_unknown_marker_is_refused(db, user_context):
    _make(user_context, name='a', user_id='alice')

    with pytest.raises(exception.MarkerNotFound):
        objects.KeyPairList.get_by_user(user_context, 'demo', marker='a')


def test_destroy_by_name_keeps_a_soft_deleted_row(db, user_context):
    created = _make(user_context)

    objects.KeyPair.destroy_by_name(user_context, 'demo', 'key1')

    [row] = _db_rows()
    assert row['deleted'] == created.id
    assert row['deleted_at'] is not None
    with pytest.raises(exception.KeypairNotFound):
        objects.KeyPair.get_by_name(user_context, 'demo', 'key1')


def test_destroy_by_name_of_an_unknown_key_is_not_found(db, user_context):
    with pytest.raises(exception.KeypairNotFound):
        objects.KeyPair.destroy_by_name(user_context, 'demo', 'key1')


def test_an_instance_keeps_its_key_data(db, admin_context):
    instance = make_instance(make_flavor(admin_context), key_name='key1',
                             key_data=PUBLIC_KEY)

    loaded = objects.Instance.get_by_uuid(admin_context, instance.uuid)

    assert (loaded.key_name, loaded.key_data) == ('key1', PUBLIC_KEY)


def test_an_instance_for_version_1_1_has_no_key_data(db, admin_context):
    instance = make_instance(make_flavor(admin_context), key_data=PUBLIC_KEY)

    # What the conductor backports for a service that knows Instance 1.1.
    manifest = dict(ovo_base.obj_tree_get_versions('Instance'),
                    Instance='1.1')

    primitive = instance.obj_to_primitive(target_version='1.1',
                                          version_manifest=manifest)

    assert 'key_data' not in primitive['nova_object.data']
    assert primitive['nova_object.data']['key_name'] is None
