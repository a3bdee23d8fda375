"""What goes into a guest's domain XML: the policy that turns an
instance, its image, its disks and its network_info into libvirt config
objects (config.py only knows how to write and read them)."""

import importlib.metadata
import os
import platform
import time

from oslo_utils import units

from nova_lite import exception
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import config as vconfig

# Disks in the order they are attached; also the order of the mapping.
LOCAL_DISKS = ('disk', 'disk.local', 'disk.swap', 'disk.config')


def _package_version():
    try:
        return importlib.metadata.version('nova-lite')
    except importlib.metadata.PackageNotFoundError:
        return '0.0.0'


def instance_dir(conf, instance):
    """Where the instance's disks, console log and libvirt.xml live."""
    return os.path.join(conf.instances_path, instance.uuid)


def machine_type(conf, image_meta):
    return blockinfo.get_machine_type(
        image_meta, conf.libvirt.hw_machine_type, platform.machine())


class GuestDesigner(object):
    """Builds the LibvirtConfigGuest of an instance."""

    def __init__(self, conf, image_backend, vif_driver):
        self.conf = conf
        self.image_backend = image_backend
        self.vif_driver = vif_driver

    def _cpu_mode(self):
        mode = self.conf.libvirt.cpu_mode
        if mode is None:
            mode = 'host-model' if self.conf.libvirt.virt_type == 'kvm' \
                else 'none'
        return mode

    def get_guest_config(self, instance, network_info, image_meta,
                         disk_info, disk_cachemode, context=None):
        """Return the LibvirtConfigGuest of the instance."""
        flavor = instance.flavor
        guest = vconfig.LibvirtConfigGuest()
        guest.virt_type = self.conf.libvirt.virt_type
        guest.name = instance.name
        guest.uuid = instance.uuid
        guest.memory = flavor.memory_mb * units.Ki
        guest.vcpus = flavor.vcpus
        guest.metadata.append(self._get_guest_config_meta(
            context, instance, image_meta))
        guest.cpu = self._get_guest_cpu_config(flavor)
        guest.sysinfo = self._get_guest_config_sysinfo(instance)
        self._configure_guest_os(guest, image_meta, disk_info)
        guest.features = [vconfig.LibvirtConfigGuestFeature(name)
                          for name in ('acpi', 'apic', 'vmcoreinfo')]
        guest.clock = self._get_guest_clock()
        guest.on_poweroff = 'destroy'
        guest.on_reboot = 'restart'
        guest.on_crash = 'destroy'
        for disk in self._get_guest_storage_config(instance, disk_info,
                                                   disk_cachemode):
            guest.add_device(disk)
        for vif in network_info or ():
            guest.add_device(self.vif_driver.get_config(
                instance, vif, image_meta, flavor, guest.virt_type))
        self._create_consoles(guest, instance)
        balloon = vconfig.LibvirtConfigGuestMemBalloon()
        balloon.period = 10
        guest.add_device(balloon)
        return guest

    def _configure_guest_os(self, guest, image_meta, disk_info):
        guest.os_type = 'hvm'
        guest.os_mach_type = machine_type(self.conf, image_meta)
        root = disk_info.mapping.get('root')
        guest.os_boot_dev = ['cdrom' if root and root.type == 'cdrom'
                             else 'hd']
        # SMBIOS from <sysinfo> lets the guest see its instance UUID.
        guest.os_smbios_mode = 'sysinfo'
        props = image_meta.obj_get('properties') or {}
        if props.get('hw_firmware_type') == 'uefi':
            # libvirt picks the UEFI firmware and NVRAM template itself.
            guest.os_firmware = 'efi'

    def _get_guest_config_meta(self, context, instance, image_meta):
        flavor = instance.flavor
        meta = vconfig.LibvirtConfigGuestMetaNovaInstance()
        meta.package = _package_version()
        meta.name = instance.obj_get('display_name')
        meta.creationTime = time.time()
        fmeta = vconfig.LibvirtConfigGuestMetaNovaFlavor()
        fmeta.name = flavor.name
        fmeta.memory, fmeta.disk = flavor.memory_mb, flavor.root_gb
        fmeta.swap, fmeta.ephemeral = flavor.swap, flavor.ephemeral_gb
        fmeta.vcpus = flavor.vcpus
        meta.flavor = fmeta
        owner = vconfig.LibvirtConfigGuestMetaNovaOwner()
        owner.userid = instance.obj_get('user_id')
        owner.username = getattr(context, 'user_name', None) or owner.userid
        owner.projectid = instance.obj_get('project_id')
        owner.projectname = (getattr(context, 'project_name', None) or
                             owner.projectid)
        meta.owner = owner
        meta.roottype = 'image'
        meta.rootid = (image_meta.obj_get('id') or
                       instance.obj_get('image_ref'))
        return meta

    def _get_guest_config_sysinfo(self, instance):
        sysinfo = vconfig.LibvirtConfigGuestSysinfo()
        sysinfo.system.update({
            'manufacturer': 'OpenStack Foundation',
            'product': 'OpenStack Nova',
            'version': _package_version(),
            # Nova's default sysinfo_serial 'unique': the instance UUID.
            'serial': instance.uuid,
            'uuid': instance.uuid,
            'family': 'Virtual Machine',
        })
        return sysinfo

    def _get_guest_cpu_config(self, flavor):
        cpu = vconfig.LibvirtConfigGuestCPU()
        mode = self._cpu_mode()
        if mode == 'custom':
            if not self.conf.libvirt.cpu_models:
                raise exception.Invalid(
                    'cpu_mode is custom but cpu_models is empty')
            cpu.mode = 'custom'
            cpu.model = self.conf.libvirt.cpu_models[0]
        elif mode != 'none':
            cpu.mode = mode
        # One socket per vCPU, as Nova's default topology.
        cpu.sockets, cpu.cores, cpu.threads = flavor.vcpus, 1, 1
        return cpu

    def _get_guest_clock(self):
        clock = vconfig.LibvirtConfigGuestClock()
        clock.offset = 'utc'
        if self.conf.libvirt.virt_type == 'kvm':
            # Nova's timers for KVM: don't replay missed PIT ticks, catch up
            # the RTC, and no HPET, which makes Linux guests drift.
            clock.add_timer(vconfig.LibvirtConfigGuestTimer('pit', 'delay'))
            clock.add_timer(vconfig.LibvirtConfigGuestTimer('rtc',
                                                            'catchup'))
            clock.add_timer(vconfig.LibvirtConfigGuestTimer('hpet',
                                                            present=False))
        return clock

    def _get_guest_storage_config(self, instance, disk_info, disk_cachemode):
        inst_dir = instance_dir(self.conf, instance)
        devices = []
        for name in LOCAL_DISKS:
            mapping = disk_info.mapping.get(name)
            if mapping is None:
                continue
            image_type = 'raw' if name == 'disk.config' else None
            disk = self.image_backend.by_name(inst_dir, name, image_type)
            devices.append(disk.libvirt_info(mapping, disk_cachemode))
        return devices

    def _create_consoles(self, guest, instance):
        log_path = os.path.join(instance_dir(self.conf, instance),
                                'console.log')
        # No serial console proxy: serial0 goes to a file that
        # get_console_output reads, plus a pty for interactive access.
        logfile = vconfig.LibvirtConfigGuestSerial()
        logfile.type, logfile.source_path = 'file', log_path
        logfile.target_port = 0
        guest.add_device(logfile)
        pty = vconfig.LibvirtConfigGuestSerial()
        pty.type, pty.target_port = 'pty', 1
        guest.add_device(pty)
        console = vconfig.LibvirtConfigGuestConsole()
        console.type, console.source_path = 'file', log_path
        console.target_type, console.target_port = 'serial', 0
        guest.add_device(console)
