"""Nova's second count after a key pair, a server group or a server's
group membership is created (``[quota] recheck_quota``): of two requests
that both passed the quota check, the one whose row lands last gives it
back with the quota's 403. The race is made by a rival row recorded
between the check and the insert, as a concurrent request would."""

import pytest
import sqlalchemy as sa

from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite.db import models
from nova_lite import objects
from tests.unit.api import create_body
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api.test_keypairs import PUBLIC_KEY

KEYPAIRS = '/v2.1/os-keypairs'
GROUPS = '/v2.1/os-server-groups'
# Every table with rows about an instance.
_INSTANCE_TABLES = [model.__table__ for model in (
    models.Instance, models.InstanceMetadata, models.InstanceSystemMetadata,
    models.InstanceFault, models.InstanceAction, models.InstanceActionEvent,
    models.BlockDeviceMapping, models.InstanceInfoCache, models.RequestSpec,
    models.Tag, models.InstanceGroupMember)]


def _rival_lands_first(monkeypatch, cls, make_rival):
    """Before ``cls``'s next create, another request's row is created."""
    create = cls.create

    def create_after_a_rival(self):
        monkeypatch.setattr(cls, 'create', create)
        make_rival(self._context).create()
        create(self)

    monkeypatch.setattr(cls, 'create', create_after_a_rival)


def _rival_key_pair(context):
    return objects.KeyPair(context, user_id='demo', name='rival',
                           type='ssh', fingerprint='aa:bb',
                           public_key=PUBLIC_KEY)


def _rival_group(context):
    return objects.InstanceGroup(context, name='rival',
                                 policy='affinity', rules={},
                                 project_id='demo-project', user_id='demo')


def _key_names():
    context = nova_context.get_admin_context()
    return sorted(k.name for k in objects.KeyPairList.get_by_user(
        context, 'demo'))


def _group_names():
    context = nova_context.get_admin_context()
    return sorted(g.name for g in objects.InstanceGroupList.get_by_project_id(
        context, 'demo-project'))


def _import_key(client):
    return client.post(KEYPAIRS, {'keypair': {'name': 'mine',
                                              'public_key': PUBLIC_KEY}})


def _create_group(client):
    return client.post(GROUPS, {'server_group': {
        'name': 'mine', 'policies': ['anti-affinity']}})


@pytest.mark.parametrize('body', [
    {'keypair': {'name': 'mine', 'public_key': PUBLIC_KEY}},
    {'keypair': {'name': 'mine'}},
], ids=['import', 'generate'])
def test_the_later_of_two_racing_key_pairs_is_given_back(
        client, conf, monkeypatch, body):
    conf.set_override('key_pairs', 1, group='quota')
    _rival_lands_first(monkeypatch, objects.KeyPair, _rival_key_pair)

    resp = client.post(KEYPAIRS, body)

    assert failed(resp) == (403, 'Maximum number of key pairs exceeded')
    assert _key_names() == ['rival']


def test_without_the_recheck_both_racing_key_pairs_stay(
        client, conf, monkeypatch):
    conf.set_override('key_pairs', 1, group='quota')
    conf.set_override('recheck_quota', False, group='quota')
    _rival_lands_first(monkeypatch, objects.KeyPair, _rival_key_pair)

    assert _import_key(client).status_int == 200
    assert _key_names() == ['mine', 'rival']


def test_the_later_of_two_racing_server_groups_is_given_back(
        client, conf, monkeypatch):
    conf.set_override('server_groups', 1, group='quota')
    _rival_lands_first(monkeypatch, objects.InstanceGroup, _rival_group)

    resp = _create_group(client)

    assert failed(resp) == (403, 'Quota exceeded, too many server groups.')
    assert _group_names() == ['rival']


def test_without_the_recheck_both_racing_server_groups_stay(
        client, conf, monkeypatch):
    conf.set_override('server_groups', 1, group='quota')
    conf.set_override('recheck_quota', False, group='quota')
    _rival_lands_first(monkeypatch, objects.InstanceGroup, _rival_group)

    assert _create_group(client).status_int == 200
    assert _group_names() == ['mine', 'rival']


def test_within_the_quota_the_recheck_keeps_what_was_created(client, conf):
    conf.set_override('key_pairs', 1, group='quota')
    conf.set_override('server_groups', 1, group='quota')

    assert _import_key(client).status_int == 200
    assert _create_group(client).status_int == 200
    assert (_key_names(), _group_names()) == (['mine'], ['mine'])


def _group_of_one_rival(monkeypatch, flavor):
    """A server group the caller's other create joins just before this
    one's servers do."""
    context = nova_context.get_admin_context()
    group = objects.InstanceGroup(context, name='g', policy='affinity',
                                  rules={}, project_id='demo-project',
                                  user_id='demo')
    group.create()
    add_members = objects.InstanceGroup.add_members

    def rival_joins_first(context, group_uuid, instance_uuids):
        monkeypatch.setattr(objects.InstanceGroup, 'add_members',
                            add_members)
        add_members(context, group_uuid, [make_instance(flavor).uuid])
        return add_members(context, group_uuid, instance_uuids)

    monkeypatch.setattr(objects.InstanceGroup, 'add_members',
                        staticmethod(rival_joins_first))
    return group


def _live_servers():
    return objects.InstanceList.get_by_filters(
        nova_context.get_admin_context(), {'deleted': False})


def _rows_not_of(instance_uuid):
    """(table, row) of every row of the instance tables that is not about
    ``instance_uuid``."""
    with db_api.context_manager.reader.using(
            nova_context.get_admin_context()) as session:
        return [(table.name, tuple(row)) for table in _INSTANCE_TABLES
                for row in session.execute(sa.select(table))
                if instance_uuid not in tuple(row)]


def test_servers_of_a_racing_create_over_the_group_quota_are_given_back(
        client, admin, conf, monkeypatch, flavor, image):
    conf.set_override('server_group_members', 1, group='quota')
    group = _group_of_one_rival(monkeypatch, flavor)
    body = create_body(metadata={'role': 'web'})
    body['os:scheduler_hints'] = {'group': group.uuid}

    resp = client.post('/v2.1/servers', body)

    assert failed(resp) == (403, 'Quota exceeded, too many servers in group')
    [rival] = _live_servers()
    # Nothing of the refused server is left, not even as a deleted server.
    admin_list = admin.get(
        '/v2.1/servers/detail?all_tenants=1&deleted=true')
    assert admin_list.status_int == 200
    assert [s['id'] for s in admin_list.json['servers']] == []
    assert _rows_not_of(rival.uuid) == []
    assert objects.InstanceGroup.get_by_uuid(
        nova_context.get_admin_context(), group.uuid).members == [rival.uuid]


def test_without_the_recheck_the_racing_servers_stay_in_the_group(
        client, conf, monkeypatch, flavor, image):
    conf.set_override('server_group_members', 1, group='quota')
    conf.set_override('recheck_quota', False, group='quota')
    group = _group_of_one_rival(monkeypatch, flavor)
    body = create_body()
    body['os:scheduler_hints'] = {'group': group.uuid}

    assert client.post('/v2.1/servers', body).status_int == 202
    assert len(_live_servers()) == 2
