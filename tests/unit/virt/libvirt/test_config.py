from lxml import etree
import pytest

from nova_lite import exception
from nova_lite.virt.libvirt import config as vconfig
from nova_lite.virt.libvirt import config_devices
from nova_lite.virt.libvirt import config_meta


def _canon(xml):
    """XML without formatting whitespace, for comparisons."""
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(xml, parser), encoding='unicode')


def assert_xml_equal(expected, actual):
    assert _canon(expected) == _canon(actual)


def _roundtrip(obj):
    clone = type(obj)().parse_str(obj.to_xml())
    assert_xml_equal(obj.to_xml(), clone.to_xml())
    return clone


def _disk():
    disk = vconfig.LibvirtConfigGuestDisk()
    disk.driver_format = 'qcow2'
    disk.driver_cache = 'none'
    disk.source_path = '/var/lib/nova-lite/instances/u/disk'
    disk.target_dev, disk.target_bus = 'vda', 'virtio'
    return disk


def test_disk_format():
    assert_xml_equal("""
        <disk type="file" device="disk">
          <driver name="qemu" type="qcow2" cache="none"/>
          <source file="/var/lib/nova-lite/instances/u/disk"/>
          <target dev="vda" bus="virtio"/>
        </disk>""", _disk().to_xml())


def test_cdrom_disk_roundtrip():
    disk = _disk()
    disk.source_device, disk.driver_format = 'cdrom', 'raw'
    disk.target_dev, disk.target_bus = 'hda', 'ide'
    disk.readonly, disk.boot_order = True, 2
    clone = _roundtrip(disk)
    assert clone.readonly and clone.boot_order == 2
    assert clone.source_device == 'cdrom'


def test_serial_file_and_pty():
    serial = vconfig.LibvirtConfigGuestSerial()
    serial.type, serial.source_path, serial.target_port = 'file', '/c', 0
    assert_xml_equal('<serial type="file"><source path="/c"/>'
                     '<target port="0"/></serial>', serial.to_xml())
    pty = vconfig.LibvirtConfigGuestSerial()
    pty.target_port = 1
    assert_xml_equal('<serial type="pty"><target port="1"/></serial>',
                     pty.to_xml())
    assert _roundtrip(serial).source_path == '/c'


def test_console_with_log():
    console = vconfig.LibvirtConfigGuestConsole()
    console.target_type, console.target_port = 'serial', 0
    console.log_file, console.log_append = '/c.log', 'off'
    assert_xml_equal('<console type="pty"><target type="serial" port="0"/>'
                     '<log file="/c.log" append="off"/></console>',
                     console.to_xml())
    assert _roundtrip(console).log_file == '/c.log'


def test_cpu_modes():
    cpu = vconfig.LibvirtConfigGuestCPU()
    cpu.sockets, cpu.cores, cpu.threads = 2, 1, 1
    assert_xml_equal('<cpu><topology sockets="2" cores="1" threads="1"/>'
                     '</cpu>', cpu.to_xml())
    cpu.mode = 'host-model'
    assert_xml_equal('<cpu mode="host-model"><topology sockets="2" '
                     'cores="1" threads="1"/></cpu>', cpu.to_xml())
    cpu.mode, cpu.model = 'custom', 'Nehalem'
    assert_xml_equal('<cpu mode="custom" match="exact"><model>Nehalem'
                     '</model><topology sockets="2" cores="1" threads="1"/>'
                     '</cpu>', cpu.to_xml())
    assert _roundtrip(cpu).model == 'Nehalem'


def test_clock_with_timers():
    clock = vconfig.LibvirtConfigGuestClock()
    clock.add_timer(vconfig.LibvirtConfigGuestTimer('pit', 'delay'))
    clock.add_timer(vconfig.LibvirtConfigGuestTimer('rtc', 'catchup'))
    clock.add_timer(vconfig.LibvirtConfigGuestTimer('hpet', present=False))
    assert_xml_equal("""
        <clock offset="utc">
          <timer name="pit" tickpolicy="delay"/>
          <timer name="rtc" tickpolicy="catchup"/>
          <timer name="hpet" present="no"/>
        </clock>""", clock.to_xml())
    clone = _roundtrip(clock)
    assert clone.timers[2].present is False


def test_sysinfo():
    sysinfo = vconfig.LibvirtConfigGuestSysinfo()
    sysinfo.system.update(manufacturer='OpenStack Foundation',
                          product='OpenStack Nova', uuid='u-1')
    assert_xml_equal("""
        <sysinfo type="smbios">
          <system>
            <entry name="manufacturer">OpenStack Foundation</entry>
            <entry name="product">OpenStack Nova</entry>
            <entry name="uuid">u-1</entry>
          </system>
        </sysinfo>""", sysinfo.to_xml())
    assert _roundtrip(sysinfo).system['product'] == 'OpenStack Nova'


def _nova_meta():
    meta = vconfig.LibvirtConfigGuestMetaNovaInstance()
    meta.package = '1.0'
    meta.name = 'vm1'
    meta.creationTime = 1704164645  # 2024-01-02 03:04:05 UTC
    flavor = vconfig.LibvirtConfigGuestMetaNovaFlavor()
    flavor.name = 'm1.tiny'
    flavor.memory, flavor.disk, flavor.swap = 128, 1, 0
    flavor.ephemeral, flavor.vcpus = 0, 1
    meta.flavor = flavor
    owner = vconfig.LibvirtConfigGuestMetaNovaOwner()
    owner.userid, owner.username = 'uid', 'alice'
    owner.projectid, owner.projectname = 'pid', 'demo'
    meta.owner = owner
    meta.roottype, meta.rootid = 'image', 'img-1'
    return meta


def test_nova_metadata():
    assert_xml_equal("""
        <nova:instance
            xmlns:nova="http://openstack.org/xmlns/libvirt/nova/1.0">
          <nova:package version="1.0"/>
          <nova:name>vm1</nova:name>
          <nova:creationTime>2024-01-02 03:04:05</nova:creationTime>
          <nova:flavor name="m1.tiny">
            <nova:memory>128</nova:memory>
            <nova:disk>1</nova:disk>
            <nova:swap>0</nova:swap>
            <nova:ephemeral>0</nova:ephemeral>
            <nova:vcpus>1</nova:vcpus>
          </nova:flavor>
          <nova:owner>
            <nova:user uuid="uid">alice</nova:user>
            <nova:project uuid="pid">demo</nova:project>
          </nova:owner>
          <nova:root type="image" uuid="img-1"/>
        </nova:instance>""", _nova_meta().to_xml())


def test_nova_metadata_roundtrip():
    clone = _roundtrip(_nova_meta())
    assert clone.creationTime == 1704164645
    assert clone.flavor.memory == 128
    assert clone.owner.projectname == 'demo'
    assert clone.rootid == 'img-1'


def test_interface():
    nic = vconfig.LibvirtConfigGuestInterface()
    nic.mac_addr, nic.model = 'fa:16:3e:00:00:01', 'virtio'
    nic.source_dev, nic.target_dev, nic.mtu = 'br0', 'tap1', 1450
    assert_xml_equal("""
        <interface type="bridge">
          <mac address="fa:16:3e:00:00:01"/>
          <model type="virtio"/>
          <source bridge="br0"/>
          <target dev="tap1"/>
          <mtu size="1450"/>
        </interface>""", nic.to_xml())
    assert _roundtrip(nic).mtu == 1450


def test_memballoon():
    balloon = vconfig.LibvirtConfigGuestMemBalloon()
    balloon.period = 10
    assert_xml_equal('<memballoon model="virtio"><stats period="10"/>'
                     '</memballoon>', balloon.to_xml())
    assert _roundtrip(balloon).period == 10


def _guest():
    guest = vconfig.LibvirtConfigGuest()
    guest.virt_type, guest.name = 'qemu', 'instance-00000001'
    guest.uuid = 'b38a3f43-4be2-4046-897f-b67c2f5e0147'
    guest.memory, guest.vcpus = 131072, 1
    guest.metadata.append(_nova_meta())
    guest.os_mach_type, guest.os_boot_dev = 'pc', ['hd']
    guest.os_smbios_mode = 'sysinfo'
    guest.features = [vconfig.LibvirtConfigGuestFeature('acpi'),
                      vconfig.LibvirtConfigGuestFeature('apic')]
    guest.clock = vconfig.LibvirtConfigGuestClock()
    guest.on_poweroff = 'destroy'
    guest.add_device(_disk())
    return guest


def test_guest_format():
    doc = etree.fromstring(_guest().to_xml())
    assert doc.get('type') == 'qemu'
    assert doc.findtext('name') == 'instance-00000001'
    assert doc.findtext('memory') == '131072'
    assert doc.find('os/type').get('machine') == 'pc'
    assert doc.find('os/type').text == 'hvm'
    assert doc.find('os/boot').get('dev') == 'hd'
    assert doc.find('os/smbios').get('mode') == 'sysinfo'
    assert [f.tag for f in doc.find('features')] == ['acpi', 'apic']
    assert doc.find('metadata')[0].tag == (
        '{%s}instance' % vconfig.NOVA_NS)
    assert doc.find('devices/disk/target').get('dev') == 'vda'


def test_guest_roundtrip():
    clone = _roundtrip(_guest())
    assert clone.name == 'instance-00000001'
    assert clone.metadata[0].name == 'vm1'
    assert isinstance(clone.devices[0], vconfig.LibvirtConfigGuestDisk)


def test_guest_parse_libvirt_output():
    # The shape libvirt returns from XMLDesc, with devices and attributes
    # the objects do not model.
    xml = """
    <domain type='qemu' id='3'>
      <name>instance-00000002</name>
      <uuid>11111111-2222-3333-4444-555555555555</uuid>
      <memory unit='KiB'>131072</memory>
      <vcpu placement='static'>2</vcpu>
      <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>
          <boot dev='hd'/></os>
      <devices>
        <emulator>/usr/bin/qemu-system-x86_64</emulator>
        <controller type='usb' index='0' model='piix3-uhci'/>
        <serial type='file'><source path='/i/console.log'/>
          <target type='isa-serial' port='0'><model name='isa-serial'/>
          </target></serial>
        <console type='file'><source path='/i/console.log'/>
          <target type='serial' port='0'/></console>
      </devices>
    </domain>"""
    guest = vconfig.LibvirtConfigGuest().parse_str(xml)
    assert guest.vcpus == 2
    assert guest.os_mach_type == 'pc-i440fx-7.2'
    assert [d.root_name for d in guest.devices] == ['controller', 'serial',
                                                    'console']
    assert guest.devices[0].model == 'piix3-uhci'
    assert guest.devices[1].target_type == 'isa-serial'
    assert guest.devices[2].source_path == '/i/console.log'


def test_parse_wrong_root_rejected():
    with pytest.raises(exception.InternalError):
        vconfig.LibvirtConfigGuestDisk().parse_str('<serial type="pty"/>')


# -- devices and features beyond disks and consoles ----------------------

def test_hyperv_feature_format():
    hv = vconfig.LibvirtConfigGuestFeatureHyperV()
    hv.relaxed = hv.spinlocks = hv.vpindex = True
    hv.spinlock_retries = 8191
    assert_xml_equal("""
        <hyperv>
          <relaxed state="on"/>
          <spinlocks state="on" retries="8191"/>
          <vpindex state="on"/>
        </hyperv>""", hv.to_xml())


def test_guest_parses_hyperv_into_its_own_class():
    guest = vconfig.LibvirtConfigGuest().parse_str(
        '<domain type="kvm"><features><acpi/><hyperv mode="custom">'
        '<relaxed state="on"/><vapic state="off"/></hyperv></features>'
        '</domain>')
    acpi, hv = guest.features
    assert acpi.name == 'acpi'
    assert isinstance(hv, vconfig.LibvirtConfigGuestFeatureHyperV)
    assert (hv.relaxed, hv.vapic) == (True, False)


def test_qemu_guest_agent_channel_format():
    channel = vconfig.LibvirtConfigGuestChannel()
    channel.source_mode = 'bind'
    channel.target_name = 'org.qemu.guest_agent.0'
    assert_xml_equal("""
        <channel type="unix">
          <source mode="bind"/>
          <target type="virtio" name="org.qemu.guest_agent.0"/>
        </channel>""", channel.to_xml())


def test_channel_parses_the_socket_libvirt_chose():
    channel = vconfig.LibvirtConfigGuestChannel().parse_str("""
        <channel type='unix'>
          <source mode='bind' path='/run/libvirt/qemu/channel/1-x/ga.0'/>
          <target type='virtio' name='org.qemu.guest_agent.0'
                  state='disconnected'/>
          <alias name='channel0'/>
        </channel>""")
    assert channel.source_path == '/run/libvirt/qemu/channel/1-x/ga.0'
    assert channel.target_name == 'org.qemu.guest_agent.0'


def test_memballoon_with_deflate_and_page_reporting():
    balloon = vconfig.LibvirtConfigGuestMemBalloon()
    balloon.autodeflate = balloon.free_page_reporting = True
    balloon.period = 10
    assert_xml_equal('<memballoon model="virtio" autodeflate="on" '
                     'freePageReporting="on"><stats period="10"/>'
                     '</memballoon>', balloon.to_xml())


def test_memballoon_none():
    balloon = vconfig.LibvirtConfigGuestMemBalloon()
    balloon.model = 'none'
    assert_xml_equal('<memballoon model="none"/>', balloon.to_xml())


def test_interface_with_backend_driver():
    nic = vconfig.LibvirtConfigGuestInterface()
    nic.model, nic.driver_name, nic.source_dev = 'virtio', 'qemu', 'br0'
    assert_xml_equal('<interface type="bridge"><model type="virtio"/>'
                     '<driver name="qemu"/><source bridge="br0"/>'
                     '</interface>', nic.to_xml())


def test_vnc_graphics_format():
    graphics = vconfig.LibvirtConfigGuestGraphics()
    graphics.listen = '127.0.0.1'
    assert_xml_equal('<graphics type="vnc" autoport="yes" '
                     'listen="127.0.0.1"/>', graphics.to_xml())


def test_graphics_parses_a_listen_child():
    graphics = vconfig.LibvirtConfigGuestGraphics().parse_str(
        "<graphics type='vnc' port='5901' autoport='yes'>"
        "<listen type='address' address='::1'/></graphics>")
    assert (graphics.type, graphics.autoport, graphics.listen) == (
        'vnc', True, '::1')


def test_video_format():
    video = vconfig.LibvirtConfigGuestVideo()
    video.type, video.vram = 'qxl', 65536
    assert_xml_equal('<video><model type="qxl" vram="65536"/></video>',
                     video.to_xml())


def test_input_format():
    assert_xml_equal('<input type="tablet" bus="usb"/>',
                     vconfig.LibvirtConfigGuestInput().to_xml())


def test_controller_format():
    controller = vconfig.LibvirtConfigGuestController()
    controller.type, controller.index = 'scsi', 0
    controller.model = 'virtio-scsi'
    assert_xml_equal('<controller type="scsi" index="0" '
                     'model="virtio-scsi"/>', controller.to_xml())


def test_usb_host_controller_is_a_usb_controller():
    usb = vconfig.LibvirtConfigGuestUSBHostController()
    usb.index, usb.model = 0, 'none'
    assert_xml_equal('<controller type="usb" index="0" model="none"/>',
                     usb.to_xml())


def test_rng_format():
    rng = vconfig.LibvirtConfigGuestRng()
    rng.backend = '/dev/urandom'
    rng.rate_bytes, rng.rate_period = 1024, 2000
    assert_xml_equal("""
        <rng model="virtio">
          <rate period="2000" bytes="1024"/>
          <backend model="random">/dev/urandom</backend>
        </rng>""", rng.to_xml())


def test_rng_without_rate():
    rng = vconfig.LibvirtConfigGuestRng()
    rng.backend = '/dev/urandom'
    assert_xml_equal('<rng model="virtio"><backend model="random">'
                     '/dev/urandom</backend></rng>', rng.to_xml())


# -- every class reads back what it writes -------------------------------

def _with(obj, **attrs):
    for name, value in attrs.items():
        setattr(obj, name, value)
    return obj


def _full_hyperv():
    hv = vconfig.LibvirtConfigGuestFeatureHyperV()
    for flag in hv.FLAGS:
        setattr(hv, flag, True)
    hv.spinlock_retries, hv.vendorid_spoof = 8191, True
    return hv


def _full_guest():
    guest = _guest()
    guest.os_firmware, guest.os_arch = 'efi', 'x86_64'
    guest.features.append(_full_hyperv())
    guest.cpu = _with(vconfig.LibvirtConfigGuestCPU(), mode='host-model',
                      sockets=2, cores=1, threads=1)
    guest.clock = _with(vconfig.LibvirtConfigGuestClock(),
                        offset='localtime')
    guest.sysinfo = _with(vconfig.LibvirtConfigGuestSysinfo(),
                          bios_vendor='OpenStack')
    guest.on_reboot, guest.on_crash = 'restart', 'destroy'
    for factory in DEVICE_SAMPLES.values():
        guest.add_device(factory())
    return guest


FEATURE_SAMPLES = {
    'feature': lambda: vconfig.LibvirtConfigGuestFeature('acpi'),
    'hyperv': _full_hyperv,
    'timer': lambda: vconfig.LibvirtConfigGuestTimer('hpet', present=True),
    'clock': lambda: _with(vconfig.LibvirtConfigGuestClock(),
                           offset='localtime',
                           timers=[vconfig.LibvirtConfigGuestTimer(
                               'rtc', 'catchup')]),
    'cpu': lambda: _with(vconfig.LibvirtConfigGuestCPU(), mode='custom',
                         model='Nehalem', sockets=1, cores=2, threads=2),
    'sysinfo': lambda: _with(vconfig.LibvirtConfigGuestSysinfo(),
                             bios_vendor='OpenStack', bios_version='1.0',
                             system={'serial': 's-1', 'uuid': 'u-1'}),
}

DEVICE_SAMPLES = {
    'disk': _disk,
    'cdrom': lambda: _with(_disk(), source_device='cdrom', target_dev='hda',
                           target_bus='ide', readonly=True, boot_order=2),
    'serial': lambda: _with(vconfig.LibvirtConfigGuestSerial(), type='file',
                            source_path='/c.log', target_port=0),
    'console': lambda: _with(vconfig.LibvirtConfigGuestConsole(),
                             target_type='serial', target_port=0,
                             log_file='/c.log', log_append='off'),
    'channel': lambda: _with(vconfig.LibvirtConfigGuestChannel(),
                             source_mode='bind', source_path='/s.sock',
                             target_name='org.qemu.guest_agent.0'),
    'memballoon': lambda: _with(vconfig.LibvirtConfigGuestMemBalloon(),
                                autodeflate=True, free_page_reporting=False,
                                period=10),
    'interface': lambda: _with(vconfig.LibvirtConfigGuestInterface(),
                               mac_addr='fa:16:3e:00:00:01', model='virtio',
                               driver_name='qemu', source_dev='br0',
                               target_dev='tap1', mtu=1450),
    'graphics': lambda: _with(vconfig.LibvirtConfigGuestGraphics(),
                              listen='127.0.0.1'),
    'video': lambda: _with(vconfig.LibvirtConfigGuestVideo(), type='vga',
                           vram=16384, heads=1),
    'input': lambda: _with(vconfig.LibvirtConfigGuestInput(),
                           type='keyboard', bus='virtio'),
    'controller': lambda: _with(vconfig.LibvirtConfigGuestController(),
                                type='scsi', index=0, model='virtio-scsi'),
    'usb-controller': lambda: _with(
        vconfig.LibvirtConfigGuestUSBHostController(), index=0,
        model='none'),
    'rng': lambda: _with(vconfig.LibvirtConfigGuestRng(),
                         backend='/dev/urandom', rate_bytes=1024,
                         rate_period=2000),
}

META_SAMPLES = {
    'nova-instance': _nova_meta,
    'nova-flavor': lambda: _nova_meta().flavor,
    'nova-owner': lambda: _nova_meta().owner,
}

ALL_SAMPLES = dict(FEATURE_SAMPLES, **DEVICE_SAMPLES, **META_SAMPLES,
                   guest=_full_guest)


@pytest.mark.parametrize('name', sorted(ALL_SAMPLES))
def test_parse_reads_back_what_format_wrote(name):
    obj = ALL_SAMPLES[name]()
    clone = type(obj)().parse_str(obj.to_xml())
    assert_xml_equal(obj.to_xml(), clone.to_xml())


def test_the_guest_parser_reads_every_device_kind():
    guest = _full_guest()
    clone = vconfig.LibvirtConfigGuest().parse_str(guest.to_xml())
    kinds = [d.root_name for d in guest.devices]
    assert [d.root_name for d in clone.devices] == kinds
    assert set(config_devices.DEVICE_CLASSES) == set(kinds)


def test_every_config_class_has_a_round_trip_sample():
    abstract = {vconfig.LibvirtConfigObject,
                vconfig.LibvirtConfigGuestCharDevice}
    classes = set()
    for module in (vconfig, config_devices, config_meta):
        classes.update(
            obj for obj in vars(module).values()
            if isinstance(obj, type) and
            issubclass(obj, vconfig.LibvirtConfigObject))
    sampled = {type(factory()) for factory in ALL_SAMPLES.values()}
    assert classes - abstract == sampled
