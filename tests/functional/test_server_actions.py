"""Server actions through the four services over RabbitMQ and MariaDB,
with the fake driver: each moves the server through Nova's statuses,
records its instance action with the compute's event, and a failure in
the compute is recorded as a fault without losing the server."""

import signal
import time

from tests.functional.test_servers import _boot
from tests.functional.test_servers import _db_row


def _act(api, server_id, body):
    resp = api.post('/servers/%s/action' % server_id, body)
    assert resp.status_code == 202, resp.text
    return resp


def _events(cloud, server_id, action, count=1, timeout=30):
    """The events of the server's ``action`` actions, once ``count`` are
    finished: an event is finished when its step returns, a moment after
    the step has saved the server's new status (as in Nova)."""
    deadline = time.time() + timeout
    while True:
        events = _db_row(
            cloud, 'SELECT e.event, e.result, e.host FROM instance_actions a '
            'JOIN instance_actions_events e ON e.action_id = a.id '
            'WHERE a.instance_uuid = %s AND a.action = %s ORDER BY e.id',
            server_id, action)
        finished = [event for event in events if event['result']]
        if len(finished) >= count or time.time() > deadline:
            return events
        time.sleep(0.1)


def _active_server(api, cloud, name):
    server_id = _boot(api, cloud, name=name)
    assert api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})[
        'status'] == 'ACTIVE'
    return server_id


def test_stop_then_start(api, cloud):
    server_id = _active_server(api, cloud, 'stopper')

    _act(api, server_id, {'os-stop': None})
    server = api.wait_for_status(server_id, {'SHUTOFF', 'ERROR'})
    assert server['status'] == 'SHUTOFF'
    assert server['OS-EXT-STS:power_state'] == 4
    assert server['OS-EXT-STS:task_state'] is None
    assert [(e['event'], e['result']) for e in
            _events(cloud, server_id, 'stop')] == [
        ('compute_stop_instance', 'Success')]

    _act(api, server_id, {'os-start': None})
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ACTIVE'
    assert server['OS-EXT-STS:power_state'] == 1
    assert [e['event'] for e in _events(cloud, server_id, 'start')] == [
        'compute_start_instance']


def test_reboot_boots_the_guest_again(api, cloud):
    server_id = _active_server(api, cloud, 'rebooter')

    for reboot_type in ('SOFT', 'HARD'):
        _act(api, server_id, {'reboot': {'type': reboot_type}})
        server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
        assert server['status'] == 'ACTIVE'

    console = api.post('/servers/%s/action' % server_id,
                       {'os-getConsoleOutput': {}}).json()['output']
    assert console.count('booted') == 3
    events = _events(cloud, server_id, 'reboot', count=2)
    assert [e['result'] for e in events] == ['Success', 'Success']


def test_pause_unpause_suspend_resume(api, cloud):
    server_id = _active_server(api, cloud, 'pauser')

    for action, status, power in (('pause', 'PAUSED', 3),
                                  ('unpause', 'ACTIVE', 1),
                                  ('suspend', 'SUSPENDED', 7),
                                  ('resume', 'ACTIVE', 1)):
        _act(api, server_id, {action: None})
        server = api.wait_for_status(server_id, {status, 'ERROR'})
        assert server['status'] == status, action
        assert server['OS-EXT-STS:power_state'] == power, action
        assert _events(cloud, server_id, action)[0]['event'] == \
            'compute_%s_instance' % action


def test_rebuild_keeps_the_server_and_its_addresses(api, cloud):
    server_id = _active_server(api, cloud, 'rebuilder')
    admin = cloud.client('admin', 'admin')
    before = admin.get('/servers/%s' % server_id).json()['server']

    resp = _act(api, server_id, {'rebuild': {'imageRef': cloud.image_id,
                                             'name': 'rebuilt'}})
    assert resp.json()['server']['status'] == 'REBUILD'
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})

    assert server['status'] == 'ACTIVE'
    assert server['name'] == 'rebuilt'
    assert server['addresses'] == before['addresses']
    assert admin.get('/servers/%s' % server_id).json()['server'][
        'OS-EXT-SRV-ATTR:host'] == before['OS-EXT-SRV-ATTR:host']
    assert [e['event'] for e in _events(cloud, server_id, 'rebuild')] == [
        'compute_rebuild_instance']


def test_a_stopped_server_stays_stopped_after_a_rebuild(api, cloud):
    server_id = _active_server(api, cloud, 'stopped-rebuild')
    _act(api, server_id, {'os-stop': None})
    api.wait_for_status(server_id, {'SHUTOFF'})

    _act(api, server_id, {'rebuild': {'imageRef': cloud.image_id}})
    server = api.wait_for_status(server_id, {'SHUTOFF', 'ERROR'}, timeout=60)

    assert server['status'] == 'SHUTOFF'
    assert server['OS-EXT-STS:task_state'] is None


def test_a_rebuild_cut_short_by_a_compute_restart_is_an_error(api, cloud):
    server_id = _active_server(api, cloud, 'cut-short')
    admin = cloud.client('admin', 'admin')
    host = admin.get('/servers/%s' % server_id).json()['server'][
        'OS-EXT-SRV-ATTR:host']
    # The fake driver spawns a 'slow-spawn' server for two minutes.
    _act(api, server_id, {'rebuild': {'imageRef': cloud.image_id,
                                      'name': 'slow-spawn'}})
    deadline = time.time() + 60
    while time.time() < deadline:
        server = api.get('/servers/%s' % server_id).json()['server']
        if server['OS-EXT-STS:task_state'] == 'rebuild_spawning':
            break
        time.sleep(0.2)
    assert server['OS-EXT-STS:task_state'] == 'rebuild_spawning'

    cloud.kill(host, sig=signal.SIGKILL)
    cloud.start_compute(host)

    server = api.wait_for_status(server_id, {'ERROR'}, timeout=60)
    assert server['fault']['message'] == (
        'Rebuild interrupted by a restart of the compute service on %s.'
        % host)
    assert server['OS-EXT-STS:task_state'] is None
