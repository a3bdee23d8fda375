"""Server create with scheduler hints, in a server group, and in an
availability zone (or forced onto a host), as Nova answers it; and the
server_groups of a server's document (2.71)."""

from oslo_utils import uuidutils
import pytest
from tempest.lib.api_schema.response.compute.v2_71 import servers as v271

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import make_service
from tests.unit.api import make_zone
from tests.unit.api import tempest_validate

SERVERS = '/v2.1/servers'


def _spec(server_id):
    return objects.RequestSpec.get_by_instance_uuid(
        nova_context.get_admin_context(), server_id)


def _group(project_id='demo-project', user_id='demo', policy='affinity'):
    group = objects.InstanceGroup(
        nova_context.get_admin_context(), name='g', policy=policy,
        project_id=project_id, user_id=user_id)
    group.create()
    return group


def _members(group):
    return objects.InstanceGroup.get_by_uuid(
        nova_context.get_admin_context(), group.uuid).members


def _boot(client, hints=None, key='os:scheduler_hints', **server):
    body = create_body(**server)
    if hints is not None:
        body[key] = hints
    return client.post(SERVERS, body)


@pytest.fixture
def zones(db):
    """cmp1 in az1, cmp2 in the default zone, cmp3 (disabled) in az3."""
    for host in ('cmp1', 'cmp2'):
        make_service(host)
    make_service('cmp3', disabled=True)
    make_zone('az1', ['cmp1'])
    make_zone('az3', ['cmp3'])


# scheduler hints

def test_hints_reach_the_request_spec_as_lists_of_strings(client, flavor,
                                                          image):
    other = uuidutils.generate_uuid()
    resp = _boot(client, {'same_host': other, 'foo': 'bar', 'size': 3,
                          'mixed': ['a', 1]})

    assert resp.status_int == 202
    assert _spec(resp.json['server']['id']).scheduler_hints == {
        'same_host': [other], 'foo': ['bar'], 'size': ['3'],
        'mixed': ['a', '1']}


def test_a_query_object_reaches_the_spec_as_json(client, flavor, image):
    resp = _boot(client, {'query': {'and': []}})

    assert _spec(resp.json['server']['id']).scheduler_hints == {
        'query': ['{"and": []}']}


def test_legacy_hints_key_is_accepted(client, flavor, image):
    other = uuidutils.generate_uuid()

    resp = _boot(client, {'different_host': [other]},
                 key='OS-SCH-HNT:scheduler_hints')

    assert _spec(resp.json['server']['id']).scheduler_hints == {
        'different_host': [other]}


def test_internal_nova_hints_are_dropped(client, flavor, image):
    resp = _boot(client, {'_nova_check_type': ['rebuild'], 'a': 'b'})

    assert _spec(resp.json['server']['id']).scheduler_hints == {'a': ['b']}


def test_without_hints_the_spec_has_none(client, flavor, image):
    resp = _boot(client)

    spec = _spec(resp.json['server']['id'])
    assert spec.scheduler_hints == {}
    assert spec.instance_group is None


@pytest.mark.parametrize('hints', [
    'group', {'group': 'not-a-uuid'}, {'same_host': ['not-a-uuid']},
    {'different_host': 'not-a-uuid'}, {'different_host': [1]},
    {'build_near_host_ip': '10.0.0'}, {'cidr': '24'},
    {'target_cell': ' x'}, {'query': 1}])
def test_bad_hints_are_refused(client, flavor, image, hints):
    resp = _boot(client, hints)

    assert resp.status_int == 400


# the group hint

def test_group_hint_makes_the_servers_members(client, flavor, image):
    group = _group()

    resp = _boot(client, {'group': group.uuid}, min_count=2)

    assert resp.status_int == 202
    assert len(_members(group)) == 2


def test_group_hint_puts_the_group_on_the_request_spec(client, flavor,
                                                       image):
    group = _group()

    resp = _boot(client, {'group': group.uuid})

    spec = _spec(resp.json['server']['id'])
    assert spec.instance_group.uuid == group.uuid
    assert spec.instance_group.policy == 'affinity'
    assert spec.instance_group.members == [resp.json['server']['id']]
    assert spec.scheduler_hints == {'group': [group.uuid]}


def test_group_hint_may_be_a_list_of_one(client, flavor, image):
    group = _group()

    resp = _boot(client, {'group': [group.uuid]})

    assert _members(group) == [resp.json['server']['id']]


def test_group_hint_with_two_groups_is_bad_request(client, flavor, image):
    resp = _boot(client, {'group': [_group().uuid, _group().uuid]})

    assert resp.status_int == 400


def test_unknown_group_is_bad_request(client, flavor, image):
    missing = uuidutils.generate_uuid()

    resp = _boot(client, {'group': missing})

    assert failed(resp) == (
        400, 'Instance group %s could not be found.' % missing)


def test_another_projects_group_is_bad_request(client, flavor, image):
    group = _group(project_id='other-project', user_id='other')

    resp = _boot(client, {'group': group.uuid})

    assert resp.status_int == 400
    assert _members(group) == []


def test_admin_may_use_any_projects_group(admin, flavor, image):
    group = _group()

    resp = _boot(admin, {'group': group.uuid})

    assert resp.status_int == 202


def test_a_refused_group_creates_no_server(client, flavor, image):
    _boot(client, {'group': uuidutils.generate_uuid()})

    assert objects.InstanceList.get_by_filters(
        nova_context.get_admin_context(), {}).objects == []


def test_group_members_over_quota_is_forbidden(client, flavor, image, conf):
    conf.set_override('server_group_members', 2, group='quota')
    group = _group()
    _boot(client, {'group': group.uuid})

    resp = _boot(client, {'group': group.uuid}, min_count=2)

    assert failed(resp) == (403, 'Quota exceeded, too many servers in group')
    assert len(_members(group)) == 1


def test_group_members_quota_counts_the_callers_servers(client, flavor,
                                                        image, conf):
    conf.set_override('server_group_members', 1, group='quota')
    group = _group()
    objects.InstanceGroup.add_members(
        nova_context.get_admin_context(), group.uuid,
        [make_instance(flavor, user_id='someone').uuid])

    resp = _boot(client, {'group': group.uuid})

    assert resp.status_int == 202


def test_unlimited_group_members_quota(client, flavor, image, conf):
    conf.set_override('server_group_members', -1, group='quota')
    group = _group()

    resp = _boot(client, {'group': group.uuid}, min_count=3)

    assert resp.status_int == 202


# server_groups in the server's document

def test_show_at_2_71_gives_the_servers_group(client, flavor, image):
    group = _group()
    server_id = _boot(client, {'group': group.uuid}).json['server']['id']

    resp = client.at_version('2.71').get('%s/%s' % (SERVERS, server_id))

    tempest_validate(v271.get_server, resp)
    assert resp.json['server']['server_groups'] == [group.uuid]


def test_show_at_2_71_of_a_server_in_no_group(client, flavor, image):
    server_id = _boot(client).json['server']['id']

    resp = client.at_version('2.71').get('%s/%s' % (SERVERS, server_id))

    assert resp.json['server']['server_groups'] == []


def test_show_before_2_71_has_no_server_groups(client, flavor, image):
    server_id = _boot(client, {'group': _group().uuid}).json['server']['id']

    resp = client.at_version('2.70').get('%s/%s' % (SERVERS, server_id))

    assert 'server_groups' not in resp.json['server']


def test_server_list_has_no_server_groups(client, flavor, image):
    _boot(client, {'group': _group().uuid})

    resp = client.at_version('2.71').get(SERVERS + '/detail')

    assert 'server_groups' not in resp.json['servers'][0]


# availability zones

def test_create_in_an_aggregates_zone(client, zones, flavor, image):
    resp = _boot(client, availability_zone='az1')

    assert resp.status_int == 202
    server_id = resp.json['server']['id']
    assert db_instance(server_id).availability_zone == 'az1'
    assert _spec(server_id).availability_zone == 'az1'


def test_create_in_the_default_zone(client, zones, flavor, image):
    resp = _boot(client, availability_zone='nova')

    assert resp.status_int == 202


@pytest.mark.parametrize('zone', ['elsewhere', 'az3'])
def test_create_in_a_zone_without_enabled_hosts_is_bad_request(
        client, zones, flavor, image, zone):
    resp = _boot(client, availability_zone=zone)

    assert failed(resp) == (
        400, 'The requested availability zone is not available')


def test_create_in_the_default_zone_without_services_is_bad_request(
        client, flavor, image):
    resp = _boot(client, availability_zone='nova')

    assert resp.status_int == 400


def test_admin_forces_a_host_with_zone_and_host(admin, zones, flavor,
                                                image):
    resp = _boot(admin, availability_zone='az1:cmp1')

    assert resp.status_int == 202
    server_id = resp.json['server']['id']
    spec = _spec(server_id)
    assert (spec.availability_zone, spec.force_hosts) == ('az1', ['cmp1'])
    assert db_instance(server_id).availability_zone == 'az1'


def test_admin_forces_a_node_with_zone_and_node(admin, zones, flavor,
                                                image):
    resp = _boot(admin, availability_zone='nova::cmp2')

    spec = _spec(resp.json['server']['id'])
    assert (spec.availability_zone, spec.force_hosts) == ('nova', ['cmp2'])


def test_admin_forces_a_host_with_zone_host_and_node(admin, zones, flavor,
                                                     image):
    resp = _boot(admin, availability_zone='az1:cmp1:cmp1')

    assert _spec(resp.json['server']['id']).force_hosts == ['cmp1']


def test_a_forced_host_outside_the_zone_drops_the_zone(admin, zones,
                                                       flavor, image):
    resp = _boot(admin, availability_zone='nova:cmp1')

    server_id = resp.json['server']['id']
    assert _spec(server_id).availability_zone is None
    assert db_instance(server_id).availability_zone is None


def test_a_forced_host_skips_the_zone_check(admin, flavor, image):
    resp = _boot(admin, availability_zone='elsewhere:cmp9')

    assert resp.status_int == 202
    assert _spec(resp.json['server']['id']).force_hosts == ['cmp9']


def test_users_may_not_force_a_host(client, zones, flavor, image):
    resp = _boot(client, availability_zone='az1:cmp1')

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:servers:create:forced_host "
             "to be performed.")


def test_a_zone_with_too_many_parts_is_bad_request(admin, zones, flavor,
                                                   image):
    resp = _boot(admin, availability_zone='a:b:c:d')

    assert failed(resp) == (
        400, 'Invalid input received: Unable to parse availability_zone')


def test_show_gives_the_zone_of_the_servers_host(client, zones, flavor):
    instance = make_instance(flavor, host='cmp1', availability_zone=None)

    server = client.get('%s/%s' % (SERVERS, instance.uuid)).json['server']

    assert server['OS-EXT-AZ:availability_zone'] == 'az1'


def test_show_of_an_unscheduled_server_gives_the_requested_zone(
        client, zones, flavor):
    instance = make_instance(flavor, host=None, availability_zone='az1')

    server = client.get('%s/%s' % (SERVERS, instance.uuid)).json['server']

    assert server['OS-EXT-AZ:availability_zone'] == 'az1'
