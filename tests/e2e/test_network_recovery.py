"""A compute host that restarts plugs its servers' VIFs again: the DHCP
server its guests renew their leases from comes back with their
entries, as after a host reboot or a dnsmasq that died."""

import os
import signal
import subprocess
import time

import pytest

from tests.e2e import conftest


@pytest.fixture(scope='module')
def system_cloud(test_image):
    yield from conftest._libvirt_cloud(test_image,
                                       lambda dep: 'qemu:///system')


def _dnsmasq_pid(bridge):
    proc = subprocess.run(['pgrep', '-f', 'dnsmasq.*--interface=%s' % bridge],
                          capture_output=True, text=True)
    return int(proc.stdout.split()[0]) if proc.returncode == 0 else None


def test_a_restarted_compute_brings_back_the_dhcp_server(system_cloud):
    cloud = system_cloud
    api = cloud.client()
    server_id = api.create_server('renewing', cloud.image_id).json()[
        'server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'}, timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')
    [port] = cloud.ports()
    entry = os.path.join(cloud.dir, 'state', 'dhcp', cloud.bridge, 'host',
                         port['id'])

    os.kill(_dnsmasq_pid(cloud.bridge), signal.SIGKILL)
    os.unlink(entry)
    cloud.kill('kvm1')
    cloud.start_compute('kvm1')

    deadline = time.time() + 30
    while time.time() < deadline and _dnsmasq_pid(cloud.bridge) is None:
        time.sleep(0.5)
    assert _dnsmasq_pid(cloud.bridge) is not None
    with open(entry) as f:
        assert f.read().startswith('%s,%s,' % (port['mac'], port['ips']))
    assert api.get('/servers/%s' % server_id).json()['server'][
        'status'] == 'ACTIVE'

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
    assert _dnsmasq_pid(cloud.bridge) is None
