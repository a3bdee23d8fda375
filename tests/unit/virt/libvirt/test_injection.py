"""File injection at spawn: when the driver writes into a new root disk,
what it writes, the /etc/network/interfaces it renders, and a failure.

Decisions not to inject are checked on an ext4 image, which any mount
would change; the spawns that do inject boot the real libguestfs
appliance (TCG, some seconds each) on a FAT image shaped like a Linux
root, as the test guest's disk is.
"""

import dataclasses
import json
import os
import subprocess

import pytest

from nova_lite import exception
from nova_lite.network import model
from nova_lite.virt.libvirt import driver as libvirt_driver
from nova_lite.virt.libvirt import imagebackend
from nova_lite.virt.libvirt import injection
from tests.unit.virt.disk import conftest as disk_fx
from tests.unit.virt.libvirt import conftest as fx

KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHNvbWUta2V5LWRhdGE= demo@host'
FILES = [('/etc/motd', b'hello from personality\n')]


@pytest.fixture
def root_disk(conf, tmp_path):
    """The instance's root disk as the image backend made it (a qcow2
    overlay on an ext4 base), and a checksum of it."""
    base = disk_fx.make_ext4_root(tmp_path)
    backend = imagebackend.Backend('qcow2', str(tmp_path / 'instances'))
    disk = backend.by_name(str(tmp_path), 'disk')
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-F', 'raw',
                    '-b', base, disk.path], check=True)
    return disk, disk_fx.md5(disk.path)


def _inject(conf, instance, disk, image_meta=None, **kwargs):
    injection.inject_data(conf, instance, image_meta or fx.make_image_meta(),
                          disk, **kwargs)


# -- when nothing is injected (no appliance) ----------------------------------

def test_nothing_is_injected_by_default(conf, root_disk):
    disk, before = root_disk
    _inject(conf, fx.make_instance(), disk, files=FILES)
    assert disk_fx.md5(disk.path) == before


def test_nothing_is_injected_into_an_instance_with_a_config_drive(
        conf, root_disk):
    conf.set_override('inject_partition', 0, group='libvirt')
    disk, before = root_disk
    _inject(conf, fx.make_instance(config_drive='True'), disk, files=FILES)
    assert disk_fx.md5(disk.path) == before


def test_nothing_is_injected_when_the_image_wants_a_config_drive(
        conf, root_disk):
    conf.set_override('inject_partition', 0, group='libvirt')
    disk, before = root_disk
    meta = fx.make_image_meta(properties={'img_config_drive': 'mandatory'})
    _inject(conf, fx.make_instance(), disk, meta, files=FILES)
    assert disk_fx.md5(disk.path) == before


def test_nothing_is_injected_when_a_config_drive_is_forced(conf, root_disk):
    conf.set_override('inject_partition', 0, group='libvirt')
    conf.set_override('force_config_drive', True)
    disk, before = root_disk
    _inject(conf, fx.make_instance(), disk, files=FILES)
    assert disk_fx.md5(disk.path) == before


def test_key_and_password_are_injected_only_when_configured(conf,
                                                            root_disk):
    conf.set_override('inject_partition', 0, group='libvirt')
    disk, before = root_disk
    instance = fx.make_instance(metadata={}, key_name='k', key_data=KEY)
    _inject(conf, instance, disk, admin_pass='s3cret')
    assert disk_fx.md5(disk.path) == before


# -- /etc/network/interfaces --------------------------------------------------

@dataclasses.dataclass(frozen=True)
class InjectedNetwork(model.Network):
    """A network marked for injection, as Nova's flat_injected marks
    every network."""

    def to_dict(self):
        data = super().to_dict()
        data['meta']['injected'] = True
        return data


def _vif(network, mac='fa:16:3e:12:34:56'):
    return model.VIF(id='3a6e1f9c-84a2-4c57-9e0b-51d4c3b2a1f0',
                     address=mac, network=network)


def _injected(vif):
    return dataclasses.replace(vif, network=InjectedNetwork(
        **{f.name: getattr(vif.network, f.name)
           for f in dataclasses.fields(model.Network)}))


def test_no_interfaces_file_for_networks_not_injected():
    assert injection.get_injected_network_template(
        fx.make_network_info()) is None


def test_interfaces_file_for_an_injected_network():
    [vif] = fx.make_network_info()
    assert injection.get_injected_network_template([_injected(vif)]) == (
        '# Injected by Nova on instance boot\n'
        '#\n'
        '# This file describes the network interfaces available on your '
        'system\n'
        '# and how to activate them. For more information, see '
        'interfaces(5).\n'
        '\n'
        '# The loopback network interface\n'
        'auto lo\n'
        'iface lo inet loopback\n'
        '\n'
        'auto eth0\n'
        'iface eth0 inet static\n'
        '    hwaddress ether fa:16:3e:12:34:56\n'
        '    address 10.254.0.5\n'
        '    netmask 255.255.255.0\n'
        '    broadcast 10.254.0.255\n'
        '    gateway 10.254.0.1\n'
        '    dns-nameservers 10.254.0.1\n')


def test_interfaces_are_numbered_over_every_vif_with_a_subnet():
    [first] = fx.make_network_info()
    second = _injected(fx.make_network_info(
        mac='fa:16:3e:00:00:02', address='10.254.0.6')[0])
    text = injection.get_injected_network_template([first, second])
    assert 'auto eth1\niface eth1 inet static\n' in text
    assert 'eth0' not in text


def test_network_with_a_dhcp_server_is_left_to_dhcp():
    [vif] = fx.make_network_info()
    network = vif.network
    subnet = dataclasses.replace(network.subnets[0], dhcp_server='10.254.0.2')
    vif = _injected(dataclasses.replace(
        vif, network=dataclasses.replace(network, subnets=(subnet,))))
    assert injection.get_injected_network_template([vif]) is None


# -- through spawn and libguestfs ---------------------------------------------

@pytest.fixture
def drv(conf):
    driver = libvirt_driver.LibvirtDriver(None, conf)
    driver.init_host('cmp1')
    spawned = []
    driver.test_spawned = spawned
    yield driver
    for inst in spawned:
        driver.destroy(None, inst, [])


@pytest.fixture
def fat_image_meta(tmp_path):
    """The test guest's kind of image: an unpartitioned FAT disk with a
    Linux root's /etc and /bin."""
    return fx.make_image_meta(disk_fx.make_fat(tmp_path), disk_format='raw')


def _root_disk_file(conf, instance, path, tmp_path):
    raw = str(tmp_path / 'root.raw')
    subprocess.run(['qemu-img', 'convert', '-O', 'raw',
                    os.path.join(conf.instances_path, instance.uuid, 'disk'),
                    raw], check=True)
    return disk_fx.fat_cat(raw, path)


def test_spawn_injects_files_metadata_key_and_password(drv, conf,
                                                       fat_image_meta,
                                                       tmp_path):
    conf.set_override('inject_partition', -1, group='libvirt')
    conf.set_override('inject_key', True, group='libvirt')
    conf.set_override('inject_password', True, group='libvirt')
    instance = fx.make_instance(key_name='k', key_data=KEY)
    drv.test_spawned.append(instance)
    drv.spawn(None, instance, fat_image_meta, FILES, 's3cret', {})
    assert _root_disk_file(conf, instance, '/etc/motd', tmp_path) == \
        b'hello from personality\n'
    assert json.loads(_root_disk_file(conf, instance, '/meta.js',
                                      tmp_path)) == {'role': 'test'}
    assert KEY.encode() in _root_disk_file(
        conf, instance, '/root/.ssh/authorized_keys', tmp_path)
    shadow = _root_disk_file(conf, instance, '/etc/shadow', tmp_path)
    assert shadow.startswith(b'root:$1$')


def test_spawn_that_cannot_inject_files_fails_and_leaves_nothing(
        drv, conf, instance, fat_image_meta):
    conf.set_override('inject_partition', 5, group='libvirt')
    with pytest.raises(exception.DiskInjectionFailed) as e:
        drv.spawn(None, instance, fat_image_meta, FILES, None, {})
    message = str(e.value)
    assert message.startswith('Error injecting data into image %s (Error '
                              'mounting ' % fx.IMAGE_ID)
    assert '/dev/sda5' in message
    assert not drv.instance_exists(instance)
    assert not os.path.exists(os.path.join(conf.instances_path,
                                           instance.uuid))
