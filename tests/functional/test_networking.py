"""Ports and fixed IPs through the four services (fake driver, MariaDB):
exhaustion, a fixed IP already taken, a reschedule, and what a delete
gives back, as a user and an operator see them."""

import signal
import time

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import interfaces

from tests import deployment
from tests.functional import tempest_validate

V237 = {'X-OpenStack-Nova-API-Version': '2.37'}


@pytest.fixture(scope='module')
def cloud(image_file):
    """Two computes; compute2 reserves most of its memory, so the
    scheduler's RAM weigher tries compute1 first. The IO ops weigher is
    off: it would send a build to compute2 while the scheduler still
    counts one of an earlier test on compute1 (as Nova's io_workload
    does until the host reports again)."""
    dep = deployment.Deployment(
        database='mysql', computes=('compute1', 'compute2'),
        host_conf={'compute2': {'DEFAULT': {
            'reserved_host_memory_mb': '8192'}}},
        controller_options={'filter_scheduler': {
            'io_ops_weight_multiplier': '0.0'}})
    try:
        dep.start(image_path=image_file)
        # A /29: addresses .2 to .6 for servers (.1 is the gateway).
        dep.network_id = dep.create_network('private', '10.254.200.0/29')
        yield dep
    finally:
        dep.stop()


@pytest.fixture
def api(cloud):
    yield cloud.client()
    cloud.delete_all_servers()


def _boot(api, cloud, name, networks='auto', **extra):
    body = {'server': dict(name=name, imageRef=cloud.image_id,
                           flavorRef='42', networks=networks, **extra)}
    return api.post('/servers', body, headers=V237)


def _ports_of(cloud, server_id):
    return [p for p in cloud.ports() if p['device'] == server_id]


def test_a_server_gets_an_active_port_on_its_host(api, cloud):
    resp = _boot(api, cloud, 'plain')
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ACTIVE', server.get('fault')
    [address] = server['addresses']['private']
    [port] = _ports_of(cloud, server_id)
    assert (port['ips'], port['mac'], port['status']) == (
        address['addr'], address['OS-EXT-IPS-MAC:mac_addr'], 'ACTIVE')
    admin_view = cloud.client('admin', 'admin').get(
        '/servers/%s' % server_id).json()['server']
    assert port['host'] == admin_view['OS-EXT-SRV-ATTR:host']
    resp = api.get('/servers/%s/os-interface' % server_id)
    tempest_validate(interfaces.list_interfaces, resp)
    assert resp.json()['interfaceAttachments'][0]['port_id'] == port['id']
    # The fake guest prints the NIC it was given.
    output = api.post('/servers/%s/action' % server_id,
                      {'os-getConsoleOutput': {}}).json()['output']
    assert 'net: eth0 %s %s/29' % (port['mac'], port['ips']) in output

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id)
    assert _ports_of(cloud, server_id) == []


def test_a_taken_fixed_ip_is_refused_and_nothing_is_recorded(api, cloud):
    first = _boot(api, cloud, 'first', networks=[
        {'uuid': cloud.network_id, 'fixed_ip': '10.254.200.5'}])
    first_id = first.json()['server']['id']
    assert api.wait_for_status(first_id, {'ACTIVE', 'ERROR'})[
        'status'] == 'ACTIVE'
    servers_before = len(api.get('/servers').json()['servers'])
    ports_before = cloud.ports()

    resp = _boot(api, cloud, 'second', networks=[
        {'uuid': cloud.network_id, 'fixed_ip': '10.254.200.5'}])
    assert resp.status_code == 400
    assert resp.json() == {'badRequest': {
        'code': 400, 'message': 'Fixed IP address 10.254.200.5 is already '
                                'in use on instance %s.' % first_id}}
    assert len(api.get('/servers').json()['servers']) == servers_before
    assert cloud.ports() == ports_before


def test_an_exhausted_network_puts_the_server_in_error_and_leaks_nothing(
        api, cloud):
    ids = [_boot(api, cloud, 'fill-%d' % i).json()['server']['id']
           for i in range(5)]
    for server_id in ids:
        assert api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})[
            'status'] == 'ACTIVE'
    late = _boot(api, cloud, 'late').json()['server']['id']
    server = api.wait_for_status(late, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ERROR'
    assert server['fault']['message'] == (
        'Build of instance %s aborted: Failed to allocate the network(s) '
        'with error No fixed IP addresses available for network: %s, not '
        'rescheduling.' % (late, cloud.network_id))
    assert _ports_of(cloud, late) == []
    ports = cloud.ports()
    assert len(ports) == 5
    # Built at once on two hosts, no two servers share an address.
    assert len({p['ips'] for p in ports}) == 5
    # Deleting one server gives its address to the next.
    api.delete('/servers/%s' % ids[0])
    api.wait_for_deleted(ids[0])
    again = _boot(api, cloud, 'again').json()['server']['id']
    assert api.wait_for_status(again, {'ACTIVE', 'ERROR'})[
        'status'] == 'ACTIVE'


def test_a_reschedule_moves_the_users_port_to_the_next_host(api, cloud):
    port_id = cloud.manage('port', 'create', 'private', '--project',
                           'demo').strip().splitlines()[-1]
    [before] = [p for p in cloud.ports() if p['id'] == port_id]
    resp = _boot(api, cloud, 'fail-spawn-on-compute1',
                 networks=[{'port': port_id}])
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})
    assert server['status'] == 'ACTIVE', server.get('fault')
    [after] = [p for p in cloud.ports() if p['id'] == port_id]
    assert (after['device'], after['host']) == (server_id, 'compute2')
    assert (after['ips'], after['mac']) == (before['ips'], before['mac'])
    # compute1 really failed it first.
    assert 'fake driver was asked to fail' in cloud.log('compute1')

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id)
    [kept] = [p for p in cloud.ports() if p['id'] == port_id]
    assert (kept['device'], kept['host']) == ('', '')
    cloud.manage('port', 'delete', port_id)


def test_a_rescheduled_server_has_one_port_on_its_last_host(api, cloud):
    server_id = _boot(api, cloud, 'fail-spawn-on-compute1').json()[
        'server']['id']
    assert api.wait_for_status(server_id, {'ACTIVE', 'ERROR'})[
        'status'] == 'ACTIVE'
    [port] = _ports_of(cloud, server_id)
    assert port['host'] == 'compute2'


def test_a_compute_killed_mid_build_gives_the_ports_back_on_restart(
        api, cloud):
    server_id = _boot(api, cloud, 'slow-spawn').json()['server']['id']
    deadline = time.time() + 60
    while time.time() < deadline:
        server = api.get('/servers/%s' % server_id).json()['server']
        if server['OS-EXT-STS:task_state'] == 'spawning':
            break
        time.sleep(0.2)
    assert server['OS-EXT-STS:task_state'] == 'spawning'
    [port] = _ports_of(cloud, server_id)
    assert port['host'] == 'compute1'

    cloud.kill('compute1', sig=signal.SIGKILL)
    cloud.start_compute('compute1')

    server = api.wait_for_status(server_id, {'ERROR'}, timeout=60)
    assert 'interrupted by a restart' in server['fault']['message']
    assert _ports_of(cloud, server_id) == []
