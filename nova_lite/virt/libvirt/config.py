"""Libvirt XML as Python objects.

Each class knows only how to turn itself into an XML element
(``format_dom``/``to_xml``) and how to fill itself from one
(``parse_dom``/``parse_str``); deciding what goes in a guest is the
designer's job (designer.py).

This module holds the domain itself and its top-level elements (features,
clock, cpu, sysinfo); the devices are in config_devices.py and the nova
metadata in config_meta.py. Every class is importable from here, as in
Nova's ``nova.virt.libvirt.config``.
"""

from nova_lite.virt.libvirt import config_devices
from nova_lite.virt.libvirt.config_base import int_or_none
from nova_lite.virt.libvirt.config_base import LibvirtConfigObject
from nova_lite.virt.libvirt.config_base import parse_bool
from nova_lite.virt.libvirt.config_base import yes_no
from nova_lite.virt.libvirt.config_devices import (  # noqa: F401
    LibvirtConfigGuestChannel,
    LibvirtConfigGuestCharDevice,
    LibvirtConfigGuestConsole,
    LibvirtConfigGuestController,
    LibvirtConfigGuestDisk,
    LibvirtConfigGuestGraphics,
    LibvirtConfigGuestInput,
    LibvirtConfigGuestInterface,
    LibvirtConfigGuestMemBalloon,
    LibvirtConfigGuestRng,
    LibvirtConfigGuestSerial,
    LibvirtConfigGuestUSBHostController,
    LibvirtConfigGuestVideo,
)
from nova_lite.virt.libvirt.config_meta import (  # noqa: F401
    LibvirtConfigGuestMetaNovaFlavor,
    LibvirtConfigGuestMetaNovaInstance,
    LibvirtConfigGuestMetaNovaOwner,
    NOVA_NS,
)


class LibvirtConfigGuestFeature(LibvirtConfigObject):
    """A flag under <features>, such as <acpi/> or <apic/>."""

    def __init__(self, name=None):
        super().__init__(root_name=name or 'feature')
        self.name = name

    def parse_dom(self, xmldoc):
        self.name = self.root_name = xmldoc.tag


class LibvirtConfigGuestFeatureHyperV(LibvirtConfigGuestFeature):
    """<hyperv>: the Hyper-V enlightenments Windows guests use."""

    # QEMU refuses fewer spinlock retries than this.
    MIN_SPINLOCK_RETRIES = 4095
    SPOOFED_VENDOR_ID = '1234567890ab'
    # Enlightenments that are just switched on, in libvirt's order.
    FLAGS = ('relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic',
             'reset', 'frequencies', 'reenlightenment', 'tlbflush', 'ipi',
             'evmcs')

    def __init__(self):
        super().__init__('hyperv')
        for flag in self.FLAGS:
            setattr(self, flag, False)
        self.spinlock_retries = self.MIN_SPINLOCK_RETRIES
        self.vendorid_spoof = False
        self.vendorid = self.SPOOFED_VENDOR_ID

    def format_dom(self):
        root = self._new_node('hyperv')
        for flag in self.FLAGS:
            if getattr(self, flag):
                retries = self.spinlock_retries if flag == 'spinlocks' \
                    else None
                root.append(self._new_node(flag, state='on',
                                           retries=retries))
        if self.vendorid_spoof:
            root.append(self._new_node('vendor_id', state='on',
                                       value=self.vendorid))
        return root

    def parse_dom(self, xmldoc):
        LibvirtConfigObject.parse_dom(self, xmldoc)
        for node in xmldoc:
            enabled = node.get('state') == 'on'
            if node.tag in self.FLAGS:
                setattr(self, node.tag, enabled)
            if node.tag == 'spinlocks' and node.get('retries'):
                self.spinlock_retries = int(node.get('retries'))
            elif node.tag == 'vendor_id':
                self.vendorid_spoof = enabled
                self.vendorid = node.get('value')


class LibvirtConfigGuestTimer(LibvirtConfigObject):

    def __init__(self, name=None, tickpolicy=None, present=None):
        super().__init__(root_name='timer')
        self.name = name
        self.tickpolicy = tickpolicy
        self.present = present

    def format_dom(self):
        return self._new_node('timer', name=self.name,
                              tickpolicy=self.tickpolicy,
                              present=yes_no(self.present))

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.name = xmldoc.get('name')
        self.tickpolicy = xmldoc.get('tickpolicy')
        self.present = parse_bool(xmldoc.get('present'))


class LibvirtConfigGuestClock(LibvirtConfigObject):

    def __init__(self):
        super().__init__(root_name='clock')
        self.offset = 'utc'
        self.timers = []

    def add_timer(self, timer):
        self.timers.append(timer)

    def format_dom(self):
        clock = self._new_node('clock', offset=self.offset)
        for timer in self.timers:
            clock.append(timer.format_dom())
        return clock

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.offset = xmldoc.get('offset')
        self.timers = [LibvirtConfigGuestTimer() for _ in xmldoc]
        for timer, node in zip(self.timers, xmldoc):
            timer.parse_dom(node)


class LibvirtConfigGuestCPU(LibvirtConfigObject):
    """The guest <cpu>: mode/model and the vCPU topology."""

    def __init__(self):
        super().__init__(root_name='cpu')
        self.mode = None
        self.model = None
        self.match = 'exact'
        self.sockets = None
        self.cores = None
        self.threads = None

    def format_dom(self):
        cpu = self._new_node('cpu', mode=self.mode)
        if self.model is not None:
            # 'match' only means something when naming a model.
            cpu.set('match', self.match)
            cpu.append(self._text_node('model', self.model))
        if self.sockets is not None:
            cpu.append(self._new_node('topology', sockets=self.sockets,
                                      cores=self.cores,
                                      threads=self.threads))
        return cpu

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.mode = xmldoc.get('mode')
        self.match = xmldoc.get('match', self.match)
        self.model = xmldoc.findtext('model')
        topology = xmldoc.find('topology')
        if topology is not None:
            self.sockets = int_or_none(topology.get('sockets'))
            self.cores = int_or_none(topology.get('cores'))
            self.threads = int_or_none(topology.get('threads'))


class LibvirtConfigGuestSysinfo(LibvirtConfigObject):
    """SMBIOS tables shown to the guest (dmidecode, cloud-init's DMI)."""

    _SYSTEM_FIELDS = ('manufacturer', 'product', 'version', 'serial',
                      'uuid', 'family')

    def __init__(self):
        super().__init__(root_name='sysinfo')
        self.type = 'smbios'
        self.bios_vendor = None
        self.bios_version = None
        self.system = dict.fromkeys(self._SYSTEM_FIELDS)

    def format_dom(self):
        sysinfo = self._new_node('sysinfo', type=self.type)
        bios = [('vendor', self.bios_vendor), ('version', self.bios_version)]
        if any(value is not None for _, value in bios):
            node = self._new_node('bios')
            for name, value in bios:
                if value is not None:
                    node.append(self._text_node('entry', value, name=name))
            sysinfo.append(node)
        system = self._new_node('system')
        for name in self._SYSTEM_FIELDS:
            if self.system.get(name) is not None:
                system.append(self._text_node('entry', self.system[name],
                                              name=name))
        sysinfo.append(system)
        return sysinfo

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.type = xmldoc.get('type')
        for entry in xmldoc.iterfind('bios/entry'):
            setattr(self, 'bios_' + entry.get('name'), entry.text)
        for entry in xmldoc.iterfind('system/entry'):
            self.system[entry.get('name')] = entry.text


class LibvirtConfigGuest(LibvirtConfigObject):
    """A whole <domain>."""

    def __init__(self):
        super().__init__(root_name='domain')
        self.virt_type = None
        self.name = None
        self.uuid = None
        self.memory = 500 * 1024  # KiB, libvirt's default unit
        self.vcpus = 1
        self.metadata = []
        self.sysinfo = None
        self.os_type = 'hvm'
        self.os_arch = None
        self.os_mach_type = None
        self.os_firmware = None
        self.os_boot_dev = []
        self.os_smbios_mode = None
        self.features = []
        self.cpu = None
        self.clock = None
        self.on_poweroff = self.on_reboot = self.on_crash = None
        self.devices = []

    def add_device(self, device):
        self.devices.append(device)

    def _format_os(self):
        os_node = self._new_node('os', firmware=self.os_firmware)
        os_node.append(self._text_node('type', self.os_type,
                                       arch=self.os_arch,
                                       machine=self.os_mach_type))
        for dev in self.os_boot_dev:
            os_node.append(self._new_node('boot', dev=dev))
        if self.os_smbios_mode is not None:
            os_node.append(self._new_node('smbios', mode=self.os_smbios_mode))
        return os_node

    def format_dom(self):
        root = self._new_node('domain', type=self.virt_type)
        root.append(self._text_node('uuid', self.uuid))
        root.append(self._text_node('name', self.name))
        root.append(self._text_node('memory', self.memory))
        root.append(self._text_node('vcpu', self.vcpus))
        if self.metadata:
            meta = self._new_node('metadata')
            for item in self.metadata:
                meta.append(item.format_dom())
            root.append(meta)
        if self.sysinfo is not None:
            root.append(self.sysinfo.format_dom())
        root.append(self._format_os())
        if self.features:
            features = self._new_node('features')
            for feature in self.features:
                features.append(feature.format_dom())
            root.append(features)
        for child in (self.cpu, self.clock):
            if child is not None:
                root.append(child.format_dom())
        for event in ('on_poweroff', 'on_reboot', 'on_crash'):
            if getattr(self, event) is not None:
                root.append(self._text_node(event, getattr(self, event)))
        devices = self._new_node('devices')
        for device in self.devices:
            devices.append(device.format_dom())
        root.append(devices)
        return root

    def _parse_os(self, os_node):
        self.os_firmware = os_node.get('firmware')
        os_type = os_node.find('type')
        if os_type is not None:
            self.os_type = os_type.text
            self.os_arch = os_type.get('arch')
            self.os_mach_type = os_type.get('machine')
        self.os_boot_dev = [b.get('dev') for b in os_node.iterfind('boot')]
        smbios = os_node.find('smbios')
        if smbios is not None:
            self.os_smbios_mode = smbios.get('mode')

    def _parse_child(self, child):
        simple = {'cpu': LibvirtConfigGuestCPU,
                  'clock': LibvirtConfigGuestClock,
                  'sysinfo': LibvirtConfigGuestSysinfo}
        if child.tag in simple:
            obj = simple[child.tag]()
            obj.parse_dom(child)
            setattr(self, child.tag, obj)
        elif child.tag == 'os':
            self._parse_os(child)
        elif child.tag == 'features':
            for node in child:
                feature = (LibvirtConfigGuestFeatureHyperV()
                           if node.tag == 'hyperv'
                           else LibvirtConfigGuestFeature())
                feature.parse_dom(node)
                self.features.append(feature)
        elif child.tag == 'metadata':
            for node in child.iterfind('{%s}instance' % NOVA_NS):
                meta = LibvirtConfigGuestMetaNovaInstance()
                meta.parse_dom(node)
                self.metadata.append(meta)
        elif child.tag == 'devices':
            for node in child:
                cls = config_devices.DEVICE_CLASSES.get(node.tag)
                if cls is not None:
                    device = cls()
                    device.parse_dom(node)
                    self.devices.append(device)

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.virt_type = xmldoc.get('type')
        self.name = xmldoc.findtext('name')
        self.uuid = xmldoc.findtext('uuid')
        self.memory = int_or_none(xmldoc.findtext('memory'))
        self.vcpus = int_or_none(xmldoc.findtext('vcpu'))
        for event in ('on_poweroff', 'on_reboot', 'on_crash'):
            setattr(self, event, xmldoc.findtext(event))
        for child in xmldoc:
            self._parse_child(child)
