"""e2e: the four services boot real QEMU guests (virt_type=qemu, TCG)
through libvirt, from the test image tools/build_test_image.sh builds."""

import os
import subprocess
import time

import pytest

from nova_lite.network import linux_net
from tests import deployment

IMAGE = os.path.join(deployment.REPO, 'build', 'images',
                     'nova-lite-test.qcow2')
BANNER = 'nova-lite test guest booted'


def wait_for_console(api, server_id, *wanted, timeout=180):
    """The server's console log once the guest reached its login prompt
    and every string of ``wanted`` is on it."""
    wanted = (BANNER, 'login:') + wanted
    deadline = time.time() + timeout
    output = ''
    while time.time() < deadline:
        output = api.post('/servers/%s/action' % server_id,
                          {'os-getConsoleOutput': {}}).json().get(
                              'output', '')
        if all(s in output for s in wanted):
            return output
        time.sleep(1)
    raise AssertionError('%s not on the console of %s:\n%s' % (
        wanted, server_id, output))


@pytest.fixture(scope='session')
def test_image():
    if not os.path.exists(IMAGE):
        subprocess.run([os.path.join(deployment.REPO, 'tools',
                                     'build_test_image.sh')], check=True)
    return IMAGE


def qemu_running(server_id):
    """Whether a QEMU process of the guest ``server_id`` (its uuid is on
    the command line) runs on this machine."""
    return subprocess.run(['pgrep', '-f', 'qemu.*%s' % server_id],
                          capture_output=True).returncode == 0


def embed_uri(dep, host=None):
    """The URI of an embedded QEMU driver whose root is the deployment's
    'embed' directory, or with ``host`` that host's own 'embed' directory
    beside its instances."""
    parent = dep.dir if host is None else os.path.join(dep.dir, host)
    return 'qemu:///embed?root=%s' % os.path.join(parent, 'embed')


def network_cidr(dep):
    """A /24 for the deployment's network that no deployment running
    beside it has: each pytest-xdist worker draws from its own ten, and
    runs one deployment at a time."""
    worker = int(os.environ.get('PYTEST_XDIST_WORKER', 'gw0')[2:])
    return '10.254.%d.0/24' % (
        100 + 10 * (worker % 10) + int(dep.run_id, 16) % 10)


def _libvirt_cloud(test_image, uri_for, compute_conf=None,
                   computes=('kvm1',), uri_per_host=False, **kwargs):
    """A deployment with libvirt computes ``computes`` (one, 'kvm1', by
    default) on ``uri_for(dep)``, or with ``uri_per_host`` each on its own
    ``uri_for(dep, host)``, the test image (None: no image) and a network
    on a bridge of this run with no uplink. ``compute_conf`` adds to the
    computes' options; ``kwargs`` go to Deployment."""
    dep = deployment.Deployment(database='sqlite',
                                driver='libvirt.LibvirtDriver',
                                computes=computes, **kwargs)
    dep.compute_conf = {'libvirt': {'virt_type': 'qemu'}}
    if uri_per_host:
        for host in computes:
            dep.host_conf.setdefault(host, {}).setdefault('libvirt', {})[
                'connection_uri'] = uri_for(dep, host)
    else:
        dep.compute_conf['libvirt']['connection_uri'] = uri_for(dep)
    for section, options in (compute_conf or {}).items():
        dep.compute_conf.setdefault(section, {}).update(options)
    bridge = 'brq%s' % dep.run_id
    try:
        dep.start(image_path=test_image, timeout=120)
        dep.network_cidr = network_cidr(dep)
        dep.network_id = dep.create_network('private', dep.network_cidr,
                                            '--bridge', bridge)
        dep.bridge = bridge
        yield dep
    finally:
        dep.stop()
        linux_net.delete_bridge(bridge)


@pytest.fixture(scope='module', params=['system', 'embed'])
def cloud(request, test_image):
    """The same deployment on libvirtd (qemu:///system) and on the
    daemon-less embedded driver (qemu:///embed?root=...)."""
    if request.param == 'system':
        def uri_for(dep):
            return 'qemu:///system'
    else:
        uri_for = embed_uri
    yield from _libvirt_cloud(test_image, uri_for)
