"""Who may do what, as Nova's default policy says: a project's reader
reads, its member also changes, an admin does everything; a policy file
overrides any rule. Every refusal is Nova's 403 and changes nothing."""

import os

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21

from nova_lite import policy
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

READER = 'rita:demo-project:reader'
MEMBER = 'mike:demo-project:member'
OTHER_MEMBER = 'otto:other-project:member'


@pytest.fixture
def server(flavor):
    return make_instance(flavor, host='compute1', metadata={'role': 'web'})


def _refused(resp, rule):
    assert resp.status_int == 403, resp.body
    assert resp.json == {'forbidden': {
        'code': 403,
        'message': "Policy doesn't allow %s to be performed." % rule}}


def test_reader_reads_the_projects_servers(client, server):
    reader = client.as_user(READER)

    resp = reader.get('/v2.1/servers/%s' % server.uuid)
    tempest_validate(v21.get_server, resp)
    tempest_validate(v21.list_servers, reader.get('/v2.1/servers'))
    assert [s['id'] for s in reader.get('/v2.1/servers').json['servers']] \
        == [server.uuid]
    resp = reader.get('/v2.1/servers/%s/metadata' % server.uuid)
    assert resp.json == {'metadata': {'role': 'web'}}


def test_reader_cannot_change_a_server(client, server, image):
    reader = client.as_user(READER)
    url = '/v2.1/servers/%s' % server.uuid

    _refused(reader.request('DELETE', url), 'os_compute_api:servers:delete')
    _refused(reader.request('PUT', url, body={'server': {'name': 'x'}}),
             'os_compute_api:servers:update')
    _refused(reader.post(url + '/action', {'reboot': {'type': 'SOFT'}}),
             'os_compute_api:servers:reboot')
    _refused(reader.post(url + '/metadata', {'metadata': {'a': 'b'}}),
             'os_compute_api:server-metadata:create')
    _refused(reader.post(url + '/action', {'os-getConsoleOutput': {}}),
             'os_compute_api:os-console-output')

    row = db_instance(server.uuid)
    assert (row.deleted, row.display_name, row.task_state, row.metadata) \
        == (0, 'vm', None, {'role': 'web'})


def test_reader_cannot_create_a_server(client, flavor, image):
    reader = client.as_user(READER)

    _refused(reader.post('/v2.1/servers', create_body()),
             'os_compute_api:servers:create')
    assert client.get('/v2.1/servers').json['servers'] == []


def test_member_changes_the_projects_servers(client, server):
    member = client.as_user(MEMBER)
    url = '/v2.1/servers/%s' % server.uuid

    resp = member.request('PUT', url, body={'server': {'name': 'renamed'}})
    tempest_validate(v21.update_server, resp)
    resp = member.post(url + '/metadata', {'metadata': {'a': 'b'}})
    assert resp.status_int == 200
    row = db_instance(server.uuid)
    assert (row.display_name, row.metadata) == (
        'renamed', {'role': 'web', 'a': 'b'})


def test_another_projects_member_gets_404(client, server):
    other = client.as_user(OTHER_MEMBER)
    url = '/v2.1/servers/%s' % server.uuid

    for resp in (other.get(url), other.request('DELETE', url),
                 other.get(url + '/metadata')):
        assert resp.status_int == 404
    assert other.get('/v2.1/servers').json['servers'] == []
    assert db_instance(server.uuid).deleted == 0


def test_member_of_a_project_is_not_an_admin(client):
    member = client.as_user(MEMBER)

    _refused(member.get('/v2.1/os-services'),
             'os_compute_api:os-services:list')
    _refused(member.get('/v2.1/os-hypervisors'),
             'os_compute_api:os-hypervisors:list')
    _refused(member.get('/v2.1/servers?all_tenants=1'),
             'os_compute_api:servers:index:get_all_tenants')


def test_admin_role_in_any_project_is_an_admin(client, server):
    admin = client.as_user('bob:ops-project:admin')

    assert admin.get('/v2.1/os-services').status_int == 200
    resp = admin.get('/v2.1/servers/detail?all_tenants=1')
    tempest_validate(v21.list_servers_detail, resp)
    [shown] = resp.json['servers']
    # The extended attributes are the admins'.
    assert shown['OS-EXT-SRV-ATTR:host'] == 'compute1'
    reader_view = client.as_user(READER).get(
        '/v2.1/servers/%s' % server.uuid).json['server']
    assert 'OS-EXT-SRV-ATTR:host' not in reader_view


def test_quota_show_is_for_the_projects_reader(client):
    reader = client.as_user(READER)

    assert reader.get('/v2.1/os-quota-sets/demo-project').status_int == 200
    _refused(reader.get('/v2.1/os-quota-sets/other-project'),
             'os_compute_api:os-quota-sets:show')
    _refused(reader.request('PUT', '/v2.1/os-quota-sets/demo-project',
                            body={'quota_set': {'instances': 1}}),
             'os_compute_api:os-quota-sets:update')


def test_policy_file_overrides_a_default(conf, client, server, tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text(
        '"os_compute_api:servers:show": "role:admin"\n'
        '"os_compute_api:os-services:list": "role:member"\n')
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    policy.reset()
    member = client.as_user(MEMBER)

    _refused(member.get('/v2.1/servers/%s' % server.uuid),
             'os_compute_api:servers:show')
    assert member.get('/v2.1/os-services').status_int == 200
    # Rules the file does not name keep their defaults.
    assert member.get('/v2.1/servers').status_int == 200


def test_policy_file_can_close_the_quota_defaults(conf, client, tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text(
        '"os_compute_api:os-quota-sets:defaults": "role:admin"\n')
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    policy.reset()
    url = '/v2.1/os-quota-sets/demo-project/defaults'

    _refused(client.as_user(MEMBER).get(url),
             'os_compute_api:os-quota-sets:defaults')
    assert client.as_user('admin:admin').get(url).status_int == 200


def test_reader_reads_tags_but_cannot_tag_or_lock(client, server):
    reader = client.as_user(READER).at_version('2.73')
    url = '/v2.1/servers/%s' % server.uuid

    assert reader.get(url + '/tags').json == {'tags': []}
    _refused(reader.request('PUT', url + '/tags/web'),
             'os_compute_api:os-server-tags:update')
    _refused(reader.post(url + '/action', {'lock': None}),
             'os_compute_api:os-lock-server:lock')
    assert client.at_version('2.26').get(url + '/tags').json == {'tags': []}
    assert db_instance(server.uuid).locked is False


def test_a_changed_policy_file_is_read_again(conf, client, tmp_path):
    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text('"os_compute_api:os-services:list": "!"\n')
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    policy.reset()
    admin = client.as_user('admin:admin-project')
    _refused(admin.get('/v2.1/os-services'),
             'os_compute_api:os-services:list')

    policy_file.write_text('"os_compute_api:os-services:list": "@"\n')
    # A later modification time, even on a file system with coarse times.
    later = os.stat(policy_file).st_mtime + 10
    os.utime(policy_file, (later, later))

    assert client.as_user(MEMBER).get('/v2.1/os-services').status_int == 200
