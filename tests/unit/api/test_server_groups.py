"""The os-server-groups API, as Nova answers it at each microversion.
Every success is checked against tempest.lib's response schemas."""

from oslo_utils import uuidutils
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import server_groups \
    as v21
from tempest.lib.api_schema.response.compute.v2_13 import server_groups \
    as v213
from tempest.lib.api_schema.response.compute.v2_64 import server_groups \
    as v264

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

GROUPS = '/v2.1/os-server-groups'


def _create(client, name='group1', policies=('anti-affinity',)):
    return client.post(GROUPS, {'server_group': {
        'name': name, 'policies': list(policies)}})


def _create_v264(client, name='group1', policy='anti-affinity', **extra):
    return client.at_version('2.64').post(GROUPS, {'server_group': dict(
        name=name, policy=policy, **extra)})


def _group(uuid):
    return objects.InstanceGroup.get_by_uuid(
        nova_context.get_admin_context(), uuid)


def _add_member(group_id, instance):
    objects.InstanceGroup.add_members(nova_context.get_admin_context(),
                                      group_id, [instance.uuid])


# create

def test_create_returns_the_group_with_its_policy_list(client, db):
    resp = _create(client)

    tempest_validate(v21.create_show_server_group, resp)
    group = resp.json['server_group']
    assert uuidutils.is_uuid_like(group['id'])
    assert group == {'id': group['id'], 'name': 'group1',
                     'policies': ['anti-affinity'], 'members': [],
                     'metadata': {}}


def test_create_records_the_group_for_the_callers_project(client, db):
    resp = _create(client, policies=['affinity'])

    group = _group(resp.json['server_group']['id'])
    assert (group.name, group.policy) == ('group1', 'affinity')
    assert (group.project_id, group.user_id) == ('demo-project', 'demo')


def test_create_at_2_13_shows_project_and_user(client, db):
    resp = _create(client.at_version('2.13'))

    tempest_validate(v213.create_show_server_group, resp)
    group = resp.json['server_group']
    assert (group['project_id'], group['user_id']) == ('demo-project',
                                                       'demo')


def test_create_before_2_15_refuses_soft_policies(client, db):
    resp = _create(client.at_version('2.14'),
                   policies=['soft-anti-affinity'])

    assert resp.status_int == 400


def test_create_at_2_15_accepts_soft_policies(client, db):
    resp = _create(client.at_version('2.15'), policies=['soft-affinity'])

    tempest_validate(v213.create_show_server_group, resp)
    assert resp.json['server_group']['policies'] == ['soft-affinity']


@pytest.mark.parametrize('policies', [
    [], ['affinity', 'anti-affinity'], ['affinity', 'affinity'],
    ['legacy'], 'affinity'])
def test_create_needs_exactly_one_known_policy(client, db, policies):
    resp = client.post(GROUPS, {'server_group': {'name': 'g',
                                                 'policies': policies}})

    assert resp.status_int == 400


@pytest.mark.parametrize('name', [' lead', 'trail ', '', 'x' * 256])
def test_create_refuses_a_bad_name(client, db, name):
    resp = _create(client, name=name)

    assert resp.status_int == 400


def test_create_without_a_name_is_bad_request(client, db):
    resp = client.post(GROUPS, {'server_group': {
        'policies': ['affinity']}})

    assert resp.status_int == 400


def test_create_at_2_64_takes_a_policy_and_rules(client, db):
    resp = _create_v264(client, rules={'max_server_per_host': 2})

    tempest_validate(v264.create_show_server_group, resp)
    group = resp.json['server_group']
    assert (group['policy'], group['rules']) == (
        'anti-affinity', {'max_server_per_host': 2})
    assert 'policies' not in group and 'metadata' not in group
    assert _group(group['id']).rules == {'max_server_per_host': '2'}


def test_create_at_2_64_without_rules_has_empty_rules(client, db):
    resp = _create_v264(client, policy='soft-affinity')

    tempest_validate(v264.create_show_server_group, resp)
    assert resp.json['server_group']['rules'] == {}


def test_create_at_2_64_refuses_the_policy_list(client, db):
    resp = client.at_version('2.64').post(GROUPS, {'server_group': {
        'name': 'g', 'policies': ['affinity']}})

    assert resp.status_int == 400


def test_rules_are_only_for_anti_affinity(client, db):
    resp = _create_v264(client, policy='affinity',
                        rules={'max_server_per_host': 2})

    assert failed(resp) == (400, 'Only anti-affinity policy supports rules.')


@pytest.mark.parametrize('rules', [{'max_server_per_host': 0},
                                   {'max_server_per_host': 'two'},
                                   {'other_rule': 1}])
def test_create_refuses_bad_rules(client, db, rules):
    resp = _create_v264(client, rules=rules)

    assert resp.status_int == 400


def test_create_over_the_server_groups_quota_is_forbidden(client, db, conf):
    conf.set_override('server_groups', 1, group='quota')
    _create(client)

    resp = _create(client, name='group2')

    assert failed(resp) == (403, 'Quota exceeded, too many server groups.')


def test_server_groups_quota_counts_per_project(client, db, conf):
    conf.set_override('server_groups', 1, group='quota')
    _create(client)

    resp = _create(client.as_user('other:other-project'))

    assert resp.status_int == 200


def test_unlimited_server_groups_quota(client, db, conf):
    conf.set_override('server_groups', -1, group='quota')

    statuses = {_create(client, name='g%d' % i).status_int
                for i in range(12)}

    assert statuses == {200}


# list

def test_list_shows_the_projects_groups(client, db):
    mine = _create(client).json['server_group']['id']
    _create(client.as_user('other:other-project'))

    resp = client.get(GROUPS)

    tempest_validate(v21.list_server_groups, resp)
    assert [g['id'] for g in resp.json['server_groups']] == [mine]


def test_list_at_2_64_shows_policy_and_rules(client, db):
    _create_v264(client, rules={'max_server_per_host': 3})

    resp = client.at_version('2.64').get(GROUPS)

    tempest_validate(v264.list_server_groups, resp)
    [group] = resp.json['server_groups']
    assert group['rules'] == {'max_server_per_host': 3}


def test_admin_lists_every_project_with_all_projects(client, admin, db):
    _create(client)
    _create(admin)

    resp = admin.at_version('2.13').get(GROUPS + '?all_projects=True')

    tempest_validate(v213.list_server_groups, resp)
    assert sorted(g['project_id'] for g in resp.json['server_groups']) == [
        'admin-project', 'demo-project']


def test_admin_lists_only_own_project_without_all_projects(client, admin,
                                                           db):
    _create(client)

    resp = admin.get(GROUPS)

    assert resp.json['server_groups'] == []


def test_user_asking_for_all_projects_gets_own_groups(client, admin, db):
    mine = _create(client).json['server_group']['id']
    _create(admin)

    resp = client.get(GROUPS + '?all_projects=True')

    assert resp.status_int == 200
    assert [g['id'] for g in resp.json['server_groups']] == [mine]


def test_list_pages_with_limit_and_offset(client, db):
    ids = [_create(client, name='g%d' % i).json['server_group']['id']
           for i in range(4)]

    resp = client.get(GROUPS + '?limit=2&offset=1')

    assert [g['id'] for g in resp.json['server_groups']] == ids[1:3]


def test_list_limit_is_capped_by_max_limit(client, db, conf):
    conf.set_override('max_limit', 2, group='api')
    for i in range(3):
        _create(client, name='g%d' % i)

    resp = client.get(GROUPS + '?limit=10')

    assert len(resp.json['server_groups']) == 2


@pytest.mark.parametrize('query', ['limit=-1', 'offset=x', 'limit=a'])
def test_list_refuses_bad_paging(client, db, query):
    resp = client.get(GROUPS + '?' + query)

    assert resp.status_int == 400


def test_list_ignores_unknown_parameters_before_2_75(client, db):
    resp = client.at_version('2.74').get(GROUPS + '?foo=bar')

    assert resp.status_int == 200


def test_list_refuses_unknown_parameters_from_2_75(client, db):
    resp = client.at_version('2.75').get(GROUPS + '?foo=bar')

    assert resp.status_int == 400


# show

def test_show_returns_the_group(client, db):
    created = _create(client).json['server_group']

    resp = client.get('%s/%s' % (GROUPS, created['id']))

    tempest_validate(v21.create_show_server_group, resp)
    assert resp.json['server_group'] == created


def test_show_lists_live_members(client, db, flavor):
    group_id = _create(client).json['server_group']['id']
    instance = make_instance(flavor)
    _add_member(group_id, instance)

    resp = client.get('%s/%s' % (GROUPS, group_id))

    assert resp.json['server_group']['members'] == [instance.uuid]


def test_members_leave_when_their_server_is_deleted(client, db, flavor):
    group_id = _create(client).json['server_group']['id']
    instance = make_instance(flavor)
    _add_member(group_id, instance)

    instance.destroy()

    assert client.get('%s/%s' % (GROUPS, group_id)).json[
        'server_group']['members'] == []
    assert _group(group_id).members == []


def test_members_without_a_live_server_are_not_shown(client, db):
    group_id = _create(client).json['server_group']['id']
    objects.InstanceGroup.add_members(nova_context.get_admin_context(),
                                      group_id, [uuidutils.generate_uuid()])

    resp = client.get('%s/%s' % (GROUPS, group_id))

    assert resp.json['server_group']['members'] == []


def test_show_of_another_projects_group_is_not_found(client, db):
    other = _create(client.as_user('other:other-project')).json[
        'server_group']['id']

    resp = client.get('%s/%s' % (GROUPS, other))

    assert failed(resp) == (
        404, 'Instance group %s could not be found.' % other)


def test_admin_shows_any_projects_group(client, admin, db):
    group_id = _create(client).json['server_group']['id']

    resp = admin.get('%s/%s' % (GROUPS, group_id))

    assert resp.status_int == 200


def test_show_of_an_unknown_group_is_not_found(client, db):
    resp = client.get('%s/%s' % (GROUPS, uuidutils.generate_uuid()))

    assert resp.status_int == 404


# delete

def test_delete_returns_204_and_removes_the_group(client, db):
    group_id = _create(client).json['server_group']['id']

    resp = client.delete('%s/%s' % (GROUPS, group_id))

    tempest_validate(v21.delete_server_group, resp)
    assert resp.body == b''
    assert client.get('%s/%s' % (GROUPS, group_id)).status_int == 404


def test_delete_keeps_the_member_servers(client, db, flavor):
    group_id = _create(client).json['server_group']['id']
    instance = make_instance(flavor)
    _add_member(group_id, instance)

    client.delete('%s/%s' % (GROUPS, group_id))

    assert objects.Instance.get_by_uuid(nova_context.get_admin_context(),
                                        instance.uuid).deleted is False


def test_delete_of_another_projects_group_is_not_found(client, db):
    other = _create(client.as_user('other:other-project')).json[
        'server_group']['id']

    resp = client.delete('%s/%s' % (GROUPS, other))

    assert resp.status_int == 404
    assert _group(other).uuid == other


def test_admin_deletes_any_projects_group(client, admin, db):
    group_id = _create(client).json['server_group']['id']

    resp = admin.delete('%s/%s' % (GROUPS, group_id))

    assert resp.status_int == 204


def test_delete_of_an_unknown_group_is_not_found(client, db):
    resp = client.delete('%s/%s' % (GROUPS, uuidutils.generate_uuid()))

    assert resp.status_int == 404


# the object others build on

def test_group_hosts_are_the_hosts_of_its_live_members(client, db, flavor):
    group_id = _create(client).json['server_group']['id']
    for host in ('cmp1', 'cmp2', None):
        _add_member(group_id, make_instance(flavor, host=host))

    group = _group(group_id)

    assert group.hosts == ['cmp1', 'cmp2']
    assert group.get_hosts(exclude=group.members[:1]) == ['cmp2']


def test_group_found_by_name_and_by_member(client, db, flavor):
    group_id = _create(client, name='web').json['server_group']['id']
    instance = make_instance(flavor)
    _add_member(group_id, instance)
    context = nova_context.get_admin_context()

    assert objects.InstanceGroup.get_by_hint(context, 'web').uuid == group_id
    assert objects.InstanceGroup.get_by_instance_uuid(
        context, instance.uuid).uuid == group_id
