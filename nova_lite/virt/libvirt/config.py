"""Libvirt XML as Python objects.

Each class knows only how to turn itself into an XML element
(``format_dom``/``to_xml``) and how to fill itself from one
(``parse_dom``/``parse_str``); deciding what goes in a guest is the driver's
job.
"""

import calendar
import time

from lxml import etree

# The namespace of the <metadata> block the driver leaves in every domain,
# so tools can tell which instance, flavor and owner a domain belongs to.
NOVA_NS = 'http://openstack.org/xmlns/libvirt/nova/1.0'


def _int_or_none(value):
    return None if value is None else int(value)


class LibvirtConfigObject:
    """Base of all config objects: an element name, maybe in a namespace."""

    def __init__(self, root_name, ns_prefix=None, ns_uri=None):
        self.root_name = root_name
        self.ns_prefix = ns_prefix
        self.ns_uri = ns_uri

    def _tag(self, name):
        if self.ns_uri is None:
            return name
        return '{%s}%s' % (self.ns_uri, name)

    def _new_node(self, tag, /, **attrs):
        if self.ns_uri is None:
            node = etree.Element(tag)
        else:
            node = etree.Element(self._tag(tag),
                                 nsmap={self.ns_prefix: self.ns_uri})
        for key, value in attrs.items():
            if value is not None:
                node.set(key, str(value))
        return node

    def _text_node(self, tag, value, /, **attrs):
        node = self._new_node(tag, **attrs)
        if value is not None:
            node.text = str(value)
        return node

    def format_dom(self):
        return self._new_node(self.root_name)

    def parse_dom(self, xmldoc):
        if xmldoc.tag != self._tag(self.root_name):
            raise ValueError('Expected <%s>, got <%s>'
                             % (self.root_name, xmldoc.tag))

    def to_xml(self, pretty_print=True):
        return etree.tostring(self.format_dom(), encoding='unicode',
                              pretty_print=pretty_print)

    def parse_str(self, xmlstr):
        self.parse_dom(etree.fromstring(xmlstr))
        return self


class LibvirtConfigGuestFeature(LibvirtConfigObject):
    """A flag under <features>, such as <acpi/> or <apic/>."""

    def __init__(self, name=None):
        super().__init__(root_name=name or 'feature')
        self.name = name

    def parse_dom(self, xmldoc):
        self.name = self.root_name = xmldoc.tag


class LibvirtConfigGuestTimer(LibvirtConfigObject):

    def __init__(self, name=None, tickpolicy=None, present=None):
        super().__init__(root_name='timer')
        self.name = name
        self.tickpolicy = tickpolicy
        self.present = present

    def format_dom(self):
        present = None
        if self.present is not None:
            present = 'yes' if self.present else 'no'
        return self._new_node('timer', name=self.name,
                              tickpolicy=self.tickpolicy, present=present)

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.name = xmldoc.get('name')
        self.tickpolicy = xmldoc.get('tickpolicy')
        present = xmldoc.get('present')
        self.present = None if present is None else present == 'yes'


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
            self.sockets = _int_or_none(topology.get('sockets'))
            self.cores = _int_or_none(topology.get('cores'))
            self.threads = _int_or_none(topology.get('threads'))


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


class LibvirtConfigGuestDisk(LibvirtConfigObject):
    """A file-backed <disk>: root, ephemeral, swap or config drive."""

    def __init__(self):
        super().__init__(root_name='disk')
        self.source_type = 'file'
        self.source_device = 'disk'
        self.driver_name = 'qemu'
        self.driver_format = None
        self.driver_cache = None
        self.source_path = None
        self.target_dev = None
        self.target_bus = None
        self.readonly = False
        self.boot_order = None

    def format_dom(self):
        disk = self._new_node('disk', type=self.source_type,
                              device=self.source_device)
        disk.append(self._new_node('driver', name=self.driver_name,
                                   type=self.driver_format,
                                   cache=self.driver_cache))
        disk.append(self._new_node('source', file=self.source_path))
        disk.append(self._new_node('target', dev=self.target_dev,
                                   bus=self.target_bus))
        if self.readonly:
            disk.append(self._new_node('readonly'))
        if self.boot_order is not None:
            disk.append(self._new_node('boot', order=self.boot_order))
        return disk

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.source_type = xmldoc.get('type')
        self.source_device = xmldoc.get('device')
        driver = xmldoc.find('driver')
        if driver is not None:
            self.driver_name = driver.get('name')
            self.driver_format = driver.get('type')
            self.driver_cache = driver.get('cache')
        source = xmldoc.find('source')
        if source is not None:
            self.source_path = source.get('file') or source.get('dev')
        target = xmldoc.find('target')
        if target is not None:
            self.target_dev = target.get('dev')
            self.target_bus = target.get('bus')
        self.readonly = xmldoc.find('readonly') is not None
        boot = xmldoc.find('boot')
        self.boot_order = None if boot is None else int(boot.get('order'))


class LibvirtConfigGuestCharDevice(LibvirtConfigObject):
    """A character device: <serial> or <console>, file or pty backed."""

    def __init__(self, root_name):
        super().__init__(root_name=root_name)
        self.type = 'pty'
        self.source_path = None
        self.target_type = None
        self.target_port = None
        self.log_file = None
        self.log_append = None

    def format_dom(self):
        dev = self._new_node(self.root_name, type=self.type)
        if self.source_path is not None:
            dev.append(self._new_node('source', path=self.source_path))
        if self.target_type is not None or self.target_port is not None:
            dev.append(self._new_node('target', type=self.target_type,
                                      port=self.target_port))
        if self.log_file is not None:
            dev.append(self._new_node('log', file=self.log_file,
                                      append=self.log_append))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.type = xmldoc.get('type')
        source = xmldoc.find('source')
        if source is not None:
            self.source_path = source.get('path')
        target = xmldoc.find('target')
        if target is not None:
            self.target_type = target.get('type')
            self.target_port = _int_or_none(target.get('port'))
        log = xmldoc.find('log')
        if log is not None:
            self.log_file = log.get('file')
            self.log_append = log.get('append')


class LibvirtConfigGuestSerial(LibvirtConfigGuestCharDevice):

    def __init__(self):
        super().__init__(root_name='serial')


class LibvirtConfigGuestConsole(LibvirtConfigGuestCharDevice):

    def __init__(self):
        super().__init__(root_name='console')


class LibvirtConfigGuestMemBalloon(LibvirtConfigObject):

    def __init__(self):
        super().__init__(root_name='memballoon')
        self.model = 'virtio'
        self.period = None

    def format_dom(self):
        dev = self._new_node('memballoon', model=self.model)
        if self.period is not None:
            dev.append(self._new_node('stats', period=self.period))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.model = xmldoc.get('model')
        stats = xmldoc.find('stats')
        self.period = None if stats is None else int(stats.get('period'))


class LibvirtConfigGuestInterface(LibvirtConfigObject):
    """A guest NIC; used once VIF plugging exists."""

    def __init__(self):
        super().__init__(root_name='interface')
        self.net_type = 'bridge'
        self.mac_addr = None
        self.model = None
        self.source_dev = None
        self.target_dev = None
        self.mtu = None

    def format_dom(self):
        dev = self._new_node('interface', type=self.net_type)
        if self.mac_addr is not None:
            dev.append(self._new_node('mac', address=self.mac_addr))
        if self.model is not None:
            dev.append(self._new_node('model', type=self.model))
        if self.source_dev is not None:
            key = 'bridge' if self.net_type == 'bridge' else 'dev'
            dev.append(self._new_node('source', **{key: self.source_dev}))
        if self.target_dev is not None:
            dev.append(self._new_node('target', dev=self.target_dev))
        if self.mtu is not None:
            dev.append(self._new_node('mtu', size=self.mtu))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.net_type = xmldoc.get('type')
        for child in xmldoc:
            if child.tag == 'mac':
                self.mac_addr = child.get('address')
            elif child.tag == 'model':
                self.model = child.get('type')
            elif child.tag == 'source':
                self.source_dev = child.get('bridge') or child.get('dev')
            elif child.tag == 'target':
                self.target_dev = child.get('dev')
            elif child.tag == 'mtu':
                self.mtu = int(child.get('size'))


class LibvirtConfigGuestMetaNovaFlavor(LibvirtConfigObject):

    _FIELDS = ('memory', 'disk', 'swap', 'ephemeral', 'vcpus')

    def __init__(self):
        super().__init__(root_name='flavor', ns_prefix='nova',
                         ns_uri=NOVA_NS)
        self.name = None
        self.memory = self.disk = self.swap = None
        self.ephemeral = self.vcpus = None

    def format_dom(self):
        meta = self._new_node('flavor', name=self.name)
        for field in self._FIELDS:
            meta.append(self._text_node(field, getattr(self, field)))
        return meta

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.name = xmldoc.get('name')
        for field in self._FIELDS:
            setattr(self, field, _int_or_none(xmldoc.findtext(
                self._tag(field))))


class LibvirtConfigGuestMetaNovaOwner(LibvirtConfigObject):

    def __init__(self):
        super().__init__(root_name='owner', ns_prefix='nova',
                         ns_uri=NOVA_NS)
        self.userid = self.username = None
        self.projectid = self.projectname = None

    def format_dom(self):
        meta = self._new_node('owner')
        meta.append(self._text_node('user', self.username, uuid=self.userid))
        meta.append(self._text_node('project', self.projectname,
                                    uuid=self.projectid))
        return meta

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        user = xmldoc.find(self._tag('user'))
        project = xmldoc.find(self._tag('project'))
        if user is not None:
            self.userid, self.username = user.get('uuid'), user.text
        if project is not None:
            self.projectid, self.projectname = project.get('uuid'), \
                project.text


class LibvirtConfigGuestMetaNovaInstance(LibvirtConfigObject):
    """<nova:instance>: which instance, flavor, owner and image this is."""

    def __init__(self):
        super().__init__(root_name='instance', ns_prefix='nova',
                         ns_uri=NOVA_NS)
        self.package = None
        self.name = None
        self.creationTime = None
        self.flavor = None
        self.owner = None
        self.roottype = None
        self.rootid = None

    def format_dom(self):
        meta = self._new_node('instance')
        meta.append(self._new_node('package', version=self.package))
        if self.name is not None:
            meta.append(self._text_node('name', self.name))
        if self.creationTime is not None:
            stamp = time.strftime('%Y-%m-%d %H:%M:%S',
                                  time.gmtime(self.creationTime))
            meta.append(self._text_node('creationTime', stamp))
        for child in (self.flavor, self.owner):
            if child is not None:
                meta.append(child.format_dom())
        if self.roottype is not None:
            meta.append(self._new_node('root', type=self.roottype,
                                       uuid=self.rootid))
        return meta

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        package = xmldoc.find(self._tag('package'))
        self.package = None if package is None else package.get('version')
        self.name = xmldoc.findtext(self._tag('name'))
        stamp = xmldoc.findtext(self._tag('creationTime'))
        if stamp is not None:
            self.creationTime = calendar.timegm(
                time.strptime(stamp, '%Y-%m-%d %H:%M:%S'))
        for attr, cls in (('flavor', LibvirtConfigGuestMetaNovaFlavor),
                          ('owner', LibvirtConfigGuestMetaNovaOwner)):
            node = xmldoc.find(self._tag(attr))
            if node is not None:
                setattr(self, attr, cls())
                getattr(self, attr).parse_dom(node)
        root = xmldoc.find(self._tag('root'))
        if root is not None:
            self.roottype, self.rootid = root.get('type'), root.get('uuid')


DEVICE_CLASSES = {
    'disk': LibvirtConfigGuestDisk,
    'serial': LibvirtConfigGuestSerial,
    'console': LibvirtConfigGuestConsole,
    'memballoon': LibvirtConfigGuestMemBalloon,
    'interface': LibvirtConfigGuestInterface,
}


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
                feature = LibvirtConfigGuestFeature()
                feature.parse_dom(node)
                self.features.append(feature)
        elif child.tag == 'metadata':
            for node in child.iterfind('{%s}instance' % NOVA_NS):
                meta = LibvirtConfigGuestMetaNovaInstance()
                meta.parse_dom(node)
                self.metadata.append(meta)
        elif child.tag == 'devices':
            for node in child:
                cls = DEVICE_CLASSES.get(node.tag)
                if cls is not None:
                    device = cls()
                    device.parse_dom(node)
                    self.devices.append(device)

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.virt_type = xmldoc.get('type')
        self.name = xmldoc.findtext('name')
        self.uuid = xmldoc.findtext('uuid')
        self.memory = _int_or_none(xmldoc.findtext('memory'))
        self.vcpus = _int_or_none(xmldoc.findtext('vcpu'))
        for event in ('on_poweroff', 'on_reboot', 'on_crash'):
            setattr(self, event, xmldoc.findtext(event))
        for child in xmldoc:
            self._parse_child(child)
