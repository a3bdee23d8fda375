"""What goes into a guest's domain XML: the policy that turns an
instance, its flavor, its image, its disks and its network_info into
libvirt config objects (config.py only knows how to write and read them).

It follows Nova's ``LibvirtDriver._get_guest_config`` for x86_64
qemu/kvm guests; image properties and flavor extra specs shape the guest,
and a value Nova would refuse fails the build with Nova's exception.
"""

import importlib.metadata
import os
import platform
import time

from oslo_log import log as logging
from oslo_utils import strutils
from oslo_utils import units

from nova_lite import exception
from nova_lite.virt import hardware
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import config as vconfig

LOG = logging.getLogger(__name__)

# Disks in the order they are attached; also the order of the mapping.
LOCAL_DISKS = ('disk', 'disk.local', 'disk.swap', 'disk.config')

# Nova's fields.VideoModel.ALL; the last ones are not QEMU devices.
VIDEO_MODELS = ('cirrus', 'qxl', 'vga', 'vmvga', 'xen', 'virtio', 'gop',
                'none', 'bochs')
NON_QEMU_VIDEO_MODELS = ('xen', 'gop')
# Nova's fields.SCSIModel.ALL minus buslogic and ibmvscsi (PowerPC), which
# QEMU's x86 machines do not have.
SCSI_MODELS = ('virtio-scsi', 'lsilogic', 'lsisas1068', 'lsisas1078',
               'vmpvscsi')
RNG_MODELS = ('virtio',)
INPUT_BUSES = ('usb', 'virtio')
POINTER_MODELS = ('usbtablet',)
OS_TYPES = ('linux', 'windows')
FIRMWARE_TYPES = ('uefi', 'bios')
QEMU_GUEST_AGENT_CHANNEL = 'org.qemu.guest_agent.0'
# Hyper-V enlightenments QEMU implements only with KVM: with TCG it
# refuses to start a guest that has them.
KVM_ONLY_HYPERV_FLAGS = ('vpindex', 'synic')


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


def _props(image_meta):
    return image_meta.obj_get('properties') or {}


def _extra_specs(flavor):
    return flavor.obj_get('extra_specs') or {}


def _unacceptable(image_meta, name, value, reason):
    return exception.ImageUnacceptable(
        image_id=image_meta.obj_get('id'),
        reason="image property %s=%s %s" % (name, value, reason))


def image_choice(image_meta, name, choices, default=None):
    """The image property ``name``, which must be one of ``choices``."""
    value = _props(image_meta).get(name)
    if not value:
        return default
    if value not in choices:
        raise _unacceptable(image_meta, name, value,
                            'is not one of %s' % ', '.join(choices))
    return value


def image_bool(image_meta, name):
    """The boolean image property ``name`` (yes/no, true/false, 1/0)."""
    value = _props(image_meta).get(name)
    if not value:
        return False
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise _unacceptable(image_meta, name, value, 'is not a boolean')


class GuestDesigner(object):
    """Builds the LibvirtConfigGuest of an instance."""

    def __init__(self, conf, image_backend, vif_driver):
        self.conf = conf
        self.image_backend = image_backend
        self.vif_driver = vif_driver

    @property
    def virt_type(self):
        return self.conf.libvirt.virt_type

    def get_guest_config(self, instance, network_info, image_meta,
                         disk_info, disk_cachemode, context=None):
        """Return the LibvirtConfigGuest of the instance."""
        flavor = instance.flavor
        os_type = image_choice(image_meta, 'os_type', OS_TYPES, 'linux')
        guest = vconfig.LibvirtConfigGuest()
        guest.virt_type = self.virt_type
        guest.name = instance.name
        guest.uuid = instance.uuid
        guest.memory = flavor.memory_mb * units.Ki
        guest.vcpus = flavor.vcpus
        guest.metadata.append(self._get_guest_config_meta(
            context, instance, image_meta))
        guest.cpu = self._get_guest_cpu_config(flavor, image_meta)
        guest.sysinfo = self._get_guest_config_sysinfo(instance)
        self._configure_guest_os(guest, image_meta, disk_info)
        self._set_features(guest, os_type)
        guest.clock = self._get_guest_clock(os_type)
        guest.on_poweroff = 'destroy'
        guest.on_reboot = 'restart'
        guest.on_crash = 'destroy'
        for device in self._get_guest_storage_config(
                instance, image_meta, disk_info, disk_cachemode):
            guest.add_device(device)
        for vif in network_info or ():
            guest.add_device(self.vif_driver.get_config(
                instance, vif, image_meta, flavor, guest.virt_type))
        self._create_consoles(guest, instance)
        if self._guest_add_video_device(guest):
            self._add_video_driver(guest, image_meta, flavor)
            self._guest_add_pointer_device(guest, image_meta)
            self._guest_add_keyboard_device(guest, image_meta)
        self._set_qemu_guest_agent(guest, instance, image_meta)
        self._add_rng_device(guest, flavor, image_meta)
        self._guest_add_usb_root_controller(guest)
        self._guest_add_memory_balloon(guest)
        return guest

    # -- the machine ------------------------------------------------------

    def _configure_guest_os(self, guest, image_meta, disk_info):
        guest.os_type = 'hvm'
        guest.os_mach_type = machine_type(self.conf, image_meta)
        root = disk_info.mapping.get('root')
        guest.os_boot_dev = ['cdrom' if root and root.type == 'cdrom'
                             else 'hd']
        # SMBIOS from <sysinfo> lets the guest see its instance UUID.
        guest.os_smbios_mode = 'sysinfo'
        firmware = image_choice(image_meta, 'hw_firmware_type',
                                FIRMWARE_TYPES, 'bios')
        if firmware == 'uefi':
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

    def _get_guest_cpu_model_config(self):
        mode = self.conf.libvirt.cpu_mode
        cpu = vconfig.LibvirtConfigGuestCPU()
        # Nova's default for x86 with kvm and qemu alike: with TCG,
        # libvirt turns host-model into the closest model TCG emulates.
        if mode is None:
            mode = 'host-model'
        if mode == 'none':
            return cpu
        cpu.mode = mode
        if mode == 'custom':
            if not self.conf.libvirt.cpu_models:
                raise exception.Invalid(
                    'The cpu_models option is required when '
                    'cpu_mode=custom')
            cpu.model = self.conf.libvirt.cpu_models[0]
        return cpu

    def _get_guest_cpu_config(self, flavor, image_meta):
        cpu = self._get_guest_cpu_model_config()
        topology = hardware.get_best_cpu_topology(flavor, image_meta)
        cpu.sockets = topology.sockets
        cpu.cores = topology.cores
        cpu.threads = topology.threads
        return cpu

    def _set_features(self, guest, os_type):
        guest.features = [vconfig.LibvirtConfigGuestFeature(name)
                          for name in ('acpi', 'apic', 'vmcoreinfo')]
        if os_type != 'windows':
            return
        hv = vconfig.LibvirtConfigGuestFeatureHyperV()
        for flag in ('relaxed', 'spinlocks', 'vapic', 'vpindex', 'runtime',
                     'synic', 'reset', 'frequencies', 'tlbflush', 'ipi'):
            if self.virt_type == 'kvm' or flag not in KVM_ONLY_HYPERV_FLAGS:
                setattr(hv, flag, True)
        # The spinlock retries KVM's maintainers certify Windows with.
        hv.spinlock_retries = 8191
        guest.features.append(hv)

    def _get_guest_clock(self, os_type):
        clock = vconfig.LibvirtConfigGuestClock()
        # Windows expects the hardware clock in local time.
        clock.offset = 'localtime' if os_type == 'windows' else 'utc'
        if self.virt_type == 'kvm':
            # Nova's timers for KVM: don't replay missed PIT ticks, catch up
            # the RTC, and no HPET, which makes Linux guests drift.
            clock.add_timer(vconfig.LibvirtConfigGuestTimer('pit', 'delay'))
            clock.add_timer(vconfig.LibvirtConfigGuestTimer('rtc',
                                                            'catchup'))
            clock.add_timer(vconfig.LibvirtConfigGuestTimer('hpet',
                                                            present=False))
            if os_type == 'windows':
                # Windows' paravirtual clock, its kvm-clock.
                clock.add_timer(vconfig.LibvirtConfigGuestTimer(
                    'hypervclock', present=True))
        return clock

    # -- disks ------------------------------------------------------------

    def _get_guest_storage_config(self, instance, image_meta, disk_info,
                                  disk_cachemode):
        inst_dir = instance_dir(self.conf, instance)
        devices = []
        for name in LOCAL_DISKS:
            mapping = disk_info.mapping.get(name)
            if mapping is None:
                continue
            image_type = 'raw' if name == 'disk.config' else None
            disk = self.image_backend.by_name(inst_dir, name, image_type)
            devices.append(disk.libvirt_info(mapping, disk_cachemode))
        scsi_controller = self._get_scsi_controller(image_meta, disk_info)
        if scsi_controller is not None:
            devices.append(scsi_controller)
        return devices

    def _get_scsi_controller(self, image_meta, disk_info):
        """The SCSI controller of ``hw_scsi_model``; when a disk is on the
        SCSI bus and the image names no model, a virtio-scsi one, which
        every Linux guest has a driver for (libvirt's own default,
        lsilogic, is an emulated card many guests lack)."""
        model = _props(image_meta).get('hw_scsi_model')
        if model and model not in SCSI_MODELS:
            raise exception.UnsupportedHardware(model=model,
                                                virt=self.virt_type)
        on_scsi = any(m.bus == 'scsi' for m in disk_info.mapping.values())
        if not model and not on_scsi:
            return None
        controller = vconfig.LibvirtConfigGuestController()
        controller.type = 'scsi'
        controller.index = 0
        controller.model = model or 'virtio-scsi'
        return controller

    # -- consoles and graphics --------------------------------------------

    def _create_consoles(self, guest, instance):
        log_path = os.path.join(instance_dir(self.conf, instance),
                                'console.log')
        # No serial console proxy: serial0 goes to a file that
        # get_console_output reads, plus a pty for interactive access.
        # The file is appended to, so the log outlives reboots and stops.
        logfile = vconfig.LibvirtConfigGuestSerial()
        logfile.type, logfile.source_path = 'file', log_path
        logfile.source_append = 'on'
        logfile.target_port = 0
        guest.add_device(logfile)
        pty = vconfig.LibvirtConfigGuestSerial()
        pty.type, pty.target_port = 'pty', 1
        guest.add_device(pty)
        console = vconfig.LibvirtConfigGuestConsole()
        console.type, console.source_path = 'file', log_path
        console.source_append = 'on'
        console.target_type, console.target_port = 'serial', 0
        guest.add_device(console)

    def _guest_add_video_device(self, guest):
        """Add the VNC console; return whether the guest has graphics
        (and so needs a video adapter and a pointer)."""
        if not self.conf.vnc.enabled:
            return False
        graphics = vconfig.LibvirtConfigGuestGraphics()
        graphics.type = 'vnc'
        graphics.autoport = True
        graphics.listen = self.conf.vnc.server_listen
        guest.add_device(graphics)
        return True

    def _get_video_type(self, image_meta):
        model = _props(image_meta).get('hw_video_model')
        if not model:
            # virtio is right whether or not the guest has virtio-gpu: the
            # device falls back to plain VGA.
            return 'virtio'
        if model not in VIDEO_MODELS:
            raise exception.InvalidVideoMode(model=model)
        if model in NON_QEMU_VIDEO_MODELS:
            raise exception.UnsupportedHardware(model=model,
                                                virt=self.virt_type)
        return model

    def _add_video_driver(self, guest, image_meta, flavor):
        video = vconfig.LibvirtConfigGuestVideo()
        video.type = self._get_video_type(image_meta)
        video_ram = hardware.non_negative_int(
            _props(image_meta).get('hw_video_ram', 0),
            'image property hw_video_ram')
        max_vram = hardware.non_negative_int(
            _extra_specs(flavor).get('hw_video:ram_max_mb', 0),
            'flavor extra spec hw_video:ram_max_mb')
        if video_ram > max_vram:
            raise exception.RequestedVRamTooHigh(req_vram=video_ram,
                                                 max_vram=max_vram)
        if video_ram:
            video.vram = video_ram * units.Mi // units.Ki
        guest.add_device(video)

    def _get_pointer_bus_and_model(self, image_meta):
        bus = self._get_input_bus(image_meta)
        pointer_model = _props(image_meta).get('hw_pointer_model')
        if pointer_model and pointer_model not in POINTER_MODELS:
            raise exception.UnsupportedHardware(model=pointer_model,
                                                virt=self.virt_type)
        if bus:
            return 'tablet', bus
        if pointer_model or self.conf.pointer_model == 'usbtablet':
            return 'tablet', 'usb'
        # ps2mouse: x86 machines have a PS/2 mouse already.
        return None, None

    def _get_input_bus(self, image_meta):
        bus = _props(image_meta).get('hw_input_bus')
        if bus and bus not in INPUT_BUSES:
            raise exception.UnsupportedHardware(model=bus,
                                                virt=self.virt_type)
        return bus

    def _guest_add_pointer_device(self, guest, image_meta):
        pointer_model, bus = self._get_pointer_bus_and_model(image_meta)
        if pointer_model:
            pointer = vconfig.LibvirtConfigGuestInput()
            pointer.type, pointer.bus = pointer_model, bus
            guest.add_device(pointer)

    def _guest_add_keyboard_device(self, guest, image_meta):
        # x86 machines have a PS/2 keyboard; one on another bus only when
        # the image asks for that bus.
        bus = self._get_input_bus(image_meta)
        if bus:
            keyboard = vconfig.LibvirtConfigGuestInput()
            keyboard.type, keyboard.bus = 'keyboard', bus
            guest.add_device(keyboard)

    @staticmethod
    def _guest_needs_usb(guest):
        for device in guest.devices:
            if isinstance(device, vconfig.LibvirtConfigGuestDisk) and \
                    device.target_bus == 'usb':
                return True
            if isinstance(device, vconfig.LibvirtConfigGuestInput) and \
                    device.bus == 'usb':
                return True
        return False

    def _guest_add_usb_root_controller(self, guest):
        """The USB controller: libvirt's default model when a device is on
        USB, else model 'none', which removes the one x86 machines would
        otherwise get."""
        usbhost = vconfig.LibvirtConfigGuestUSBHostController()
        usbhost.index = 0
        usbhost.model = None if self._guest_needs_usb(guest) else 'none'
        guest.add_device(usbhost)

    # -- other devices ----------------------------------------------------

    def _set_qemu_guest_agent(self, guest, instance, image_meta):
        if not image_bool(image_meta, 'hw_qemu_guest_agent'):
            return
        LOG.debug('QEMU guest agent is enabled through image metadata',
                  instance=instance)
        channel = vconfig.LibvirtConfigGuestChannel()
        channel.type = 'unix'
        # No path: libvirt makes the socket in its own per-domain channel
        # directory, which the QEMU process can write to whether the
        # driver is libvirtd's or an embedded one.
        channel.source_mode = 'bind'
        channel.target_name = QEMU_GUEST_AGENT_CHANNEL
        guest.add_device(channel)

    def _add_rng_device(self, guest, flavor, image_meta):
        """A virtio RNG fed from ``rng_dev_path``, as Nova gives every
        guest unless its flavor says ``hw_rng:allowed=False``."""
        model = _props(image_meta).get('hw_rng_model')
        if model and model not in RNG_MODELS:
            raise exception.UnsupportedHardware(model=model,
                                                virt=self.virt_type)
        specs = _extra_specs(flavor)
        if not strutils.bool_from_string(specs.get('hw_rng:allowed',
                                                   'True')):
            return
        rng = vconfig.LibvirtConfigGuestRng()
        rate_bytes = hardware.non_negative_int(
            specs.get('hw_rng:rate_bytes', 0),
            'flavor extra spec hw_rng:rate_bytes')
        if rate_bytes:
            rng.rate_bytes = rate_bytes
            rng.rate_period = hardware.non_negative_int(
                specs.get('hw_rng:rate_period', 0),
                'flavor extra spec hw_rng:rate_period')
        path = self.conf.libvirt.rng_dev_path
        if path and not os.path.exists(path):
            raise exception.RngDeviceNotExist(path=path)
        rng.backend = path
        guest.add_device(rng)

    def _guest_add_memory_balloon(self, guest):
        balloon = vconfig.LibvirtConfigGuestMemBalloon()
        period = self.conf.libvirt.mem_stats_period_seconds
        if period > 0:
            balloon.model = 'virtio'
            balloon.period = period
            # As Nova: the balloon deflates before the guest's OOM killer
            # runs, and the guest hands the pages it frees back to the host.
            balloon.autodeflate = True
            balloon.free_page_reporting = True
        else:
            balloon.model = 'none'
        guest.add_device(balloon)
