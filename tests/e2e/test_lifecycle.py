"""A real QEMU guest through its whole life on qemu:///system: reboots,
stop and start, pause, suspend, rebuild, a guest that powers itself off
and one destroyed behind nova-lite's back, and a delete that leaves
nothing. Each step checks what the user sees (status, console) and what
libvirt and the host hold (domain state, files)."""

import base64
import hashlib
import os
import signal
import sqlite3
import subprocess
import time

import pytest

from tests.e2e.conftest import _libvirt_cloud
from tests.e2e.conftest import BANNER

URI = 'qemu:///system'


@pytest.fixture(scope='module')
def cloud(test_image):
    yield from _libvirt_cloud(test_image, lambda dep: URI)


def virsh(*args, check=True):
    return subprocess.run(('virsh', '-c', URI) + args, capture_output=True,
                          text=True, check=check).stdout.strip()


def domstate(server_id):
    result = subprocess.run(('virsh', '-c', URI, 'domstate', server_id),
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def console(api, server_id):
    return api.post('/servers/%s/action' % server_id,
                    {'os-getConsoleOutput': {}}).json().get('output', '')


def wait_for_banners(api, server_id, count, timeout=150):
    """Until the console shows ``count`` boots that reached the login
    prompt."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        output = console(api, server_id)
        if output.count(BANNER) >= count and \
                output.count('login:') >= count:
            return output
        time.sleep(1)
    raise AssertionError('%d boots expected on the console:\n%s' % (
        count, console(api, server_id)))


def act(api, server_id, body, status, timeout=180):
    resp = api.post('/servers/%s/action' % server_id, body)
    assert resp.status_code == 202, resp.text
    server = api.wait_for_status(server_id, {status, 'ERROR'},
                                 timeout=timeout)
    assert server['status'] == status, server.get('fault')
    assert server['OS-EXT-STS:task_state'] is None
    return server


def instance_dir(cloud, server_id):
    return os.path.join(cloud.dir, 'kvm1', 'instances', server_id)


@pytest.fixture(scope='module')
def server(cloud):
    api = cloud.client()
    resp = api.create_server('lifecycle', cloud.image_id,
                             networks=[{'uuid': cloud.network_id}])
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'}, timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')
    wait_for_banners(api, server_id, 1)
    return server_id


def test_soft_reboot_shuts_the_guest_down_and_boots_it_again(cloud, server):
    api = cloud.client()
    boots = console(api, server).count(BANNER)

    act(api, server, {'reboot': {'type': 'SOFT'}}, 'ACTIVE')

    wait_for_banners(api, server, boots + 1)
    assert domstate(server) == 'running'


def test_hard_reboot_recreates_the_domain_and_boots_it_again(cloud, server):
    api = cloud.client()
    boots = console(api, server).count(BANNER)
    old_id = virsh('domid', server)

    act(api, server, {'reboot': {'type': 'HARD'}}, 'ACTIVE')

    wait_for_banners(api, server, boots + 1)
    assert domstate(server) == 'running'
    assert virsh('domid', server) != old_id


def test_stop_shuts_the_domain_off_and_start_boots_it(cloud, server):
    api = cloud.client()
    boots = console(api, server).count(BANNER)

    stopped = act(api, server, {'os-stop': None}, 'SHUTOFF')
    assert stopped['OS-EXT-STS:power_state'] == 4
    assert domstate(server) == 'shut off'

    started = act(api, server, {'os-start': None}, 'ACTIVE')
    assert started['OS-EXT-STS:power_state'] == 1
    assert domstate(server) == 'running'
    wait_for_banners(api, server, boots + 1)


def test_pause_and_unpause(cloud, server):
    api = cloud.client()

    paused = act(api, server, {'pause': None}, 'PAUSED')
    assert paused['OS-EXT-STS:power_state'] == 3
    assert domstate(server) == 'paused'

    act(api, server, {'unpause': None}, 'ACTIVE')
    assert domstate(server) == 'running'


def test_suspend_saves_the_guest_and_resume_restores_it(cloud, server):
    api = cloud.client()
    boots = console(api, server).count(BANNER)

    act(api, server, {'suspend': None}, 'SUSPENDED')
    assert domstate(server) == 'shut off'
    assert 'yes' in virsh('dominfo', server).split(
        'Managed save:')[1].splitlines()[0]

    act(api, server, {'resume': None}, 'ACTIVE')
    assert domstate(server) == 'running'
    # Restored, not booted: no new banner.
    time.sleep(2)
    assert console(api, server).count(BANNER) == boots


def test_rebuild_boots_another_image_with_the_same_uuid_and_ips(
        cloud, server, test_image):
    api = cloud.client()
    other_id = cloud.manage('image', 'create', '--name', 'rebuild-target',
                            '--file', test_image).strip().splitlines()[-1]
    before = api.get('/servers/%s' % server).json()['server']

    resp = api.post('/servers/%s/action' % server,
                    {'rebuild': {'imageRef': other_id}})
    assert resp.status_code == 202, resp.text
    assert resp.json()['server']['status'] == 'REBUILD'
    after = api.wait_for_status(server, {'ACTIVE', 'ERROR'}, timeout=180)

    assert after['status'] == 'ACTIVE', after.get('fault')
    assert after['image']['id'] == other_id
    assert after['addresses'] == before['addresses']
    disk = os.path.join(instance_dir(cloud, server), 'disk')
    info = subprocess.run(['qemu-img', 'info', '-U', disk],
                          capture_output=True, text=True).stdout
    assert hashlib.sha1(other_id.encode()).hexdigest() in info
    # New disks, new instance directory: the console log starts afresh
    # with the new image's boot.
    assert wait_for_banners(api, server, 1).count(BANNER) == 1


def test_virsh_destroy_behind_our_back_becomes_shutoff(cloud, server):
    api = cloud.client()

    virsh('destroy', server)

    server_doc = api.wait_for_status(server, {'SHUTOFF', 'ERROR'},
                                     timeout=60)
    assert server_doc['status'] == 'SHUTOFF'
    assert server_doc['OS-EXT-STS:power_state'] == 4
    # Stopped, and left stopped: nothing starts it again.
    time.sleep(3)
    assert domstate(server) == 'shut off'
    act(api, server, {'os-start': None}, 'ACTIVE')


def test_delete_leaves_no_domain_disk_tap_or_directory(cloud, server):
    api = cloud.client()
    taps = ['tap' + p['id'][:11] for p in cloud.ports()
            if p['device'] == server]
    assert taps and all(os.path.exists('/sys/class/net/%s' % t)
                        for t in taps)

    assert api.delete('/servers/%s' % server).status_code == 204
    api.wait_for_deleted(server, timeout=120)

    assert domstate(server) is None
    assert not os.path.exists(instance_dir(cloud, server))
    for tap in taps:
        assert not os.path.exists('/sys/class/net/%s' % tap)
    assert not [p for p in cloud.ports() if p['device'] == server]


def test_a_guest_that_powers_itself_off_becomes_shutoff(cloud):
    api = cloud.client()
    script = '#!/bin/sh\necho going down\npoweroff\n'
    resp = api.create_server(
        'poweroff', cloud.image_id, networks=[{'uuid': cloud.network_id}],
        config_drive=True,
        user_data=base64.b64encode(script.encode()).decode())
    server_id = resp.json()['server']['id']
    assert api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                               timeout=180)['status'] == 'ACTIVE'

    server = api.wait_for_status(server_id, {'SHUTOFF', 'ERROR'},
                                 timeout=120)

    assert server['status'] == 'SHUTOFF'
    assert 'going down' in console(api, server_id)
    assert domstate(server_id) == 'shut off'
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)


# What a restarted compute service makes of what happened while it was
# down (real processes killed and started again).

def _boot_and_wait(cloud, name):
    api = cloud.client()
    resp = api.create_server(name, cloud.image_id,
                             networks=[{'uuid': cloud.network_id}])
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'}, timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')
    wait_for_banners(api, server_id, 1)
    return server_id


def _wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(1)
    raise AssertionError('timed out waiting for %s' % what)


def test_a_restarted_compute_reaps_the_domain_of_a_deleted_instance(cloud):
    server_id = _boot_and_wait(cloud, 'orphan')
    cloud.kill('kvm1', sig=signal.SIGKILL)
    # The instance was deleted while its guest lived on (a delete that
    # never reached this host).
    conn = sqlite3.connect(os.path.join(cloud.dir, 'nova_lite.sqlite'))
    with conn:
        conn.execute("UPDATE instances SET deleted = id, vm_state = "
                     "'deleted', deleted_at = CURRENT_TIMESTAMP, "
                     "terminated_at = CURRENT_TIMESTAMP WHERE uuid = ?",
                     (server_id,))
    conn.close()
    assert domstate(server_id) == 'running'

    cloud.start_compute('kvm1')

    _wait_for(lambda: domstate(server_id) is None, 60, 'the domain reaped')
    assert not [p for p in cloud.ports() if p['device'] == server_id]
    assert 'marked as DELETED but still present on host' in \
        cloud.log('kvm1')


def test_a_guest_stopped_while_the_compute_was_down_shows_shutoff(cloud):
    api = cloud.client()
    server_id = _boot_and_wait(cloud, 'down-while-off')
    cloud.kill('kvm1', sig=signal.SIGKILL)
    virsh('destroy', server_id)

    cloud.start_compute('kvm1')

    server = api.wait_for_status(server_id, {'SHUTOFF', 'ERROR'},
                                 timeout=90)
    assert server['status'] == 'SHUTOFF'
    assert domstate(server_id) == 'shut off'
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
