"""GET /servers and /servers/detail: which servers each filter lists,
for users and for administrators, as Nova filters them."""

import datetime

import pytest

from nova_lite.compute import vm_states
from nova_lite import policy
from tests.unit.api import IMAGE_ID
from tests.unit.api import list_helpers as lh
from tests.unit.api import make_flavor
from tests.unit.api import make_instance

ALL = 'all_tenants=1&'


# reservation_id: any user

def test_reservation_id_filters_as_a_regular_expression(client, flavor):
    make_instance(flavor, display_name='a',
                  system_metadata={'reservation_id': 'r-aaaa1111'})
    make_instance(flavor, display_name='b',
                  system_metadata={'reservation_id': 'r-bbbb2222'})

    assert lh.names(client, 'reservation_id=r-aaaa1111') == ['a']
    assert lh.names(client, 'reservation_id=^r-b') == ['b']
    assert lh.names(client, 'reservation_id=r-', detail=True) == ['a', 'b']
    assert lh.names(client, 'reservation_id=r-cccc') == []


# name: a regular expression, as MySQL matches it

@pytest.mark.parametrize('query, expected', [
    ('name=web', ['db-web', 'web-1', 'web-10']),
    ('name=^web', ['web-1', 'web-10']),
    ('name=^web-1$', ['web-1']),
    ('name=WEB-1', ['web-1', 'web-10']),
    ('name=b.w', ['db-web']),
    # '|' is itself, as Nova has MySQL take it.
    ('name=web-1|db', []),
])
def test_name_filters_as_a_case_insensitive_regular_expression(
        client, flavor, query, expected):
    for name in ('web-1', 'web-10', 'db-web'):
        make_instance(flavor, display_name=name)

    assert lh.names(client, query) == expected


# ip and ip6: matched from the start of a fixed address

@pytest.fixture
def addressed(flavor):
    for name, addresses in (('a', ['10.0.0.1']), ('b', ['10.0.0.12']),
                            ('c', ['110.0.0.1', 'fd00::1']),
                            ('d', ['fd00::12'])):
        lh.set_fixed_ips(make_instance(flavor, display_name=name),
                         *addresses)
    make_instance(flavor, display_name='none')


@pytest.mark.parametrize('query, expected', [
    ('ip=10.0.0.1', ['a', 'b']),
    ('ip=10\\.0\\.0\\.1$', ['a']),
    ('ip=0.0.1', []),
    ('ip=110', ['c']),
    ('ip6=fd00::1', ['c', 'd']),
    ('ip6=fd00::1$', ['c']),
])
def test_ip_filters_match_fixed_addresses_from_their_start(
        client, addressed, query, expected):
    assert lh.names(client, query, version='2.5', detail=True) == expected


def test_ip6_is_a_users_filter_from_2_5_only(client, admin, addressed):
    assert len(lh.names(client, 'ip6=fd00::12', version='2.4')) == 5
    assert lh.names(client, 'ip6=fd00::12', version='2.5') == ['d']
    assert lh.names(admin, ALL + 'ip6=fd00::12', version='2.4') == ['d']


def test_ip_filter_pages_the_matching_servers(client, addressed):
    first = lh.list_servers(client, 'ip=10&limit=1')
    [server] = first.json['servers']
    assert first.json['servers_links'][0]['rel'] == 'next'

    rest = lh.list_servers(client, 'ip=10&limit=1&marker=' + server['id'])

    assert {server['name'], rest.json['servers'][0]['name']} == {'a', 'b'}


# flavor: by flavor id

def test_flavor_filters_by_flavor_id(client, admin_context, flavor):
    other = make_flavor(admin_context, flavorid='big', name='m1.big')
    make_instance(flavor, display_name='tiny')
    make_instance(other, display_name='big')

    assert lh.names(client, 'flavor=big') == ['big']
    assert lh.names(client, 'flavor=1', detail=True) == ['tiny']
    # Not a regular expression, and an unknown flavor lists nothing.
    assert lh.names(client, 'flavor=b') == []


def test_a_private_flavor_the_user_cannot_see_lists_nothing(
        client, admin, admin_context):
    private = make_flavor(admin_context, flavorid='p', name='private',
                          is_public=False)
    make_instance(private, display_name='secret')

    assert lh.names(client, 'flavor=p') == []
    assert lh.names(admin, ALL + 'flavor=p') == ['secret']


# image: the image id as it is

def test_image_filters_by_the_exact_image_id(client, flavor):
    make_instance(flavor, display_name='cirros')
    make_instance(flavor, display_name='other', image_ref='other-image')

    assert lh.names(client, 'image=' + IMAGE_ID) == ['cirros']
    assert lh.names(client, 'image=' + IMAGE_ID[:8]) == []
    assert lh.names(client, 'image=http://glance/images/' + IMAGE_ID) == []


# changes-since and changes-before: updated_at, deleted servers too

@pytest.fixture
def changed(flavor):
    """Servers updated at T0 + 0, 1 and 2 hours; 'gone' deleted at +1h;
    'never' not updated since its creation."""
    for name, hours in (('early', 0), ('middle', 1), ('late', 2),
                        ('gone', 1)):
        instance = make_instance(flavor, display_name=name)
        if name == 'gone':
            instance.destroy()
        lh.set_columns(instance, updated_at=lh.T0 + datetime.timedelta(
            hours=hours))
    make_instance(flavor, display_name='never')


def _at(hours):
    return (lh.T0 + datetime.timedelta(hours=hours)).isoformat() + 'Z'


def test_changes_since_lists_servers_updated_since_deleted_too(client,
                                                               changed):
    resp = lh.list_servers(client, 'changes-since=' + _at(1), detail=True)

    assert sorted((server['name'], server['status'])
                  for server in resp.json['servers']) == [
        ('gone', 'DELETED'), ('late', 'ACTIVE'), ('middle', 'ACTIVE')]


def test_changes_since_takes_a_time_zone(client, changed):
    assert lh.names(client, 'changes-since=2024-05-01T15:00:00%2B02:00') == [
        'gone', 'late', 'middle']


def test_changes_before_lists_servers_updated_before_from_2_66(client,
                                                               changed):
    assert lh.names(client, 'changes-before=' + _at(1), '2.66') == [
        'early', 'gone', 'middle']
    assert lh.names(client, 'changes-since=%s&changes-before=%s' % (
        _at(1), _at(1)), '2.66') == ['gone', 'middle']


def test_changes_before_is_no_filter_before_2_66(client, admin, changed):
    live = ['early', 'late', 'middle', 'never']

    assert lh.names(client, 'changes-before=' + _at(0), '2.65') == live
    assert lh.names(admin, ALL + 'changes-before=' + _at(0), '2.65') == live


def test_changes_since_later_than_changes_before_is_bad_request(client, db):
    assert lh.refused(client, 'changes-since=%s&changes-before=%s' % (
        _at(2), _at(1)), '2.66') == (
        400, 'The value of changes-since must be less than or equal to '
             'changes-before.')


@pytest.mark.parametrize('option', ['changes-since', 'changes-before'])
def test_a_changes_time_that_is_no_time_is_bad_request(client, db, option):
    status, message = lh.refused(client, option + '=yesterday', '2.66')

    assert status == 400
    assert message.startswith(
        'Invalid input for query parameters %s. Value: yesterday.' % option)


def test_a_bad_changes_since_at_v2_is_nova_s_invalid_filter_field(client,
                                                                  db):
    resp = client.get('/v2/servers?changes-since=yesterday')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid filter field: changes-since.')


# deleted, status DELETED and SOFT_DELETED

@pytest.fixture
def states(flavor):
    make_instance(flavor, display_name='live')
    make_instance(flavor, display_name='soft',
                  vm_state=vm_states.SOFT_DELETED)
    make_instance(flavor, display_name='gone').destroy()


@pytest.mark.parametrize('query, expected', [
    ('', ['live']),
    ('deleted=true', ['gone', 'soft']),
    ('deleted=true&soft_deleted=', ['gone']),
    ('deleted=false', ['live']),
    ('deleted=false&soft_deleted=true', ['live', 'soft']),
    # Any value is true to Nova's database but the empty one.
    ('deleted=false&soft_deleted=false', ['live', 'soft']),
    ('deleted=maybe', ['live']),
    ('status=DELETED', ['gone']),
    ('status=SOFT_DELETED', []),
    ('status=SOFT_DELETED&soft_deleted=1', ['soft']),
])
def test_deleted_filters_for_admins(admin, states, query, expected):
    assert lh.names(admin, ALL + query, detail=True) == expected


def test_deleted_and_soft_deleted_are_no_filters_for_users(client, states):
    assert lh.names(client, 'deleted=true&soft_deleted=1') == ['live']


def test_users_may_not_list_deleted_servers_by_status(client, states):
    assert lh.refused(client, 'status=DELETED') == (
        403, 'Only administrators may list deleted instances')


# the filters of administrators: other users' are dropped

@pytest.fixture
def varied(flavor):
    """Two servers differing in every column an admin may filter on."""
    make_instance(
        flavor, display_name='one', display_description='first web',
        hostname='one-host', key_name='key-a', host='compute1', node='n1',
        availability_zone='az1', config_drive='True', power_state=1,
        task_state=None, vm_state='active', progress=10, launch_index=0,
        access_ip_v4='192.0.2.1', access_ip_v6='2001:db8::1',
        auto_disk_config=True, locked=True, locked_by='owner',
        launched_at=lh.T0, terminated_at=None, user_id='u1',
        created_at=lh.T0)
    make_instance(
        flavor, display_name='two', display_description='second db',
        hostname='two-host', key_name='key-b', host='compute10',
        node='n10', availability_zone='az2', config_drive='',
        power_state=4, task_state='rebooting', vm_state='stopped',
        progress=100, launch_index=1, access_ip_v4='198.51.100.1',
        access_ip_v6='2001:db8::2', auto_disk_config=False, locked=False,
        launched_at=lh.T0 + datetime.timedelta(days=1),
        terminated_at=lh.T0 + datetime.timedelta(days=2), user_id='u2',
        created_at=lh.T0 + datetime.timedelta(days=1))


@pytest.mark.parametrize('query, expected', [
    ('availability_zone=az1', ['one']),
    ('config_drive=True', ['one']),
    ('key_name=-b$', ['two']),
    ('hostname=^one', ['one']),
    # host is exact, node a regular expression
    ('host=compute1', ['one']),
    ('host=compute', []),
    ('node=n1', ['one', 'two']),
    ('power_state=4', ['two']),
    ('task_state=rebooting', ['two']),
    ('vm_state=active', ['one']),
    ('progress=^10$', ['one']),
    ('launch_index=1', ['two']),
    ('access_ip_v4=^192', ['one']),
    ('access_ip_v6=::2', ['two']),
    ('auto_disk_config=1', ['one']),
    ('locked_by=owner', ['one']),
    ('display_description=web', ['one']),
    ('display_name=^tw', ['two']),
    # Nova's database has no 'description' column: no filter.
    ('description=web', ['one', 'two']),
    ('created_at=2024-05-01', ['one']),
    ('launched_at=2024-05-02', ['two']),
    ('terminated_at=2024', ['two']),
    # A NULL matches nothing (not even as the text 'None').
    ('terminated_at=on', []),
    ('user_id=u2', ['two']),
    ('uuid=nope', []),
    ('kernel_id=^$', ['one', 'two']),
    ('ramdisk_id=x', []),
    ('root_device_name=vda', []),
])
def test_admin_filters(admin, client, varied, query, expected):
    assert lh.names(admin, ALL + query, version='2.73') == expected
    # A user's are dropped.
    assert lh.names(client, query, version='2.73') == ['one', 'two']


@pytest.mark.parametrize('query, expected', [
    ('availability_zone=az1', ['one']),
    ('config_drive=True', ['one']),
    ('key_name=-b$', ['two']),
    ('created_at=2024-05-01', ['one']),
    ('launched_at=2024-05-02', ['two']),
    ('terminated_at=2024', ['two']),
    ('power_state=4', ['two']),
    ('task_state=rebooting', ['two']),
    ('vm_state=active', ['one']),
    ('progress=^10$', ['one']),
    ('user_id=u2', ['two']),
])
def test_more_filters_are_users_from_2_83(client, varied,
                                          query, expected):
    assert lh.names(client, query, version='2.83') == expected
    assert lh.names(client, query, version='2.82') == ['one', 'two']


def test_uuid_filter_for_admins(admin, flavor):
    instance = make_instance(flavor, display_name='this')
    make_instance(flavor, display_name='that')

    assert lh.names(admin, ALL + 'uuid=' + instance.uuid) == ['this']


def test_project_and_tenant_id_filter_with_all_tenants(admin, flavor):
    make_instance(flavor, display_name='p1', project_id='p1')
    make_instance(flavor, display_name='p2', project_id='p2')
    make_instance(flavor, display_name='mine', project_id='admin-project')

    assert lh.names(admin, ALL + 'project_id=p1') == ['p1']
    assert lh.names(admin, ALL + 'tenant_id=p2') == ['p2']
    # Without all_tenants, the caller's project only.
    assert lh.names(admin, 'tenant_id=p2') == ['mine']
    assert lh.names(admin, 'project_id=p2') == ['mine']
    assert lh.names(admin, 'project_id=p2&tenant_id=p2') == ['mine']


def test_all_tenants_lists_every_project_to_whom_the_policy_allows(
        conf, client, flavor, tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text(
        '"os_compute_api:servers:index:get_all_tenants": ""\n')
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    policy.reset()
    make_instance(flavor, display_name='other', project_id='p1')
    make_instance(flavor, display_name='mine')

    assert lh.names(client, ALL) == ['mine', 'other']
    assert lh.names(client, '') == ['mine']


def test_all_tenants_that_is_no_boolean_is_bad_request(admin, db):
    assert lh.refused(admin, 'all_tenants=maybe') == (
        400, "Unrecognized value 'maybe', acceptable values are: '0', '1', "
             "'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', "
             "'yes'")


def test_all_tenants_false_is_the_callers_project(admin, flavor):
    make_instance(flavor, display_name='other', project_id='p1')

    assert lh.names(admin, 'all_tenants=0') == []
    assert lh.names(admin, 'all_tenants') == ['other']


@pytest.mark.parametrize('option', ['metadata', 'info_cache', '_secret'])
def test_joined_table_and_private_filters_are_bad_request_for_admins(
        admin, client, flavor, option):
    make_instance(flavor)

    assert lh.refused(admin, option + '=x') == (
        400, 'Invalid filter field: %s.' % option)
    # A user's are dropped before they are looked at.
    assert lh.names(client, option + '=x') == ['vm']


def test_unknown_filters_are_bad_request_from_2_75(admin, db):
    status, message = lh.refused(admin, 'architecture=x86_64', '2.75')

    assert status == 400
    assert message == (
        "'architecture' does not match any of the regexes: '^_'")


def test_unknown_filters_are_dropped_before_2_75(admin, flavor):
    make_instance(flavor, project_id='admin-project')

    assert lh.names(admin, 'architecture=x86_64', '2.74') == ['vm']
