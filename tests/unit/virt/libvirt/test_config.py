from lxml import etree
import pytest

from nova_lite.virt.libvirt import config as vconfig


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
    assert [d.root_name for d in guest.devices] == ['serial', 'console']
    assert guest.devices[0].target_type == 'isa-serial'
    assert guest.devices[1].source_path == '/i/console.log'


def test_parse_wrong_root_rejected():
    with pytest.raises(ValueError):
        vconfig.LibvirtConfigGuestDisk().parse_str('<serial type="pty"/>')
