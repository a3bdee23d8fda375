"""The compute host's image cache with real QEMU guests: ten servers
booted at once from an image no server used before copy it from the image
store once, into one base file all their disks are overlays of, and the
image cache manager removes that file once no server uses it."""

import concurrent.futures
import glob
import hashlib
import json
import os
import subprocess
import time

import pytest

from tests import deployment

SERVERS = 10
# The image cache manager runs at every periodic run (every 5 s in a
# Deployment) and removes base files unused for this long.
MINIMUM_AGE = 5


@pytest.fixture(scope='module')
def cloud(test_image):
    dep = deployment.Deployment(
        database='sqlite', driver='libvirt.LibvirtDriver',
        computes=('kvm1',),
        compute_conf={
            'libvirt': {'virt_type': 'qemu',
                        'connection_uri': 'qemu:///system'},
            'image_cache': {
                'manager_interval': '0',
                'remove_unused_original_minimum_age_seconds':
                    str(MINIMUM_AGE)}})
    try:
        dep.start(timeout=120)
        yield dep
    finally:
        dep.stop()


@pytest.fixture(scope='module')
def new_image(cloud, test_image):
    return cloud.manage('image', 'create', '--name', 'cache-test', '--file',
                        test_image).strip().splitlines()[-1]


@pytest.fixture(scope='module')
def ten_servers(cloud, new_image):
    """Ten servers POSTed at once; (their documents, seconds to ACTIVE)."""
    api = cloud.client()

    def boot(index):
        resp = api.create_server('cache-%d' % index, new_image,
                                 flavor_id='42')
        assert resp.status_code == 202, resp.text
        return resp.json()['server']['id']

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(SERVERS) as pool:
        server_ids = list(pool.map(boot, range(SERVERS)))
    servers = [cloud.client().wait_for_status(
        server_id, {'ACTIVE', 'ERROR'}, timeout=600)
        for server_id in server_ids]
    elapsed = time.monotonic() - start
    print('%d servers ACTIVE in %.1f s' % (SERVERS, elapsed))
    return servers, elapsed


def _base_dir(cloud):
    return os.path.join(cloud.dir, 'kvm1', 'instances', '_base')


def _base_file(cloud, image_id):
    return os.path.join(_base_dir(cloud),
                        hashlib.sha1(image_id.encode()).hexdigest())


def _backing_file(cloud, server_id):
    disk = os.path.join(cloud.dir, 'kvm1', 'instances', server_id, 'disk')
    out = subprocess.run(
        ['qemu-img', 'info', '-U', '--output=json', disk],
        capture_output=True, text=True, check=True).stdout
    return json.loads(out).get('backing-filename')


def test_ten_concurrent_boots_of_a_new_image_all_go_active(ten_servers):
    servers, _elapsed = ten_servers
    assert [s['status'] for s in servers] == ['ACTIVE'] * SERVERS, [
        s.get('fault') for s in servers]


def test_the_image_is_copied_from_the_store_once(cloud, new_image,
                                                 ten_servers):
    fetches = [line for line in cloud.log('kvm1').splitlines()
               if 'Fetching image %s ' % new_image in line]
    assert len(fetches) == 1, fetches


def test_the_cache_holds_one_file_for_the_image(cloud, new_image,
                                                ten_servers):
    assert os.listdir(_base_dir(cloud)) == [
        os.path.basename(_base_file(cloud, new_image))]


def test_every_root_disk_is_an_overlay_of_the_one_cached_file(
        cloud, new_image, ten_servers):
    servers, _elapsed = ten_servers
    assert {_backing_file(cloud, s['id']) for s in servers} == {
        _base_file(cloud, new_image)}


def test_the_unused_cached_image_is_removed_after_the_servers_go(
        cloud, new_image, ten_servers):
    servers, _elapsed = ten_servers
    base = _base_file(cloud, new_image)
    # In use: every pass of the manager keeps it.
    time.sleep(2 * MINIMUM_AGE)
    assert os.path.exists(base)

    api = cloud.client()
    for server in servers:
        api.delete('/servers/%s' % server['id'])
    for server in servers:
        api.wait_for_deleted(server['id'], timeout=180)
    deadline = time.time() + 60
    while os.path.exists(base) and time.time() < deadline:
        time.sleep(1)
    assert not os.path.exists(base)
    assert 'Removing unused base file %s' % base in cloud.log('kvm1')
    assert glob.glob(os.path.join(_base_dir(cloud), '*')) == []
