"""Boot, list, show and delete servers through the four services, over
RabbitMQ and MariaDB, with the fake driver."""

import time
import uuid

import pymysql
from tempest.lib.api_schema.response.compute.v2_1 import servers \
    as servers_v21
from tempest.lib.api_schema.response.compute.v2_62 import servers \
    as servers_v262

from nova_lite.compute import power_state
from tests.functional import tempest_validate


def _boot(api, cloud, name='vm', **extra):
    resp = api.create_server(name, cloud.image_id, **extra)
    assert resp.status_code == 202, resp.text
    return resp.json()['server']['id']


def _db_row(cloud, query, *args):
    conn = pymysql.connect(host='127.0.0.1', user='root', password='',
                           database=cloud.db_name)
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cursor:
            cursor.execute(query, args)
            return cursor.fetchall()
    finally:
        conn.close()


def test_server_boots_to_active_and_running(api, cloud):
    server_id = _boot(api, cloud)
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ACTIVE'
    assert server['OS-EXT-STS:power_state'] == power_state.RUNNING
    assert server['OS-EXT-STS:task_state'] is None
    assert server['OS-EXT-STS:vm_state'] == 'active'


def test_create_returns_location_and_request_id(api, cloud):
    resp = api.create_server('located', cloud.image_id)
    server_id = resp.json()['server']['id']
    assert resp.headers['Location'].endswith('/servers/%s' % server_id)
    assert resp.headers['x-openstack-request-id'].startswith('req-')


def test_created_server_is_listed_and_shown(api, cloud):
    server_id = _boot(api, cloud, name='listed')
    names = {s['id']: s['name'] for s in api.get('/servers').json()['servers']}
    assert names[server_id] == 'listed'
    detail = {s['id']: s for s in
              api.get('/servers/detail').json()['servers']}
    assert detail[server_id]['image']['id'] == cloud.image_id
    assert api.get('/servers/%s' % server_id).json()['server']['name'] == \
        'listed'


def test_servers_of_another_project_are_invisible(api, cloud):
    server_id = _boot(api, cloud, name='private')
    other = cloud.client(user='eve', project='other')
    assert other.get('/servers/%s' % server_id).status_code == 404
    assert server_id not in [s['id'] for s in
                             other.get('/servers').json()['servers']]


def test_build_records_the_stages_in_the_instance(api, cloud):
    server_id = _boot(api, cloud)
    api.wait_for_status(server_id, {'ACTIVE'})
    url = '/servers/%s/os-instance-actions' % server_id
    resp = api.get(url)
    tempest_validate(servers_v21.list_instance_actions, resp)
    [action] = resp.json()['instanceActions']
    assert action['action'] == 'create'
    admin = cloud.client('admin', 'admin')
    # Each event is finished a moment after its step saved the server.
    deadline = time.time() + 30
    while True:
        resp = admin.get('%s/%s' % (url, action['request_id']),
                         headers={'OpenStack-API-Version': 'compute 2.62'})
        tempest_validate(servers_v262.show_instance_action, resp)
        events = resp.json()['instanceAction']['events']
        if all(e['finish_time'] for e in events) or time.time() > deadline:
            break
        time.sleep(0.1)
    # Nova's events of a build: the conductor's and the compute's.
    assert {(e['event'], e['result']) for e in events} == {
        ('schedule_instances', 'Success'),
        ('compute__do_build_and_run_instance', 'Success')}
    host = admin.get('/servers/%s' % server_id).json()['server'][
        'OS-EXT-SRV-ATTR:host']
    assert {e['event']: e['host'] for e in events} == {
        'schedule_instances': 'controller',
        'compute__do_build_and_run_instance': host}


def test_deleted_server_is_gone_and_soft_deleted_in_the_database(api, cloud):
    server_id = _boot(api, cloud)
    api.wait_for_status(server_id, {'ACTIVE'})
    assert api.delete('/servers/%s' % server_id).status_code == 204
    api.wait_for_deleted(server_id)
    row = _db_row(cloud, 'SELECT vm_state, deleted FROM instances '
                  'WHERE uuid=%s', server_id)[0]
    assert row['vm_state'] == 'deleted' and row['deleted'] != 0


def test_failed_spawn_on_every_host_ends_in_error_with_a_fault(api, cloud):
    server_id = _boot(api, cloud, name='fail-spawn-everywhere')
    server = api.wait_for_status(server_id, {'ERROR', 'ACTIVE'})
    assert server['status'] == 'ERROR'
    assert server['fault']['code'] == 500
    # The alternates ran out before max_attempts: no new scheduler call.
    assert server['fault']['message'].startswith(
        'Exceeded maximum number of retries. Exhausted all hosts available '
        'for retrying build failures for instance %s.' % server_id)
    # Both hosts were tried before giving up.
    faults = _db_row(cloud, 'SELECT host FROM instance_faults WHERE '
                     'instance_uuid=%s', server_id)
    assert {f['host'] for f in faults} >= {'compute1', 'compute2'}


def test_error_server_can_be_deleted(api, cloud):
    server_id = _boot(api, cloud, name='fail-spawn-then-delete')
    api.wait_for_status(server_id, {'ERROR'})
    assert api.delete('/servers/%s' % server_id).status_code == 204
    api.wait_for_deleted(server_id)


def test_servers_spread_over_both_hosts(api, cloud):
    ids = [_boot(api, cloud, name='spread-%d' % i) for i in range(4)]
    hosts = set()
    admin = cloud.client(user='admin', project='admin')
    for server_id in ids:
        api.wait_for_status(server_id, {'ACTIVE'})
        hosts.add(admin.get('/servers/%s' % server_id).json()['server'][
            'OS-EXT-SRV-ATTR:host'])
    assert hosts == {'compute1', 'compute2'}


def test_unknown_flavor_is_a_bad_request_and_creates_nothing(api, cloud):
    before = len(api.get('/servers').json()['servers'])
    resp = api.create_server('bad', cloud.image_id, flavor_id='nope')
    assert resp.status_code == 400
    assert resp.json()['badRequest']['code'] == 400
    assert len(api.get('/servers').json()['servers']) == before


def test_unknown_image_is_a_bad_request(api, cloud):
    resp = api.create_server('bad', str(uuid.uuid4()))
    assert resp.status_code == 400
    assert 'image' in resp.json()['badRequest']['message'].lower()


def test_console_output_comes_from_the_compute_host(api, cloud):
    server_id = _boot(api, cloud)
    api.wait_for_status(server_id, {'ACTIVE'})
    resp = api.post('/servers/%s/action' % server_id,
                    {'os-getConsoleOutput': {'length': 10}})
    assert resp.status_code == 200
    assert 'fake guest %s booted' % server_id in resp.json()['output']
