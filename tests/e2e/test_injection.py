"""File injection with real QEMU guests: a compute with
``[libvirt]inject_partition = -1`` writes a server's personality files and
metadata into its root disk before the first boot, and the test guest
announces them on its console; a disk it cannot inject into fails the
build cleanly."""

import base64
import os
import subprocess

import pytest

from tests.e2e.conftest import _libvirt_cloud
from tests.e2e.conftest import wait_for_console as _console

PERSONALITY_PATH = '/etc/nova-lite-e2e.conf'


@pytest.fixture(scope='module')
def cloud(test_image):
    """One compute on the embedded QEMU driver that injects files, found
    by inspection; a failed build is not retried, so its fault is the
    build's own."""
    def embed(dep):
        return 'qemu:///embed?root=%s' % os.path.join(dep.dir, 'embed')
    yield from _libvirt_cloud(
        test_image, embed, {'libvirt': {'inject_partition': '-1'}},
        controller_options={'scheduler': {'max_attempts': '1'}})


def _personality(content):
    return [{'path': PERSONALITY_PATH,
             'contents': base64.b64encode(content).decode()}]


def _instance_dir(cloud, server_id):
    return os.path.join(cloud.dir, 'kvm1', 'instances', server_id)


def _qemu_running(server_id):
    return subprocess.run(['pgrep', '-f', 'qemu.*%s' % server_id],
                          capture_output=True).returncode == 0


def test_personality_file_and_metadata_are_in_the_guests_disk(cloud):
    api = cloud.client()
    resp = api.create_server(
        'injected', cloud.image_id, metadata={'role': 'e2e'},
        personality=_personality(b'hello from personality\nsecond line\n'))
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                                 timeout=300)
    assert server['status'] == 'ACTIVE', server.get('fault')

    lines = _console(api, server_id).splitlines()
    assert 'injected: %s hello from personality' % PERSONALITY_PATH in lines
    assert 'injected: /meta.js {"role": "e2e"}' in lines
    # Nothing else changed on the disk, and there is no config drive.
    assert len([line for line in lines if line.startswith('injected:')]) == 2
    assert not any(line.startswith('config drive') for line in lines)

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)


def test_disk_without_an_os_fails_the_build_and_leaves_nothing(cloud,
                                                               tmp_path):
    # An empty FAT disk: inspection finds no operating system in it.
    raw = str(tmp_path / 'empty.raw')
    with open(raw, 'wb') as f:
        f.truncate(16 * 1024 * 1024)
    subprocess.run(['mkfs.vfat', raw], check=True, capture_output=True)
    image_id = cloud.manage('image', 'create', '--name', 'no-os', '--file',
                            raw, '--disk-format', 'raw').strip() \
        .splitlines()[-1]
    api = cloud.client()
    resp = api.create_server('no-os', image_id,
                             personality=_personality(b'x\n'))
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                                 timeout=300)
    assert server['status'] == 'ERROR'
    message = server['fault']['message']
    assert message.startswith('Exceeded maximum number of retries.')
    assert ('Error injecting data into image %s (No operating system '
            'found in ' % image_id) in message
    assert not os.path.exists(_instance_dir(cloud, server_id))
    assert not _qemu_running(server_id)
    assert cloud.ports() == []

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id)
