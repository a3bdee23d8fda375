"""The devices of a domain (``<devices>``): disks, NICs, character
devices, graphics, video, input, controllers, the memory balloon and the
random number generator.

Like every config object they only write and read XML; which devices a
guest gets is decided in designer.py.
"""

from nova_lite.virt.libvirt.config_base import int_or_none
from nova_lite.virt.libvirt.config_base import LibvirtConfigObject
from nova_lite.virt.libvirt.config_base import on_off
from nova_lite.virt.libvirt.config_base import parse_bool
from nova_lite.virt.libvirt.config_base import yes_no


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
    """A character device: <serial>, <console> or <channel>, backed by a
    file, a pty or a unix socket."""

    def __init__(self, root_name):
        super().__init__(root_name=root_name)
        self.type = 'pty'
        self.source_mode = None
        self.source_path = None
        # 'on': a file source is appended to, not truncated, when the
        # domain starts again.
        self.source_append = None
        self.target_type = None
        self.target_port = None
        self.target_name = None
        self.log_file = None
        self.log_append = None

    def format_dom(self):
        dev = self._new_node(self.root_name, type=self.type)
        if self.source_path is not None or self.source_mode is not None:
            dev.append(self._new_node('source', mode=self.source_mode,
                                      path=self.source_path,
                                      append=self.source_append))
        target = self._new_node('target', type=self.target_type,
                                port=self.target_port, name=self.target_name)
        if target.attrib:
            dev.append(target)
        if self.log_file is not None:
            dev.append(self._new_node('log', file=self.log_file,
                                      append=self.log_append))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.type = xmldoc.get('type')
        source = xmldoc.find('source')
        if source is not None:
            self.source_mode = source.get('mode')
            self.source_path = source.get('path')
            self.source_append = source.get('append')
        target = xmldoc.find('target')
        if target is not None:
            self.target_type = target.get('type')
            self.target_port = int_or_none(target.get('port'))
            self.target_name = target.get('name')
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


class LibvirtConfigGuestChannel(LibvirtConfigGuestCharDevice):
    """A virtio-serial port the guest sees by name, such as the QEMU guest
    agent's ``org.qemu.guest_agent.0``."""

    def __init__(self):
        super().__init__(root_name='channel')
        self.type = 'unix'
        self.target_type = 'virtio'


class LibvirtConfigGuestMemBalloon(LibvirtConfigObject):

    def __init__(self):
        super().__init__(root_name='memballoon')
        self.model = 'virtio'
        self.autodeflate = None
        self.free_page_reporting = None
        self.period = None

    def format_dom(self):
        dev = self._new_node(
            'memballoon', model=self.model,
            autodeflate=on_off(self.autodeflate),
            freePageReporting=on_off(self.free_page_reporting))
        if self.period is not None:
            dev.append(self._new_node('stats', period=self.period))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.model = xmldoc.get('model')
        self.autodeflate = parse_bool(xmldoc.get('autodeflate'))
        self.free_page_reporting = parse_bool(
            xmldoc.get('freePageReporting'))
        stats = xmldoc.find('stats')
        self.period = None if stats is None else int(stats.get('period'))


class LibvirtConfigGuestInterface(LibvirtConfigObject):
    """A guest NIC plugged into a host bridge (or another source)."""

    def __init__(self):
        super().__init__(root_name='interface')
        self.net_type = 'bridge'
        self.mac_addr = None
        self.model = None
        self.driver_name = None
        self.source_dev = None
        self.target_dev = None
        self.mtu = None

    def format_dom(self):
        dev = self._new_node('interface', type=self.net_type)
        if self.mac_addr is not None:
            dev.append(self._new_node('mac', address=self.mac_addr))
        if self.model is not None:
            dev.append(self._new_node('model', type=self.model))
        if self.driver_name is not None:
            dev.append(self._new_node('driver', name=self.driver_name))
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
            elif child.tag == 'driver':
                self.driver_name = child.get('name')
            elif child.tag == 'source':
                self.source_dev = child.get('bridge') or child.get('dev')
            elif child.tag == 'target':
                self.target_dev = child.get('dev')
            elif child.tag == 'mtu':
                self.mtu = int(child.get('size'))


class LibvirtConfigGuestGraphics(LibvirtConfigObject):
    """A graphical console (VNC) on a host address, port chosen by
    libvirt when ``autoport``."""

    def __init__(self):
        super().__init__(root_name='graphics')
        self.type = 'vnc'
        self.autoport = True
        self.listen = None

    def format_dom(self):
        return self._new_node('graphics', type=self.type,
                              autoport=yes_no(self.autoport),
                              listen=self.listen)

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.type = xmldoc.get('type')
        self.autoport = parse_bool(xmldoc.get('autoport'))
        self.listen = xmldoc.get('listen')
        if self.listen is None:
            # libvirt may give the address only as a <listen> child.
            listen = xmldoc.find('listen')
            if listen is not None:
                self.listen = listen.get('address')


class LibvirtConfigGuestVideo(LibvirtConfigObject):
    """The guest's display adapter; ``vram`` in KiB."""

    def __init__(self):
        super().__init__(root_name='video')
        self.type = 'virtio'
        self.vram = None
        self.heads = None

    def format_dom(self):
        dev = self._new_node('video')
        dev.append(self._new_node('model', type=self.type, vram=self.vram,
                                  heads=self.heads))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        model = xmldoc.find('model')
        if model is not None:
            self.type = model.get('type')
            self.vram = int_or_none(model.get('vram'))
            self.heads = int_or_none(model.get('heads'))


class LibvirtConfigGuestInput(LibvirtConfigObject):
    """A pointer or keyboard, e.g. the USB tablet of graphical consoles."""

    def __init__(self):
        super().__init__(root_name='input')
        self.type = 'tablet'
        self.bus = 'usb'

    def format_dom(self):
        return self._new_node('input', type=self.type, bus=self.bus)

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.type = xmldoc.get('type')
        self.bus = xmldoc.get('bus')


class LibvirtConfigGuestController(LibvirtConfigObject):
    """A bus controller: USB, SCSI (e.g. virtio-scsi), SATA..."""

    def __init__(self):
        super().__init__(root_name='controller')
        self.type = None
        self.index = None
        self.model = None

    def format_dom(self):
        return self._new_node('controller', type=self.type, index=self.index,
                              model=self.model)

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.type = xmldoc.get('type')
        self.index = int_or_none(xmldoc.get('index'))
        self.model = xmldoc.get('model')


class LibvirtConfigGuestUSBHostController(LibvirtConfigGuestController):
    """The USB root controller; model ``none`` removes the one x86
    machines otherwise get by default."""

    def __init__(self):
        super().__init__()
        self.type = 'usb'


class LibvirtConfigGuestRng(LibvirtConfigObject):
    """A random number generator device fed from a host file
    (``backend``), optionally rate limited to ``rate_bytes`` per
    ``rate_period`` milliseconds."""

    def __init__(self):
        super().__init__(root_name='rng')
        self.device_model = 'virtio'
        self.model = 'random'
        self.backend = None
        self.rate_period = None
        self.rate_bytes = None

    def format_dom(self):
        dev = self._new_node('rng', model=self.device_model)
        if self.rate_period and self.rate_bytes:
            dev.append(self._new_node('rate', period=self.rate_period,
                                      bytes=self.rate_bytes))
        dev.append(self._text_node('backend', self.backend, model=self.model))
        return dev

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.device_model = xmldoc.get('model')
        rate = xmldoc.find('rate')
        if rate is not None:
            self.rate_period = int_or_none(rate.get('period'))
            self.rate_bytes = int_or_none(rate.get('bytes'))
        backend = xmldoc.find('backend')
        if backend is not None:
            self.model = backend.get('model')
            self.backend = backend.text


# The class that reads each element of <devices>; elements not listed
# (emulator, address-only controllers libvirt adds...) are not modelled.
DEVICE_CLASSES = {
    'disk': LibvirtConfigGuestDisk,
    'serial': LibvirtConfigGuestSerial,
    'console': LibvirtConfigGuestConsole,
    'channel': LibvirtConfigGuestChannel,
    'memballoon': LibvirtConfigGuestMemBalloon,
    'interface': LibvirtConfigGuestInterface,
    'graphics': LibvirtConfigGuestGraphics,
    'video': LibvirtConfigGuestVideo,
    'input': LibvirtConfigGuestInput,
    'controller': LibvirtConfigGuestController,
    'rng': LibvirtConfigGuestRng,
}
