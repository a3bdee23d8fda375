"""Boot the test image through the API, see it boot on its serial
console, delete it, and find nothing of it left."""

import glob
import os
import subprocess

from lxml import etree

from tests.e2e.conftest import wait_for_console as _console
from tests.e2e.conftest import BANNER

NOVA_NS = 'http://openstack.org/xmlns/libvirt/nova/1.0'


def _instance_dir(cloud, server_id):
    return os.path.join(cloud.dir, 'kvm1', 'instances', server_id)


def _qemu_running(server_id):
    return subprocess.run(['pgrep', '-f', 'qemu.*%s' % server_id],
                          capture_output=True).returncode == 0


def test_guest_boots_and_its_console_shows_the_banner(cloud):
    api = cloud.client()
    resp = api.create_server('e2e', cloud.image_id, flavor_id='42')
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'}, timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')
    output = _console(api, server_id)
    assert BANNER in output
    assert _qemu_running(server_id)

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
    assert not os.path.exists(_instance_dir(cloud, server_id))
    assert not _qemu_running(server_id)


def test_root_disk_is_a_qcow2_overlay_on_the_cached_image(cloud):
    api = cloud.client()
    server_id = api.create_server('overlay', cloud.image_id).json()[
        'server']['id']
    api.wait_for_status(server_id, {'ACTIVE'}, timeout=180)
    disk = os.path.join(_instance_dir(cloud, server_id), 'disk')
    info = subprocess.run(['qemu-img', 'info', '-U', '--output=json', disk],
                          capture_output=True, text=True, check=True).stdout
    assert '"format": "qcow2"' in info
    base = glob.glob(os.path.join(cloud.dir, 'kvm1', 'instances', '_base',
                                  '*'))
    assert any(os.path.basename(b) in info for b in base)
    # The flavor's 1 GiB root disk, not the image's size.
    assert '"virtual-size": 1073741824' in info
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
    assert not os.path.exists(disk)


def test_domain_xml_carries_nova_metadata_and_a_console_log(cloud):
    api = cloud.client()
    server_id = api.create_server('xml', cloud.image_id).json()['server'][
        'id']
    api.wait_for_status(server_id, {'ACTIVE'}, timeout=180)
    path = os.path.join(_instance_dir(cloud, server_id), 'libvirt.xml')
    dom = etree.parse(path).getroot()
    assert dom.get('type') == 'qemu'
    assert dom.findtext('uuid') == server_id
    assert dom.find('metadata/{%s}instance/{%s}name' % (NOVA_NS, NOVA_NS)
                    ).text == 'xml'
    assert dom.find('devices/serial[@type="file"]/source').get('path') == \
        os.path.join(_instance_dir(cloud, server_id), 'console.log')
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
