"""A build that fails in any step of the libvirt driver's spawn leaves
nothing of the server on the host: no domain, no instance directory, no
port, no resources claimed, and the server in ERROR with a fault naming
the cause.

One compute host and ``[scheduler] max_attempts = 1``: a failure that is
rescheduled ends the build at once, with the last failure in the fault.
Its message is cut at 255 characters, as Nova cuts it; the whole of it is
in the fault's details, which an admin sees.
"""

import os
import sqlite3
import subprocess

import libvirt
import pytest

from tests.e2e.conftest import _libvirt_cloud


URI = 'qemu:///system'
# genisoimage as found first on the compute's PATH: it always fails.
FAILING_GENISOIMAGE = """#!/bin/sh
echo "genisoimage: cannot write the image" >&2
exit 1
"""


def _too_much_memory_mb():
    """Twice RAM plus swap: more guest memory than QEMU can reserve."""
    meminfo = {}
    with open('/proc/meminfo') as f:
        for line in f:
            key, value = line.split(':')
            meminfo[key] = int(value.split()[0])
    return 2 * (meminfo['MemTotal'] + meminfo['SwapTotal']) // 1024


@pytest.fixture(scope='module')
def cloud(tmp_path_factory):
    fake_bin = tmp_path_factory.mktemp('bin')
    genisoimage = fake_bin / 'genisoimage'
    genisoimage.write_text(FAILING_GENISOIMAGE)
    genisoimage.chmod(0o755)
    yield from _libvirt_cloud(
        None, lambda dep: URI, {'DEFAULT': {
            # The periodic resource update would hide a claim that is
            # not given back: none runs during these tests.
            'periodic_interval': '600'}},
        controller_options={'scheduler': {'max_attempts': '1'}},
        compute_env={'PATH': '%s:%s' % (fake_bin, os.environ['PATH'])})


@pytest.fixture(scope='module')
def unbindable_vnc_cloud(test_image):
    """A compute whose guests' VNC server is to listen on 192.0.2.1
    (TEST-NET-1), an address on no interface here: libvirt defines the
    domain, QEMU fails to bind the socket when it starts (nothing is
    sent anywhere)."""
    yield from _libvirt_cloud(
        test_image, lambda dep: URI, {
            'DEFAULT': {'periodic_interval': '600'},
            'vnc': {'server_listen': '192.0.2.1'}},
        controller_options={'scheduler': {'max_attempts': '1'}})


def _image(cloud, path, *properties):
    args = ['image', 'create', '--name', 'spawn-failure', '--file', path]
    for prop in properties:
        args += ['--property', prop]
    return cloud.manage(*args).strip().splitlines()[-1]


@pytest.fixture(scope='module')
def good_image(cloud, test_image):
    return _image(cloud, test_image)


def _failed_build(cloud, image_id, flavor_id='42', **extra):
    """Boot a server; return it, as an admin sees it, once in ERROR."""
    resp = cloud.client().create_server('doomed', image_id,
                                        flavor_id=flavor_id, **extra)
    assert resp.status_code == 202, resp.text
    server = cloud.client('admin', 'admin').wait_for_status(
        resp.json()['server']['id'], {'ACTIVE', 'ERROR'}, timeout=180)
    assert server['status'] == 'ERROR'
    return server


def _fault(server):
    """The fault's message and, for an internal error, its details."""
    fault = server['fault']
    return fault['message'] + '\n' + fault.get('details', '')


def _domain_exists(uuid):
    conn = libvirt.open(URI)
    try:
        conn.lookupByUUIDString(uuid)
        return True
    except libvirt.libvirtError as e:
        if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
            return False
        raise
    finally:
        conn.close()


def _node_usage(cloud):
    """(vcpus, memory MiB, disk GiB, servers) used, as the compute
    node's row says."""
    db = sqlite3.connect(os.path.join(cloud.dir, 'nova_lite.sqlite'))
    try:
        return db.execute(
            'SELECT vcpus_used, memory_mb_used, local_gb_used, running_vms '
            "FROM compute_nodes WHERE host = 'kvm1'").fetchone()
    finally:
        db.close()


def _assert_nothing_left(cloud, server):
    server_id = server['id']
    assert not _domain_exists(server_id)
    instances = os.path.join(cloud.dir, 'kvm1', 'instances')
    assert not [name for name in os.listdir(instances)
                if name.startswith(server_id)]
    assert [p for p in cloud.ports() if p['device'] == server_id] == []
    assert _node_usage(cloud) == (0, 0, 0, 0)


def test_disk_bus_refused_by_the_disk_mapping(cloud, test_image):
    image_id = _image(cloud, test_image, 'hw_disk_bus=bogus')
    server = _failed_build(cloud, image_id)
    assert "Requested hardware 'bogus' is not supported" in \
        _fault(server)
    _assert_nothing_left(cloud, server)


def test_image_whose_data_is_gone_from_the_store(cloud, test_image):
    image_id = _image(cloud, test_image)
    os.unlink(os.path.join(cloud.dir, 'images', image_id))
    server = _failed_build(cloud, image_id)
    assert server['fault']['message'] == \
        'Image %s could not be found.' % image_id
    _assert_nothing_left(cloud, server)


def test_image_larger_than_the_flavors_root_disk(cloud, tmp_path):
    # A small file (the API accepts it) of 2 GiB virtual size: the 1 GiB
    # root disk cannot hold it.
    big = str(tmp_path / 'big.qcow2')
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', big, '2G'],
                   check=True)
    server = _failed_build(cloud, _image(cloud, big))
    assert "Flavor's disk is too small for requested image" in \
        _fault(server)
    _assert_nothing_left(cloud, server)


def test_config_drive_that_genisoimage_fails_to_build(cloud, good_image):
    server = _failed_build(cloud, good_image, config_drive=True)
    assert 'genisoimage' in _fault(server)
    assert 'cannot write the image' in _fault(server)
    _assert_nothing_left(cloud, server)


def test_video_model_refused_in_the_guest_xml(cloud, test_image):
    image_id = _image(cloud, test_image, 'hw_video_model=bogus')
    server = _failed_build(cloud, image_id)
    assert 'Provided video model (bogus) is not supported.' in \
        _fault(server)
    _assert_nothing_left(cloud, server)


def test_machine_type_libvirt_refuses_to_define(cloud, test_image):
    # An i440fx version this QEMU does not have: libvirt lays out the
    # guest's PCI bus, then refuses the machine type.
    image_id = _image(cloud, test_image, 'hw_machine_type=pc-i440fx-99.0')
    server = _failed_build(cloud, image_id)
    assert "does not support machine type 'pc-i440fx-99.0'" in \
        _fault(server)
    assert 'Error defining a guest with XML' in cloud.log('kvm1')
    _assert_nothing_left(cloud, server)


def test_guest_qemu_cannot_start(unbindable_vnc_cloud):
    cloud = unbindable_vnc_cloud
    server = _failed_build(cloud, cloud.image_id)
    assert 'Failed to bind socket' in _fault(server)
    assert 'Error launching a defined domain' in cloud.log('kvm1')
    _assert_nothing_left(cloud, server)


def test_a_flavor_larger_than_the_host_is_refused_before_any_build(
        cloud, good_image):
    # Placement's inventory: no more memory in one allocation than the
    # host has (max_unit), as Nova's libvirt driver reports it.
    cloud.manage('flavor', 'create', 'huge', '--id', 'huge', '--ram',
                 str(_too_much_memory_mb()), '--disk', '1')
    server = _failed_build(cloud, good_image, flavor_id='huge')
    assert _fault(server).startswith('No valid host was found.')
    assert 'Error launching a defined domain' not in cloud.log('kvm1')
    _assert_nothing_left(cloud, server)
