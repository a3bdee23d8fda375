"""Placement-style claims under concurrency, alternates and rescheduling,
on fake hosts run by one nova-lite-fake-computes process, with two
schedulers and two conductors serving the same queues."""

import concurrent.futures

import pymysql
import pytest

from tests import deployment

# Each fake host has 16384 MB; with no overcommit and nothing reserved,
# four servers of this flavor fill one.
BIG_MB = 4096
PER_HOST = 16384 // BIG_MB
HOSTS = ('fake-0001', 'fake-0002')

OVERCOMMITTED = '''
SELECT rp.name, i.resource_class FROM inventories i
JOIN resource_providers rp ON rp.id = i.resource_provider_id
JOIN (SELECT resource_provider_id, resource_class, SUM(used) AS used
      FROM allocations GROUP BY resource_provider_id, resource_class) a
  ON a.resource_provider_id = i.resource_provider_id
 AND a.resource_class = i.resource_class
WHERE a.used > (i.total - i.reserved) * i.allocation_ratio'''


def _query(cloud, query, *args):
    conn = pymysql.connect(host='127.0.0.1', user='root', password='',
                           database=cloud.db_name, autocommit=True)
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cursor:
            cursor.execute(query, args)
            return list(cursor.fetchall())
    finally:
        conn.close()


def _allocations_by_host(cloud):
    rows = _query(cloud, 'SELECT a.consumer_id, rp.name FROM allocations a '
                  'JOIN resource_providers rp ON rp.id = '
                  'a.resource_provider_id WHERE a.resource_class = '
                  '"MEMORY_MB"')
    return {row['consumer_id']: row['name'] for row in rows}


@pytest.fixture(scope='module')
def cloud(image_file):
    options = {'DEFAULT': {'ram_allocation_ratio': '1.0',
                           'reserved_host_memory_mb': '0'}}
    dep = deployment.Deployment(database='mysql', computes=(),
                                compute_conf=options)
    try:
        dep.start(image_path=image_file)
        dep.start_controller('scheduler2', 'nova-lite-scheduler')
        dep.start_controller('conductor2', 'nova-lite-conductor')
        dep.start_fake_computes(len(HOSTS))
        dep.manage('flavor', 'create', 'big', '--id', 'big', '--ram',
                   str(BIG_MB), '--disk', '1')
        yield dep
    finally:
        dep.stop()


@pytest.fixture
def api(cloud):
    # An admin sees the host of a server (OS-EXT-SRV-ATTR:host).
    yield cloud.client('admin', 'admin')
    cloud.delete_all_servers()


def test_concurrent_boots_from_two_schedulers_never_overcommit(api, cloud):
    wanted = 3 * PER_HOST * len(HOSTS)

    def boot(index):
        resp = api.create_server('race-%d' % index, cloud.image_id,
                                 flavor_id='big')
        assert resp.status_code == 202, resp.text
        return resp.json()['server']['id']

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        ids = list(pool.map(boot, range(wanted)))
        servers = list(pool.map(lambda i: api.wait_for_status(
            i, {'ACTIVE', 'ERROR'}), ids))
    active = [s for s in servers if s['status'] == 'ACTIVE']
    assert len(active) == PER_HOST * len(HOSTS)
    for server in servers:
        if server['status'] == 'ERROR':
            assert server['fault']['message'].startswith(
                'No valid host was found.')
    assert _query(cloud, OVERCOMMITTED) == []
    on_host = _allocations_by_host(cloud)
    # Every active server holds its resources where it runs, and only
    # active servers hold any.
    assert on_host == {s['id']: s['OS-EXT-SRV-ATTR:host'] for s in active}
    # Both schedulers took part.
    for name in ('scheduler', 'scheduler2'):
        assert 'Selected host' in cloud.log(name)


def test_a_failed_build_goes_to_the_alternate_without_a_new_schedule(
        api, cloud):
    resp = api.create_server('fail-spawn-on-fake-0001', cloud.image_id)
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ACTIVE'
    assert server['OS-EXT-SRV-ATTR:host'] in HOSTS
    events = _query(cloud, 'SELECT e.event, e.host FROM '
                    'instance_actions_events e JOIN instance_actions a ON '
                    'a.id = e.action_id WHERE a.instance_uuid = %s',
                    server_id)
    assert [e['event'] for e in events].count('schedule_instances') == 1
    assert _allocations_by_host(cloud) == {
        server_id: server['OS-EXT-SRV-ATTR:host']}


def test_a_build_failing_everywhere_ends_in_error_holding_nothing(api,
                                                                  cloud):
    resp = api.create_server('fail-spawn-everywhere', cloud.image_id)
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ERROR'
    assert server['fault']['message'].startswith(
        'Exceeded maximum number of retries.')
    assert _allocations_by_host(cloud) == {}


def test_a_deleted_server_gives_its_resources_back(api, cloud):
    resp = api.create_server('short-lived', cloud.image_id, flavor_id='big')
    server_id = resp.json()['server']['id']
    api.wait_for_status(server_id, {'ACTIVE'})
    assert server_id in _allocations_by_host(cloud)
    assert api.delete('/servers/%s' % server_id).status_code == 204
    api.wait_for_deleted(server_id)
    assert _allocations_by_host(cloud) == {}


def test_a_multi_create_that_cannot_fit_whole_fails_whole(api, cloud):
    resp = api.post('/servers', {'server': {
        'name': 'too-many', 'imageRef': cloud.image_id, 'flavorRef': 'big',
        'min_count': PER_HOST * len(HOSTS) + 1}})
    assert resp.status_code == 202
    servers = api.get('/servers/detail?name=too-many').json()['servers']
    assert len(servers) == PER_HOST * len(HOSTS) + 1
    for server in servers:
        server = api.wait_for_status(server['id'], {'ACTIVE', 'ERROR'})
        assert server['status'] == 'ERROR'
    assert _allocations_by_host(cloud) == {}


def test_manage_lists_what_placement_holds_and_heals_it(api, cloud):
    resp = api.create_server('healed', cloud.image_id, flavor_id='big')
    server_id = resp.json()['server']['id']
    host = api.wait_for_status(server_id, {'ACTIVE'})['OS-EXT-SRV-ATTR:host']
    assert set(HOSTS) <= set(cloud.manage('placement', 'provider', 'list')
                             .split())
    inventory = cloud.manage('placement', 'inventory', 'list', host)
    assert 'MEMORY_MB' in inventory and '16384' in inventory
    listed = cloud.manage('placement', 'allocation', 'list', '--consumer',
                          server_id)
    assert server_id in listed and str(BIG_MB) in listed
    assert str(BIG_MB) in cloud.manage('placement', 'usage', 'list')

    # Lost allocation of a live server, and one of a server long gone.
    _query(cloud, 'DELETE FROM allocations WHERE consumer_id = %s',
           server_id)
    gone = '0dd5e1a5-0000-4000-8000-000000000001'
    _query(cloud, 'INSERT INTO allocations (resource_provider_id, '
           'consumer_id, resource_class, used) SELECT id, %s, "VCPU", 1 '
           'FROM resource_providers LIMIT 1', gone)
    dry = cloud.manage('placement', 'heal_allocations', '--dry-run')
    assert '2 allocation(s) to heal.' in dry
    assert _query(cloud, 'SELECT 1 FROM allocations WHERE consumer_id = %s',
                  gone)   # a dry run changes nothing
    healed = cloud.manage('placement', 'heal_allocations')
    assert '2 allocation(s) healed.' in healed
    assert _allocations_by_host(cloud) == {server_id: host}
    assert _query(cloud, 'SELECT 1 FROM allocations WHERE consumer_id = %s',
                  gone) == []
    assert cloud.manage('placement', 'heal_allocations').strip().endswith(
        '0 allocation(s) healed.')
