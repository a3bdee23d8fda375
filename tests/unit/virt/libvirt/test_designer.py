"""The guest a flavor, an image and the options give: devices and
machine features in the domain XML, and the values that fail the build."""

import os

from lxml import etree
import pytest

from nova_lite import exception
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import designer
from nova_lite.virt.libvirt import imagebackend
from nova_lite.virt.libvirt import vif as libvirt_vif
from tests.unit.virt.libvirt import conftest as fx


def guest_xml(conf, properties=None, extra_specs=None, vcpus=1,
              network_info=(), **instance_updates):
    """The domain XML of an instance of a flavor with ``extra_specs`` from
    an image with ``properties``."""
    flavor = fx.make_flavor(vcpus=vcpus, extra_specs=extra_specs or {})
    instance = fx.make_instance(flavor=flavor, **instance_updates)
    image_meta = fx.make_image_meta(properties=properties or {})
    disk_info = blockinfo.get_disk_info(
        conf.libvirt.virt_type, instance, image_meta,
        machine_type=designer.machine_type(conf, image_meta))
    guest_designer = designer.GuestDesigner(
        conf, imagebackend.Backend(conf.libvirt.images_type,
                                   conf.instances_path),
        libvirt_vif.LibvirtGenericVIFDriver(conf))
    guest = guest_designer.get_guest_config(instance, network_info,
                                            image_meta, disk_info, 'none')
    return etree.fromstring(guest.to_xml())


def attrs(doc, path):
    return [dict(node.attrib) for node in doc.iterfind(path)]


# -- graphics, video and pointer -----------------------------------------

def test_vnc_console_listens_on_loopback_by_default(conf):
    assert attrs(guest_xml(conf), 'devices/graphics') == [
        {'type': 'vnc', 'autoport': 'yes', 'listen': '127.0.0.1'}]


def test_vnc_listen_address_from_option(conf):
    conf.set_override('server_listen', '192.0.2.10', group='vnc')
    assert guest_xml(conf).find('devices/graphics').get('listen') == \
        '192.0.2.10'


def test_without_vnc_there_is_no_graphics_video_or_tablet(conf):
    conf.set_override('enabled', False, group='vnc')
    doc = guest_xml(conf)
    for device in ('graphics', 'video', 'input'):
        assert doc.find('devices/' + device) is None
    assert attrs(doc, "devices/controller[@type='usb']") == [
        {'type': 'usb', 'index': '0', 'model': 'none'}]


def test_video_defaults_to_virtio(conf):
    assert attrs(guest_xml(conf), 'devices/video/model') == [
        {'type': 'virtio'}]


def test_video_model_from_image(conf):
    doc = guest_xml(conf, {'hw_video_model': 'qxl'})
    assert doc.find('devices/video/model').get('type') == 'qxl'


def test_unknown_video_model_is_refused(conf):
    with pytest.raises(exception.InvalidVideoMode) as e:
        guest_xml(conf, {'hw_video_model': 'bogus'})
    assert str(e.value) == 'Provided video model (bogus) is not supported.'


def test_xen_video_is_unsupported_by_qemu(conf):
    with pytest.raises(exception.UnsupportedHardware) as e:
        guest_xml(conf, {'hw_video_model': 'xen'})
    assert str(e.value) == ("Requested hardware 'xen' is not supported by "
                            "the 'qemu' virt driver")


def test_video_ram_within_the_flavor_limit(conf):
    doc = guest_xml(conf, {'hw_video_model': 'qxl', 'hw_video_ram': '64'},
                    {'hw_video:ram_max_mb': '128'})
    assert doc.find('devices/video/model').get('vram') == str(64 * 1024)


def test_video_ram_above_the_flavor_limit_is_refused(conf):
    with pytest.raises(exception.RequestedVRamTooHigh) as e:
        guest_xml(conf, {'hw_video_ram': '64'},
                  {'hw_video:ram_max_mb': '32'})
    assert str(e.value) == ('The requested amount of video memory 64 is '
                            'higher than the maximum allowed by flavor 32.')


def test_video_ram_without_a_flavor_limit_is_refused(conf):
    with pytest.raises(exception.RequestedVRamTooHigh):
        guest_xml(conf, {'hw_video_ram': '16'})


@pytest.mark.parametrize('properties,extra_specs,named', [
    ({'hw_video_ram': 'big'}, {'hw_video:ram_max_mb': '64'},
     'hw_video_ram'),
    ({'hw_video_ram': '16'}, {'hw_video:ram_max_mb': 'lots'},
     'hw_video:ram_max_mb'),
])
def test_video_ram_must_be_a_number(conf, properties, extra_specs, named):
    with pytest.raises(exception.InvalidRequest) as e:
        guest_xml(conf, properties, extra_specs)
    assert named in str(e.value)


def test_usb_tablet_and_its_controller_by_default(conf):
    doc = guest_xml(conf)
    assert attrs(doc, 'devices/input') == [{'type': 'tablet', 'bus': 'usb'}]
    # No model: libvirt's default USB controller for the machine type.
    assert attrs(doc, "devices/controller[@type='usb']") == [
        {'type': 'usb', 'index': '0'}]


def test_ps2mouse_pointer_model_drops_the_tablet_and_usb(conf):
    conf.set_override('pointer_model', 'ps2mouse')
    doc = guest_xml(conf)
    assert doc.find('devices/input') is None
    assert doc.find("devices/controller[@type='usb']").get('model') == \
        'none'


def test_image_pointer_model_wins_over_the_option(conf):
    conf.set_override('pointer_model', 'ps2mouse')
    doc = guest_xml(conf, {'hw_pointer_model': 'usbtablet'})
    assert attrs(doc, 'devices/input') == [{'type': 'tablet', 'bus': 'usb'}]


def test_unknown_pointer_model_is_unsupported(conf):
    with pytest.raises(exception.UnsupportedHardware):
        guest_xml(conf, {'hw_pointer_model': 'trackball'})


def test_virtio_input_bus_gives_a_virtio_tablet_and_keyboard(conf):
    doc = guest_xml(conf, {'hw_input_bus': 'virtio'})
    assert attrs(doc, 'devices/input') == [
        {'type': 'tablet', 'bus': 'virtio'},
        {'type': 'keyboard', 'bus': 'virtio'}]
    assert doc.find("devices/controller[@type='usb']").get('model') == \
        'none'


def test_unknown_input_bus_is_unsupported(conf):
    with pytest.raises(exception.UnsupportedHardware):
        guest_xml(conf, {'hw_input_bus': 'ps2'})


def test_usb_disk_keeps_the_usb_controller(conf):
    conf.set_override('pointer_model', 'ps2mouse')
    doc = guest_xml(conf, {'hw_disk_bus': 'usb'})
    assert doc.find('devices/disk/target').get('bus') == 'usb'
    assert attrs(doc, "devices/controller[@type='usb']") == [
        {'type': 'usb', 'index': '0'}]


# -- memory balloon and RNG ----------------------------------------------

def test_memory_balloon_reports_stats_every_10_seconds(conf):
    assert attrs(guest_xml(conf), 'devices/memballoon') == [
        {'model': 'virtio', 'autodeflate': 'on', 'freePageReporting': 'on'}]
    assert guest_xml(conf).find('devices/memballoon/stats').get(
        'period') == '10'


def test_memory_balloon_stats_period_from_option(conf):
    conf.set_override('mem_stats_period_seconds', 30, group='libvirt')
    assert guest_xml(conf).find('devices/memballoon/stats').get(
        'period') == '30'


def test_no_memory_balloon_without_stats(conf):
    conf.set_override('mem_stats_period_seconds', 0, group='libvirt')
    doc = guest_xml(conf)
    assert attrs(doc, 'devices/memballoon') == [{'model': 'none'}]
    assert doc.find('devices/memballoon/stats') is None


def test_every_guest_gets_a_virtio_rng_from_urandom(conf):
    doc = guest_xml(conf)
    assert attrs(doc, 'devices/rng') == [{'model': 'virtio'}]
    backend = doc.find('devices/rng/backend')
    assert (backend.get('model'), backend.text) == ('random', '/dev/urandom')
    assert doc.find('devices/rng/rate') is None


def test_rng_rate_from_the_flavor(conf):
    doc = guest_xml(conf, {'hw_rng_model': 'virtio'},
                    {'hw_rng:rate_bytes': '2048',
                     'hw_rng:rate_period': '1000'})
    assert attrs(doc, 'devices/rng/rate') == [{'period': '1000',
                                               'bytes': '2048'}]


def test_flavor_can_forbid_the_rng(conf):
    doc = guest_xml(conf, {'hw_rng_model': 'virtio'},
                    {'hw_rng:allowed': 'False'})
    assert doc.find('devices/rng') is None


def test_unknown_rng_model_is_unsupported(conf):
    with pytest.raises(exception.UnsupportedHardware):
        guest_xml(conf, {'hw_rng_model': 'egd'})


def test_bad_rng_rate_is_refused(conf):
    with pytest.raises(exception.InvalidRequest):
        guest_xml(conf, extra_specs={'hw_rng:rate_bytes': 'fast'})


def test_rng_source_missing_on_the_host_fails(conf, tmp_path):
    missing = str(tmp_path / 'hwrng')
    conf.set_override('rng_dev_path', missing, group='libvirt')
    with pytest.raises(exception.RngDeviceNotExist) as e:
        guest_xml(conf)
    assert str(e.value) == ('The provided RNG device path: (%s) is not '
                            'present on the host.' % missing)


def test_rng_source_from_option(conf, tmp_path):
    source = tmp_path / 'entropy'
    source.write_bytes(os.urandom(16))
    conf.set_override('rng_dev_path', str(source), group='libvirt')
    assert guest_xml(conf).findtext('devices/rng/backend') == str(source)


# -- CPU ------------------------------------------------------------------

def test_cpu_mode_none_gives_only_the_topology(conf):
    conf.set_override('cpu_mode', 'none', group='libvirt')
    cpu = guest_xml(conf).find('cpu')
    assert cpu.attrib == {}
    assert cpu.find('topology') is not None


def test_cpu_host_passthrough(conf):
    conf.set_override('virt_type', 'kvm', group='libvirt')
    conf.set_override('cpu_mode', 'host-passthrough', group='libvirt')
    assert guest_xml(conf).find('cpu').get('mode') == 'host-passthrough'


def test_cpu_custom_needs_a_model(conf):
    conf.set_override('cpu_mode', 'custom', group='libvirt')
    with pytest.raises(exception.Invalid) as e:
        guest_xml(conf)
    assert str(e.value) == ('The cpu_models option is required when '
                            'cpu_mode=custom')


def test_cpu_topology_from_the_flavor(conf):
    doc = guest_xml(conf, extra_specs={'hw:cpu_sockets': '2'}, vcpus=4)
    assert doc.findtext('vcpu') == '4'
    assert doc.find('cpu/topology').attrib == {
        'sockets': '2', 'cores': '2', 'threads': '1'}


def test_cpu_topology_from_the_image(conf):
    doc = guest_xml(conf, {'hw_cpu_threads': '2'}, vcpus=2)
    assert doc.find('cpu/topology').attrib == {
        'sockets': '1', 'cores': '1', 'threads': '2'}


def test_impossible_cpu_topology_fails(conf):
    with pytest.raises(exception.ImageVCPULimitsRangeImpossible):
        guest_xml(conf, extra_specs={'hw:cpu_max_sockets': '1',
                                     'hw:cpu_max_cores': '1',
                                     'hw:cpu_max_threads': '1'}, vcpus=2)


# -- guest agent ----------------------------------------------------------

def test_qemu_guest_agent_channel_when_the_image_has_one(conf):
    doc = guest_xml(conf, {'hw_qemu_guest_agent': 'yes'})
    [channel] = doc.findall('devices/channel')
    assert channel.get('type') == 'unix'
    assert channel.find('source').attrib == {'mode': 'bind'}
    assert channel.find('target').attrib == {
        'type': 'virtio', 'name': 'org.qemu.guest_agent.0'}


@pytest.mark.parametrize('value', [None, 'no', 'false'])
def test_no_guest_agent_channel_otherwise(conf, value):
    props = {} if value is None else {'hw_qemu_guest_agent': value}
    assert guest_xml(conf, props).find('devices/channel') is None


def test_guest_agent_property_must_be_a_boolean(conf):
    with pytest.raises(exception.ImageUnacceptable) as e:
        guest_xml(conf, {'hw_qemu_guest_agent': 'maybe'})
    assert 'hw_qemu_guest_agent=maybe is not a boolean' in str(e.value)


# -- os_type --------------------------------------------------------------

def test_linux_guest_clock_is_utc_without_hyperv(conf):
    doc = guest_xml(conf, {'os_type': 'linux'})
    assert doc.find('clock').get('offset') == 'utc'
    assert doc.find('features/hyperv') is None


def test_windows_guest_under_qemu(conf):
    doc = guest_xml(conf, {'os_type': 'windows'})
    assert doc.find('clock').get('offset') == 'localtime'
    hyperv = doc.find('features/hyperv')
    # Without vpindex and synic, which QEMU refuses under TCG.
    assert [e.tag for e in hyperv] == [
        'relaxed', 'vapic', 'spinlocks', 'runtime', 'reset', 'frequencies',
        'tlbflush', 'ipi']
    assert all(e.get('state') == 'on' for e in hyperv)
    assert hyperv.find('spinlocks').get('retries') == '8191'


def test_windows_guest_under_kvm(conf):
    conf.set_override('virt_type', 'kvm', group='libvirt')
    doc = guest_xml(conf, {'os_type': 'windows'})
    assert [e.tag for e in doc.find('features/hyperv')] == [
        'relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic',
        'reset', 'frequencies', 'tlbflush', 'ipi']
    assert attrs(doc, 'clock/timer')[-1] == {'name': 'hypervclock',
                                             'present': 'yes'}


def test_unknown_os_type_is_refused(conf):
    with pytest.raises(exception.ImageUnacceptable) as e:
        guest_xml(conf, {'os_type': 'plan9'})
    assert str(e.value) == (
        'Image %s is unacceptable: image property os_type=plan9 is not one '
        'of linux, windows' % fx.IMAGE_ID)


# -- firmware and disks ---------------------------------------------------

def test_bios_firmware_is_the_default(conf):
    assert guest_xml(conf, {'hw_firmware_type': 'bios'}).find('os').get(
        'firmware') is None


def test_unknown_firmware_type_is_refused(conf):
    with pytest.raises(exception.ImageUnacceptable):
        guest_xml(conf, {'hw_firmware_type': 'coreboot'})


def test_scsi_disk_bus_gets_a_virtio_scsi_controller(conf):
    doc = guest_xml(conf, {'hw_disk_bus': 'scsi'})
    assert doc.find('devices/disk/target').attrib == {'dev': 'sda',
                                                      'bus': 'scsi'}
    assert attrs(doc, "devices/controller[@type='scsi']") == [
        {'type': 'scsi', 'index': '0', 'model': 'virtio-scsi'}]


def test_scsi_model_from_the_image(conf):
    doc = guest_xml(conf, {'hw_disk_bus': 'scsi',
                           'hw_scsi_model': 'lsilogic'})
    assert doc.find("devices/controller[@type='scsi']").get('model') == \
        'lsilogic'


def test_unknown_scsi_model_is_unsupported(conf):
    with pytest.raises(exception.UnsupportedHardware):
        guest_xml(conf, {'hw_disk_bus': 'scsi', 'hw_scsi_model': 'buslogic'})


def test_no_scsi_controller_without_scsi_disks(conf):
    assert guest_xml(conf).find("devices/controller[@type='scsi']") is None


def test_config_drive_cdrom_on_sata_with_q35(conf):
    doc = guest_xml(conf, {'hw_machine_type': 'q35'}, config_drive='True')
    cdrom = doc.find("devices/disk[@device='cdrom']/target")
    assert cdrom.attrib == {'dev': 'sda', 'bus': 'sata'}


def test_ide_disks_on_q35_are_unsupported(conf):
    with pytest.raises(exception.UnsupportedHardware):
        guest_xml(conf, {'hw_machine_type': 'q35', 'hw_cdrom_bus': 'ide'},
                  config_drive='True')
