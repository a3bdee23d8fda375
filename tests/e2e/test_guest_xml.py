"""The guest libvirt runs is the guest the driver designed: a server booted
from an image with hardware properties has, in the domain libvirt reports
for it, every device of the libvirt.xml the driver wrote, and the guest
boots with them.

One boot on libvirtd (qemu:///system): the test reads the running domain
through libvirt, which an embedded driver owned by the compute process
does not allow.
"""

import os
import socket
import stat

import libvirt
from lxml import etree
import pytest

from nova_lite.virt.libvirt import config as vconfig
from tests.e2e.conftest import wait_for_console as _console
from tests.e2e.conftest import _libvirt_cloud
from tests.e2e.conftest import IMAGE

URI = 'qemu:///system'
PROPERTIES = {
    'hw_disk_bus': 'scsi',
    'hw_cdrom_bus': 'sata',
    'hw_video_model': 'vga',
    'hw_qemu_guest_agent': 'yes',
}
# Devices libvirt adds by itself to every x86 guest.
IMPLICIT_INPUT_BUS = 'ps2'


@pytest.fixture(scope='module')
def cloud(test_image):
    yield from _libvirt_cloud(test_image, lambda dep: URI)


@pytest.fixture(scope='module')
def server(cloud):
    """A server of an image with hardware properties, on the network and
    with a config drive, ACTIVE and booted."""
    args = ['image', 'create', '--name', 'hardware', '--file', IMAGE]
    for name, value in PROPERTIES.items():
        args += ['--property', '%s=%s' % (name, value)]
    image_id = cloud.manage(*args).strip().splitlines()[-1]
    api = cloud.client()
    resp = api.create_server('hardware', image_id, flavor_id='42',
                             config_drive=True,
                             networks=[{'uuid': cloud.network_id}])
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                                 timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')
    yield server
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)


def _written_xml(cloud, server_id):
    path = os.path.join(cloud.dir, 'kvm1', 'instances', server_id,
                        'libvirt.xml')
    with open(path) as f:
        return f.read()


def _running_xml(server_id):
    conn = libvirt.open(URI)
    try:
        return conn.lookupByUUIDString(server_id).XMLDesc(0)
    finally:
        conn.close()


def _fields(device):
    """What the driver said about a device: its attributes that are set."""
    return {name: value for name, value in vars(device).items()
            if name not in ('root_name', 'ns_prefix', 'ns_uri') and
            value is not None}


def _matches(written, running):
    return type(written) is type(running) and all(
        getattr(running, name) == value
        for name, value in _fields(written).items())


def _unmatched(written_devices, running_devices):
    """Written devices with no running device saying the same, and
    running devices no written device accounts for."""
    left = list(running_devices)
    missing = []
    for device in written_devices:
        match = next((r for r in left if _matches(device, r)), None)
        if match is None:
            missing.append(device.to_xml())
        else:
            left.remove(match)
    return missing, left


@pytest.fixture(scope='module')
def guests(cloud, server):
    """(written, running) LibvirtConfigGuest of the server, once the guest
    has booted."""
    _console(cloud.client(), server['id'])
    written = vconfig.LibvirtConfigGuest().parse_str(
        _written_xml(cloud, server['id']))
    running = vconfig.LibvirtConfigGuest().parse_str(
        _running_xml(server['id']))
    return written, running


def test_running_domain_has_every_device_the_driver_wrote(guests):
    written, running = guests
    missing, extra = _unmatched(written.devices, running.devices)
    assert missing == []
    # libvirt adds controllers (PCI root, IDE, virtio-serial...) and the
    # PS/2 mouse and keyboard of x86 machines; nothing else.
    assert [d.to_xml() for d in extra
            if d.root_name != 'controller' and not (
                d.root_name == 'input' and d.bus == IMPLICIT_INPUT_BUS)] == []


def test_written_domain_has_the_devices_the_image_asked_for(cloud, server,
                                                            guests):
    written, _ = guests
    by_kind = {}
    for device in written.devices:
        by_kind.setdefault(device.root_name, []).append(device)
    disks = [(d.source_device, d.target_dev, d.target_bus)
             for d in by_kind['disk']]
    assert disks == [('disk', 'sda', 'scsi'), ('cdrom', 'sdb', 'sata')]
    assert ('scsi', 'virtio-scsi') in [(c.type, c.model)
                                       for c in by_kind['controller']]
    [nic] = by_kind['interface']
    [addresses] = server['addresses'].values()
    assert (nic.mac_addr, nic.model, nic.source_dev) == (
        addresses[0]['OS-EXT-IPS-MAC:mac_addr'], 'virtio', cloud.bridge)
    [graphics] = by_kind['graphics']
    assert (graphics.type, graphics.listen) == ('vnc', '127.0.0.1')
    assert [v.type for v in by_kind['video']] == ['vga']
    assert [(i.type, i.bus) for i in by_kind['input']] == [('tablet', 'usb')]
    assert [b.period for b in by_kind['memballoon']] == [10]
    [rng] = by_kind['rng']
    assert (rng.device_model, rng.backend) == ('virtio', '/dev/urandom')
    assert [c.target_name for c in by_kind['channel']] == [
        'org.qemu.guest_agent.0']
    assert [(s.type, s.target_port) for s in by_kind['serial']] == [
        ('file', 0), ('pty', 1)]
    assert [c.target_type for c in by_kind['console']] == ['serial']


def test_running_domain_has_the_cpu_and_clock_written(guests):
    written, running = guests
    assert (running.cpu.sockets, running.cpu.cores, running.cpu.threads) \
        == (written.cpu.sockets, written.cpu.cores, written.cpu.threads)
    assert running.clock.offset == written.clock.offset == 'utc'


def test_guest_sees_its_disks_config_drive_and_nic(cloud, server, guests):
    output = _console(cloud.client(), server['id'])
    [devices] = [line for line in output.splitlines()
                 if line.startswith('block devices:')]
    assert 'sda' in devices.split()
    # Read from the SATA CD-ROM, it configured the virtio NIC.
    assert 'config drive found' in output
    [addresses] = server['addresses'].values()
    assert 'net: eth0 %s %s/' % (addresses[0]['OS-EXT-IPS-MAC:mac_addr'],
                                 addresses[0]['addr']) in output


def test_vnc_console_answers_on_loopback(guests, server):
    doc = etree.fromstring(_running_xml(server['id']))
    port = int(doc.find('devices/graphics').get('port'))
    with socket.create_connection(('127.0.0.1', port), timeout=10) as s:
        assert s.recv(12).startswith(b'RFB ')


def test_guest_agent_socket_is_on_the_host(guests):
    _, running = guests
    [channel] = [d for d in running.devices if d.root_name == 'channel']
    assert stat.S_ISSOCK(os.stat(channel.source_path).st_mode)
