import pytest

from nova_lite import exception
from nova_lite.virt.libvirt import blockinfo
from tests.unit.virt.libvirt import conftest as fx

DiskMapping = blockinfo.DiskMapping


def _disk_info(instance, image_meta=None, **kwargs):
    return blockinfo.get_disk_info('qemu', instance,
                                   image_meta or fx.make_image_meta(),
                                   **kwargs)


def test_root_only():
    info = _disk_info(fx.make_instance())
    assert info.disk_bus == 'virtio'
    assert info.cdrom_bus == 'ide'
    root = DiskMapping(bus='virtio', dev='vda', type='disk', boot_index=1)
    assert info.mapping == {'root': root, 'disk': root}


def test_ephemeral_and_swap_follow_root():
    flavor = fx.make_flavor(ephemeral_gb=1, swap=512)
    info = _disk_info(fx.make_instance(flavor=flavor))
    assert info.mapping['disk.local'] == DiskMapping(bus='virtio', dev='vdb')
    assert info.mapping['disk.swap'] == DiskMapping(bus='virtio', dev='vdc')
    assert info.mapping['disk.local'].boot_index is None


def test_config_drive_requested_by_instance():
    info = _disk_info(fx.make_instance(config_drive='True'))
    assert info.mapping['disk.config'] == DiskMapping(bus='ide', dev='hda',
                                                      type='cdrom')


def test_config_drive_forced():
    info = _disk_info(fx.make_instance(), force_config_drive=True)
    assert 'disk.config' in info.mapping


def test_no_config_drive_by_default():
    assert 'disk.config' not in _disk_info(fx.make_instance()).mapping


def test_config_drive_after_all_disks():
    flavor = fx.make_flavor(ephemeral_gb=1, swap=64)
    info = _disk_info(fx.make_instance(flavor=flavor, config_drive='True'))
    assert list(info.mapping) == ['root', 'disk', 'disk.local', 'disk.swap',
                                  'disk.config']


def test_q35_puts_cdrom_on_sata():
    meta = fx.make_image_meta(properties={'hw_machine_type': 'q35'})
    info = _disk_info(fx.make_instance(config_drive='True'), meta)
    assert info.cdrom_bus == 'sata'
    assert info.mapping['disk.config'] == DiskMapping(bus='sata', dev='sda',
                                                      type='cdrom')


def test_machine_type_argument_wins_for_cdrom_bus():
    info = _disk_info(fx.make_instance(), machine_type='pc-q35-7.2')
    assert info.cdrom_bus == 'sata'


def test_image_disk_bus_property():
    meta = fx.make_image_meta(properties={'hw_disk_bus': 'scsi'})
    flavor = fx.make_flavor(ephemeral_gb=1)
    info = _disk_info(fx.make_instance(flavor=flavor), meta)
    assert info.disk_bus == 'scsi'
    assert info.mapping['disk'].dev == 'sda'
    assert info.mapping['disk.local'].dev == 'sdb'


def test_image_cdrom_bus_property():
    meta = fx.make_image_meta(properties={'hw_cdrom_bus': 'sata'})
    assert _disk_info(fx.make_instance(), meta).cdrom_bus == 'sata'


def test_invalid_disk_bus_rejected():
    meta = fx.make_image_meta(properties={'hw_disk_bus': 'xen'})
    with pytest.raises(exception.UnsupportedHardware):
        _disk_info(fx.make_instance(), meta)


@pytest.mark.parametrize('prop', ['hw_disk_bus', 'hw_cdrom_bus'])
def test_ide_bus_rejected_on_q35(prop):
    meta = fx.make_image_meta(properties={prop: 'ide'})
    with pytest.raises(exception.UnsupportedHardware) as e:
        _disk_info(fx.make_instance(), meta, machine_type='pc-q35-7.2')
    assert str(e.value) == ("Requested hardware 'ide' is not supported by "
                            "the 'qemu' virt driver")


def test_ide_bus_accepted_on_i440fx():
    meta = fx.make_image_meta(properties={'hw_disk_bus': 'ide'})
    info = _disk_info(fx.make_instance(), meta, machine_type='pc')
    assert info.mapping['disk'] == DiskMapping(bus='ide', dev='hda',
                                               boot_index=1)


def test_unsupported_virt_type():
    with pytest.raises(exception.UnsupportedVirtType):
        blockinfo.get_disk_bus_for_device_type(
            fx.make_instance(), 'lxc', fx.make_image_meta())


def test_root_device_name_from_block_device_info():
    bdi = {'root_device_name': '/dev/vdb', 'ephemerals': [], 'swap': None,
           'block_device_mapping': []}
    info = _disk_info(fx.make_instance(), block_device_info=bdi)
    assert info.mapping['root'].dev == 'vdb'


def test_iso_image_boots_from_cdrom():
    meta = fx.make_image_meta(disk_format='iso')
    info = _disk_info(fx.make_instance(), meta)
    assert info.mapping['root'] == DiskMapping(bus='ide', dev='hda',
                                               type='cdrom', boot_index=1)


def test_get_disk_bus_for_device_type_defaults():
    inst, meta = fx.make_instance(), fx.make_image_meta()
    get = blockinfo.get_disk_bus_for_device_type
    assert get(inst, 'kvm', meta, 'disk') == 'virtio'
    assert get(inst, 'kvm', meta, 'cdrom') == 'ide'
    assert get(inst, 'kvm', meta, 'floppy') == 'fdc'


@pytest.mark.parametrize('bus,prefix', [('virtio', 'vd'), ('ide', 'hd'),
                                        ('scsi', 'sd'), ('sata', 'sd')])
def test_dev_prefix(bus, prefix):
    assert blockinfo.get_dev_prefix_for_disk_bus(bus) == prefix


def test_ide_has_four_devices():
    mapping = {}
    for idx in range(4):
        dev = blockinfo.find_disk_dev_for_disk_bus(mapping, 'ide')
        mapping['d%d' % idx] = DiskMapping(bus='ide', dev=dev)
    assert [m.dev for m in mapping.values()] == ['hda', 'hdb', 'hdc', 'hdd']
    with pytest.raises(exception.TooManyDiskDevices):
        blockinfo.find_disk_dev_for_disk_bus(mapping, 'ide')


def test_machine_type_defaults_to_pc():
    assert blockinfo.get_machine_type(fx.make_image_meta()) == 'pc'


def test_machine_type_from_option():
    meta = fx.make_image_meta()
    assert blockinfo.get_machine_type(
        meta, ['aarch64=virt', 'x86_64=q35']) == 'q35'


def test_machine_type_image_property_wins():
    meta = fx.make_image_meta(properties={'hw_machine_type': 'pc-q35-7.2'})
    assert blockinfo.get_machine_type(meta, ['x86_64=pc']) == 'pc-q35-7.2'


def test_image_meta_without_properties():
    meta = fx.make_image_meta()
    meta.obj_reset_changes()
    del meta.properties
    assert _disk_info(fx.make_instance(), meta).disk_bus == 'virtio'
