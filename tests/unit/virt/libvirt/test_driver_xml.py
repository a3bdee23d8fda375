"""LibvirtDriver: the guest XML it builds, and spawn/destroy against
libvirt's in-memory test driver (``test:///default``, no QEMU)."""

import json
import os
import uuid

import libvirt
from lxml import etree
import pytest

from nova_lite.compute import power_state
from nova_lite import exception
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import config as vconfig
from nova_lite.virt.libvirt import driver as libvirt_driver
from nova_lite.virt.libvirt import guest as libvirt_guest
from nova_lite.virt.libvirt import host as libvirt_host
from tests.unit.virt.libvirt import conftest as fx

NOVA_NS = {'nova': vconfig.NOVA_NS}


@pytest.fixture
def drv(conf):
    driver = libvirt_driver.LibvirtDriver(None, conf)
    driver.init_host('cmp1')
    spawned = []
    driver.test_spawned = spawned
    yield driver
    # test:///default is shared by the whole process: leave it clean.
    for inst in spawned:
        driver.destroy(None, inst, [])


def _spawn(drv, instance, image_meta, **kwargs):
    drv.test_spawned.append(instance)
    drv.spawn(None, instance, image_meta, kwargs.pop('injected_files', []),
              None, {}, **kwargs)


def _guest_xml(drv, instance, image_meta=None, network_info=()):
    image_meta = image_meta or fx.make_image_meta()
    disk_info = blockinfo.get_disk_info('qemu', instance, image_meta,
                                        force_config_drive=False)
    os.makedirs(drv._instance_dir(instance), exist_ok=True)
    xml = drv._get_guest_xml(None, instance, network_info, disk_info,
                             image_meta)
    return etree.fromstring(xml)


def test_guest_xml_has_a_bridge_interface_per_vif(drv, instance):
    doc = _guest_xml(drv, instance, network_info=fx.make_network_info())
    [nic] = doc.findall('devices/interface')
    assert nic.get('type') == 'bridge'
    assert nic.find('mac').get('address') == 'fa:16:3e:12:34:56'
    assert nic.find('source').get('bridge') == 'brq6a5e8d0c-2f'
    assert nic.find('target').get('dev') == 'tap3a6e1f9c-84'
    assert nic.find('model').get('type') == 'virtio'
    assert nic.find('mtu').get('size') == '1450'


def test_guest_xml_nic_model_comes_from_the_image(drv, instance):
    meta = fx.make_image_meta(properties={'hw_vif_model': 'e1000'})
    doc = _guest_xml(drv, instance, meta, fx.make_network_info())
    assert doc.find('devices/interface/model').get('type') == 'e1000'


def test_guest_xml_virtio_nic_uses_qemus_backend_with_tcg(drv, instance):
    doc = _guest_xml(drv, instance, network_info=fx.make_network_info())
    assert doc.find('devices/interface/driver').get('name') == 'qemu'


def test_guest_xml_virtio_nic_leaves_the_backend_to_libvirt_on_kvm(
        drv, conf, instance):
    conf.set_override('virt_type', 'kvm', group='libvirt')
    doc = _guest_xml(drv, instance, network_info=fx.make_network_info())
    assert doc.find('devices/interface/driver') is None


def test_guest_xml_emulated_nic_has_no_backend_driver(drv, instance):
    meta = fx.make_image_meta(properties={'hw_vif_model': 'vmxnet3'})
    doc = _guest_xml(drv, instance, meta, fx.make_network_info())
    assert doc.find('devices/interface/model').get('type') == 'vmxnet3'
    assert doc.find('devices/interface/driver') is None


@pytest.mark.parametrize('model', ['igb', 'spapr-vlan', 'lan9118'])
def test_guest_xml_nic_models_x86_qemu_lacks_are_refused(drv, instance,
                                                         model):
    meta = fx.make_image_meta(properties={'hw_vif_model': model})
    with pytest.raises(exception.UnsupportedHardware):
        _guest_xml(drv, instance, meta, fx.make_network_info())


def test_guest_xml_without_network_has_no_interface(drv, instance):
    assert _guest_xml(drv, instance).findall('devices/interface') == []


def test_guest_xml_qemu(drv, instance):
    doc = _guest_xml(drv, instance)
    assert doc.get('type') == 'qemu'
    assert doc.findtext('name') == 'instance-00000001'
    assert doc.findtext('uuid') == instance.uuid
    assert doc.findtext('memory') == str(128 * 1024)
    assert doc.findtext('vcpu') == '1'
    os_type = doc.find('os/type')
    assert (os_type.text, os_type.get('machine')) == ('hvm', 'pc')
    assert doc.find('os/boot').get('dev') == 'hd'
    assert doc.find('os/smbios').get('mode') == 'sysinfo'
    assert [f.tag for f in doc.find('features')] == ['acpi', 'apic',
                                                     'vmcoreinfo']
    # As Nova, host-model with TCG too: libvirt narrows it to what TCG
    # emulates.
    assert doc.find('cpu').get('mode') == 'host-model'
    assert doc.find('cpu/topology').attrib == {
        'sockets': '1', 'cores': '1', 'threads': '1'}
    assert doc.find('clock').get('offset') == 'utc'
    assert len(doc.find('clock')) == 0
    assert [doc.findtext(e) for e in ('on_poweroff', 'on_reboot',
                                      'on_crash')] == ['destroy', 'restart',
                                                       'destroy']
    assert doc.find('devices/memballoon').get('model') == 'virtio'


def test_guest_xml_written_to_instance_dir(drv, instance):
    doc = _guest_xml(drv, instance)
    path = os.path.join(drv._instance_dir(instance), 'libvirt.xml')
    with open(path) as f:
        assert etree.fromstring(f.read()).findtext('uuid') == \
            doc.findtext('uuid')


def test_guest_xml_sysinfo(drv, instance):
    doc = _guest_xml(drv, instance)
    entries = {e.get('name'): e.text
               for e in doc.iterfind('sysinfo/system/entry')}
    assert entries['manufacturer'] == 'OpenStack Foundation'
    assert entries['product'] == 'OpenStack Nova'
    assert entries['family'] == 'Virtual Machine'
    assert entries['serial'] == entries['uuid'] == instance.uuid
    assert entries['version']


def test_guest_xml_nova_metadata(drv, instance):
    doc = _guest_xml(drv, instance)
    meta = doc.find('metadata/nova:instance', NOVA_NS)
    assert meta.findtext('nova:name', namespaces=NOVA_NS) == 'vm1'
    assert meta.find('nova:flavor', NOVA_NS).get('name') == 'm1.tiny'
    assert meta.findtext('nova:flavor/nova:memory',
                         namespaces=NOVA_NS) == '128'
    assert meta.find('nova:owner/nova:user', NOVA_NS).get('uuid') == 'user1'
    assert meta.find('nova:owner/nova:project', NOVA_NS).get('uuid') == \
        'proj1'
    root = meta.find('nova:root', NOVA_NS)
    assert (root.get('type'), root.get('uuid')) == ('image', fx.IMAGE_ID)


def test_guest_xml_consoles(drv, instance):
    doc = _guest_xml(drv, instance)
    log = os.path.join(drv._instance_dir(instance), 'console.log')
    serials = doc.findall('devices/serial')
    assert [s.get('type') for s in serials] == ['file', 'pty']
    assert serials[0].find('source').get('path') == log
    console = doc.find('devices/console')
    assert console.get('type') == 'file'
    assert console.find('source').get('path') == log
    assert console.find('target').get('type') == 'serial'


def test_guest_xml_disks(drv):
    flavor = fx.make_flavor(ephemeral_gb=1, swap=64)
    instance = fx.make_instance(flavor=flavor, config_drive='True')
    doc = _guest_xml(drv, instance)
    inst_dir = drv._instance_dir(instance)
    disks = [(d.get('device'), d.find('source').get('file'),
              d.find('target').get('dev'), d.find('target').get('bus'),
              d.find('driver').get('type'))
             for d in doc.iterfind('devices/disk')]
    assert disks == [
        ('disk', os.path.join(inst_dir, 'disk'), 'vda', 'virtio', 'qcow2'),
        ('disk', os.path.join(inst_dir, 'disk.local'), 'vdb', 'virtio',
         'qcow2'),
        ('disk', os.path.join(inst_dir, 'disk.swap'), 'vdc', 'virtio',
         'qcow2'),
        ('cdrom', os.path.join(inst_dir, 'disk.config'), 'hda', 'ide',
         'raw')]
    assert doc.find("devices/disk[@device='cdrom']/readonly") is not None
    cache = doc.find('devices/disk/driver').get('cache')
    assert cache in ('none', 'writethrough')


def test_guest_xml_kvm(drv, conf, instance):
    conf.set_override('virt_type', 'kvm', group='libvirt')
    doc = _guest_xml(drv, instance)
    assert doc.get('type') == 'kvm'
    assert doc.find('cpu').get('mode') == 'host-model'
    timers = [(t.get('name'), t.get('tickpolicy'), t.get('present'))
              for t in doc.iterfind('clock/timer')]
    assert timers == [('pit', 'delay', None), ('rtc', 'catchup', None),
                      ('hpet', None, 'no')]


def test_guest_xml_custom_cpu(drv, conf, instance):
    conf.set_override('cpu_mode', 'custom', group='libvirt')
    conf.set_override('cpu_models', ['Nehalem', 'qemu64'], group='libvirt')
    cpu = _guest_xml(drv, instance).find('cpu')
    assert (cpu.get('mode'), cpu.findtext('model')) == ('custom', 'Nehalem')


def test_guest_xml_custom_cpu_needs_models(drv, conf, instance):
    conf.set_override('cpu_mode', 'custom', group='libvirt')
    with pytest.raises(exception.Invalid):
        _guest_xml(drv, instance)


def test_guest_xml_machine_type_and_uefi(drv, conf, instance):
    conf.set_override('hw_machine_type', ['x86_64=q35'], group='libvirt')
    meta = fx.make_image_meta(properties={'hw_firmware_type': 'uefi'})
    doc = _guest_xml(drv, instance, meta)
    assert doc.find('os/type').get('machine') == 'q35'
    assert doc.find('os').get('firmware') == 'efi'


def test_disk_cachemodes_option(conf, instance):
    conf.set_override('disk_cachemodes', ['file=writeback', 'block=bogus'],
                      group='libvirt')
    drv = libvirt_driver.LibvirtDriver(None, conf)
    assert drv.disk_cachemodes == {'file': 'writeback'}
    doc = _guest_xml(drv, instance)
    assert doc.find('devices/disk/driver').get('cache') == 'writeback'


def test_spawn_and_destroy(drv, conf, instance, image_meta):
    _spawn(drv, instance, image_meta)
    inst_dir = os.path.join(conf.instances_path, instance.uuid)
    assert sorted(os.listdir(inst_dir)) == ['disk', 'libvirt.xml']
    assert drv.get_info(instance).state == power_state.RUNNING
    assert drv.instance_exists(instance)
    assert instance.uuid in drv.list_instance_uuids()
    assert len(os.listdir(os.path.join(conf.instances_path, '_base'))) == 1

    drv.destroy(None, instance, [])
    assert not drv.instance_exists(instance)
    assert not os.path.exists(inst_dir)
    assert instance.uuid not in drv.list_instance_uuids()
    drv.destroy(None, instance, [])  # a second destroy does nothing


def test_spawn_with_ephemeral_swap_and_config_drive(drv, conf, image_meta):
    flavor = fx.make_flavor(ephemeral_gb=1, swap=16)
    instance = fx.make_instance(flavor=flavor, config_drive='True',
                                user_data='I2Nsb3VkLWNvbmZpZwo=')
    _spawn(drv, instance, image_meta,
           injected_files=[('/etc/motd', b'hello')])
    inst_dir = os.path.join(conf.instances_path, instance.uuid)
    assert sorted(os.listdir(inst_dir)) == [
        'disk', 'disk.config', 'disk.local', 'disk.swap', 'libvirt.xml']
    with open(os.path.join(inst_dir, 'disk.config'), 'rb') as f:
        f.seek(32768 + 40)  # ISO9660 primary volume descriptor's label
        assert f.read(8) == b'config-2'


def test_destroy_keeps_disks_when_asked(drv, conf, instance, image_meta):
    _spawn(drv, instance, image_meta)
    drv.destroy(None, instance, [], destroy_disks=False)
    assert not drv.instance_exists(instance)
    inst_dir = os.path.join(conf.instances_path, instance.uuid)
    assert os.path.exists(os.path.join(inst_dir, 'disk'))


def test_spawn_failure_at_launch_cleans_up(drv, conf, instance, image_meta,
                                           monkeypatch):
    def fail_launch(self, pause=False):
        raise libvirt.libvirtError('launch failed')

    monkeypatch.setattr(libvirt_guest.Guest, 'launch', fail_launch)
    with pytest.raises(libvirt.libvirtError):
        drv.spawn(None, instance, image_meta, [], None, {})
    assert not drv.instance_exists(instance)
    assert not os.path.exists(os.path.join(conf.instances_path,
                                           instance.uuid))


def test_spawn_failure_fetching_image_cleans_up(drv, conf, instance,
                                                tmp_path):
    meta = fx.make_image_meta(str(tmp_path / 'missing.qcow2'))
    with pytest.raises(exception.ImageNotFound):
        drv.spawn(None, instance, meta, [], None, {})
    assert not drv.instance_exists(instance)
    assert not os.path.exists(os.path.join(conf.instances_path,
                                           instance.uuid))


def test_spawn_timeout_waiting_for_running(drv, conf, instance, image_meta,
                                           monkeypatch):
    monkeypatch.setattr(libvirt_guest.Guest, 'get_power_state',
                        lambda self, host=None: power_state.SHUTDOWN)
    drv.boot_timeout = 0
    with pytest.raises(exception.InstanceDeployFailure):
        drv.spawn(None, instance, image_meta, [], None, {})
    assert not drv.instance_exists(instance)


def test_spawn_refuses_existing_domain(drv, conf, instance, image_meta):
    _spawn(drv, instance, image_meta)
    with pytest.raises(exception.InstanceExists):
        drv.spawn(None, instance, image_meta, [], None, {})
    assert drv.get_info(instance).state == power_state.RUNNING
    assert os.path.exists(os.path.join(conf.instances_path, instance.uuid))


def test_console_output_tail(drv, conf, instance, image_meta):
    _spawn(drv, instance, image_meta)
    assert drv.get_console_output(None, instance) == ''
    log = os.path.join(conf.instances_path, instance.uuid, 'console.log')
    with open(log, 'w') as f:
        f.write('x' * (150 * 1024) + 'nova-lite test guest booted\n')
    out = drv.get_console_output(None, instance)
    assert len(out) == libvirt_driver.MAX_CONSOLE_BYTES
    assert out.endswith('nova-lite test guest booted\n')


def test_missing_instance(drv):
    ghost = fx.make_instance(uuid=str(uuid.uuid4()))
    assert not drv.instance_exists(ghost)
    with pytest.raises(exception.InstanceNotFound):
        drv.get_info(ghost)
    with pytest.raises(exception.InstanceNotFound):
        drv.get_console_output(None, ghost)
    drv.destroy(None, ghost, [])


def test_available_resource(drv):
    res = drv.get_available_resource('cmp1')
    assert drv.get_available_nodes() == ['cmp1']
    assert res['hypervisor_hostname'] == 'cmp1'
    assert res['hypervisor_type'] == 'TEST'
    for key in ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'hypervisor_version'):
        assert isinstance(res[key], int) and res[key] >= 0, key
    assert res['vcpus'] == 16
    assert set(json.loads(res['cpu_info'])) == {
        'arch', 'model', 'vendor', 'topology', 'features'}


class FakeDomain:
    def __init__(self, state):
        self.state = state

    def info(self):
        return [self.state, 131072, 131072, 1, 0]


@pytest.mark.parametrize('state,expected', [
    (libvirt.VIR_DOMAIN_NOSTATE, power_state.NOSTATE),
    (libvirt.VIR_DOMAIN_RUNNING, power_state.RUNNING),
    (libvirt.VIR_DOMAIN_BLOCKED, power_state.RUNNING),
    (libvirt.VIR_DOMAIN_PAUSED, power_state.PAUSED),
    (libvirt.VIR_DOMAIN_SHUTDOWN, power_state.SHUTDOWN),
    (libvirt.VIR_DOMAIN_SHUTOFF, power_state.SHUTDOWN),
    (libvirt.VIR_DOMAIN_CRASHED, power_state.CRASHED),
    (libvirt.VIR_DOMAIN_PMSUSPENDED, power_state.SUSPENDED),
])
def test_power_state_mapping(state, expected):
    assert libvirt_guest.Guest(FakeDomain(state)).get_power_state() == \
        expected


def test_embed_root_parsing(tmp_path):
    assert libvirt_host.embed_root('qemu:///embed?root=/tmp/r') == '/tmp/r'
    assert libvirt_host.embed_root('qemu:///system') is None
    with pytest.raises(exception.HypervisorUnavailable):
        libvirt_host.embed_root('qemu:///embed')
    root = tmp_path / 'embed'
    libvirt_host.prepare_embed_root(str(root))
    qemu_conf = root / 'etc' / 'qemu.conf'
    assert 'stdio_handler' in qemu_conf.read_text()
    qemu_conf.write_text('# mine\n')
    libvirt_host.prepare_embed_root(str(root))
    assert qemu_conf.read_text() == '# mine\n'


def test_default_uri(conf):
    conf.set_override('connection_uri', '', group='libvirt')
    assert libvirt_driver.LibvirtDriver(None, conf)._uri() == \
        'qemu:///system'
