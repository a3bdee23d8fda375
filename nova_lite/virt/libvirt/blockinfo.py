"""Which bus and device name each disk of a guest gets.

Pure functions: they look at the instance, its flavor, the image properties
and the block device info, and never touch the host. The result names each
disk the way the driver and the image backend know it:

* ``root``: the disk the guest boots from (same entry as ``disk`` when the
  root disk is a local image),
* ``disk``: the local root disk made from the image,
* ``disk.local``: the ephemeral disk, when the flavor has ``ephemeral_gb``,
* ``disk.swap``: the swap disk, when the flavor has ``swap``,
* ``disk.config``: the config drive, when one is required.
"""

import dataclasses

from nova_lite import exception
from nova_lite.virt.libvirt import configdrive

# Buses libvirt offers for the QEMU driver, whatever the accelerator.
SUPPORTED_DISK_BUSES = {
    'qemu': ('virtio', 'scsi', 'ide', 'usb', 'fdc', 'sata'),
    'kvm': ('virtio', 'scsi', 'ide', 'usb', 'fdc', 'sata'),
}

BUS_DEV_PREFIX = {
    'ide': 'hd', 'virtio': 'vd', 'scsi': 'sd', 'usb': 'sd', 'sata': 'sd',
    'fdc': 'fd',
}

# An IDE controller has two channels of two devices each.
BUS_DEV_COUNT = {'ide': 4}
DEFAULT_DEV_COUNT = 26


@dataclasses.dataclass(frozen=True)
class DiskMapping:
    """How one disk is attached: bus, guest device name, device type."""

    bus: str
    dev: str
    type: str = 'disk'
    boot_index: int | None = None


@dataclasses.dataclass(frozen=True)
class DiskInfo:
    """The default buses and the name -> DiskMapping map of a guest."""

    disk_bus: str
    cdrom_bus: str
    mapping: dict[str, DiskMapping]


def _image_property(image_meta, name):
    props = image_meta.obj_get('properties') or {}
    return props.get(name)


def get_dev_prefix_for_disk_bus(disk_bus):
    """Return the device name prefix (``vd``, ``hd``, ``sd``) of a bus."""
    try:
        return BUS_DEV_PREFIX[disk_bus]
    except KeyError:
        raise exception.UnsupportedHardware(model=disk_bus, virt='libvirt')


def get_dev_count_for_disk_bus(disk_bus):
    return BUS_DEV_COUNT.get(disk_bus, DEFAULT_DEV_COUNT)


def find_disk_dev_for_disk_bus(mapping, bus):
    """Return the first device name on ``bus`` not used in ``mapping``."""
    prefix = get_dev_prefix_for_disk_bus(bus)
    used = {info.dev for info in mapping.values()}
    for idx in range(get_dev_count_for_disk_bus(bus)):
        dev = prefix + chr(ord('a') + idx)
        if dev not in used:
            return dev
    raise exception.TooManyDiskDevices(
        maximum=get_dev_count_for_disk_bus(bus))


def is_disk_bus_valid_for_virt(virt_type, disk_bus):
    return disk_bus in SUPPORTED_DISK_BUSES.get(virt_type, ())


def get_machine_type(image_meta, hw_machine_type=None, arch='x86_64'):
    """Return the guest machine type: image property, option, then 'pc'.

    ``hw_machine_type`` is the ``[libvirt]hw_machine_type`` list of
    ``arch=machine`` pairs.
    """
    machine = _image_property(image_meta, 'hw_machine_type')
    if machine:
        return machine
    for pair in hw_machine_type or []:
        host_arch, _, machine = pair.partition('=')
        if host_arch.strip() == arch and machine:
            return machine.strip()
    # Nova still defaults x86 guests to the i440fx 'pc' machine.
    return 'pc' if arch in ('x86_64', 'i686') else None


def _is_q35(machine_type):
    return bool(machine_type) and 'q35' in machine_type


def get_disk_bus_for_device_type(instance, virt_type, image_meta,
                                 device_type='disk', machine_type=None):
    """Return the bus for a device type: image property or the default.

    The image may ask for ``hw_disk_bus``/``hw_cdrom_bus``; otherwise disks
    use virtio and CD-ROMs IDE, except on q35 which has no IDE controller,
    where they use SATA.
    """
    prop = 'hw_cdrom_bus' if device_type == 'cdrom' else 'hw_disk_bus'
    requested = _image_property(image_meta, prop)
    machine = machine_type or get_machine_type(image_meta)
    if requested:
        # q35 has no IDE controller: refuse here rather than have libvirt
        # refuse the domain.
        if not is_disk_bus_valid_for_virt(virt_type, requested) or (
                requested == 'ide' and _is_q35(machine)):
            raise exception.UnsupportedHardware(model=requested,
                                                virt=virt_type)
        return requested
    if virt_type not in SUPPORTED_DISK_BUSES:
        raise exception.UnsupportedVirtType(virt=virt_type)
    if device_type == 'cdrom':
        return 'sata' if _is_q35(machine) else 'ide'
    if device_type == 'floppy':
        return 'fdc'
    return 'virtio'


def _root_device_type(image_meta):
    if image_meta.obj_get('disk_format') == 'iso':
        return 'cdrom'
    return 'disk'


def get_root_info(mapping, root_device_name, disk_bus, cdrom_bus,
                  root_device_type):
    """Return the DiskMapping of the root disk (boot index 1)."""
    bus = cdrom_bus if root_device_type == 'cdrom' else disk_bus
    if root_device_name:
        dev = root_device_name.rpartition('/')[2]
    else:
        dev = find_disk_dev_for_disk_bus(mapping, bus)
    return DiskMapping(bus=bus, dev=dev, type=root_device_type,
                       boot_index=1)


def _flavor_of(instance):
    return instance.obj_get('flavor') or instance


def get_disk_mapping(virt_type, instance, disk_bus, cdrom_bus, image_meta,
                     block_device_info=None, config_drive_required=None):
    """Return the name -> DiskMapping map for an image-backed guest."""
    bdi = block_device_info or {}
    mapping = {}
    root_info = get_root_info(mapping, bdi.get('root_device_name'),
                              disk_bus, cdrom_bus,
                              _root_device_type(image_meta))
    mapping['root'] = root_info
    mapping['disk'] = root_info

    flavor = _flavor_of(instance)
    if (flavor.obj_get('ephemeral_gb') or 0) > 0:
        mapping['disk.local'] = DiskMapping(
            bus=disk_bus, dev=find_disk_dev_for_disk_bus(mapping, disk_bus))
    if (flavor.obj_get('swap') or 0) > 0:
        mapping['disk.swap'] = DiskMapping(
            bus=disk_bus, dev=find_disk_dev_for_disk_bus(mapping, disk_bus))

    if config_drive_required is None:
        config_drive_required = configdrive.required_by(
            instance, image_meta=image_meta)
    if config_drive_required:
        # The config drive is an ISO9660 image, so it is a CD-ROM.
        mapping['disk.config'] = DiskMapping(
            bus=cdrom_bus, dev=find_disk_dev_for_disk_bus(mapping, cdrom_bus),
            type='cdrom')
    return mapping


def get_disk_info(virt_type, instance, image_meta, block_device_info=None,
                  machine_type=None, force_config_drive=False):
    """Return the DiskInfo (buses and disk mapping) of a guest.

    ``machine_type`` is the guest machine type when already known (it
    decides the CD-ROM bus); ``force_config_drive`` is the
    ``force_config_drive`` option.
    """
    disk_bus = get_disk_bus_for_device_type(instance, virt_type, image_meta,
                                            'disk', machine_type)
    cdrom_bus = get_disk_bus_for_device_type(instance, virt_type, image_meta,
                                             'cdrom', machine_type)
    mapping = get_disk_mapping(
        virt_type, instance, disk_bus, cdrom_bus, image_meta,
        block_device_info,
        configdrive.required_by(instance, force_config_drive, image_meta))
    return DiskInfo(disk_bus=disk_bus, cdrom_bus=cdrom_bus, mapping=mapping)
