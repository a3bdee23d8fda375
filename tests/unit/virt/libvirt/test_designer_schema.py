"""The domain XML of a range of flavors, images and options is valid for
libvirt: each is checked with libvirt's own ``virt-xml-validate`` against
its domain schema."""

import os
import subprocess

from lxml import etree
import pytest

from nova_lite.network import model as network_model
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import designer
from nova_lite.virt.libvirt import driver as libvirt_driver
from tests.unit.virt.libvirt import conftest as fx


def two_vifs():
    first = fx.make_network_info()
    second = fx.make_network_info(
        port_id='0b8c2d4e-6f7a-4b1c-9d3e-5f6a7b8c9d0e',
        mac='fa:16:3e:65:43:21', address='10.254.0.6')
    return network_model.NetworkInfo(list(first) + list(second))


# id: (options {group: {name: value}}, image properties, flavor updates,
#      instance updates, network_info, an XPath the case must produce)
CASES = {
    'defaults': ({}, {}, {}, {}, fx.make_network_info,
                 "devices/graphics[@type='vnc']"),
    'scsi-disks': ({}, {'hw_disk_bus': 'scsi'},
                   {'ephemeral_gb': 1, 'swap': 64}, {}, None,
                   "devices/controller[@model='virtio-scsi']"),
    'sata-disks': ({}, {'hw_disk_bus': 'sata'}, {}, {}, None,
                   "devices/disk/target[@bus='sata']"),
    'ide-disks-on-pc': ({}, {'hw_disk_bus': 'ide'}, {}, {}, None,
                        "devices/disk/target[@dev='hda']"),
    'usb-disk': ({}, {'hw_disk_bus': 'usb'}, {}, {}, None,
                 "devices/disk/target[@bus='usb']"),
    'q35-config-drive': ({}, {'hw_machine_type': 'q35'}, {},
                         {'config_drive': 'True'}, fx.make_network_info,
                         "devices/disk[@device='cdrom']/target[@bus='sata']"),
    'uefi': ({}, {'hw_machine_type': 'q35', 'hw_firmware_type': 'uefi'},
             {}, {}, None, "os[@firmware='efi']"),
    'rng-rate': ({}, {'hw_rng_model': 'virtio'},
                 {'extra_specs': {'hw_rng:rate_bytes': '1024',
                                  'hw_rng:rate_period': '2000'}},
                 {}, None, 'devices/rng/rate'),
    'no-rng': ({}, {}, {'extra_specs': {'hw_rng:allowed': 'False'}}, {},
               None, 'devices/memballoon'),
    'guest-agent': ({}, {'hw_qemu_guest_agent': 'yes'}, {}, {}, None,
                    "devices/channel/target[@type='virtio']"),
    'windows': ({}, {'os_type': 'windows'}, {}, {}, None,
                'features/hyperv/spinlocks'),
    'windows-kvm': ({'libvirt': {'virt_type': 'kvm'}},
                    {'os_type': 'windows'}, {}, {}, None,
                    "clock/timer[@name='hypervclock']"),
    'custom-cpu': ({'libvirt': {'cpu_mode': 'custom',
                                'cpu_models': ['Nehalem']}},
                   {}, {'vcpus': 4,
                        'extra_specs': {'hw:cpu_sockets': '2'}}, {}, None,
                   "cpu[model='Nehalem']/topology[@sockets='2']"),
    'cpu-none': ({'libvirt': {'cpu_mode': 'none'}}, {}, {}, {}, None,
                 'cpu/topology'),
    'no-network': ({}, {}, {}, {}, None, 'devices/serial'),
    'two-vifs': ({}, {'hw_vif_model': 'e1000'}, {}, {}, two_vifs,
                 "devices/interface[2]/model[@type='e1000']"),
    'no-vnc': ({'vnc': {'enabled': False}}, {}, {}, {}, None,
               "devices/controller[@type='usb'][@model='none']"),
    'virtio-input': ({}, {'hw_input_bus': 'virtio'}, {}, {}, None,
                     "devices/input[@type='keyboard']"),
    'no-balloon': ({'libvirt': {'mem_stats_period_seconds': 0}}, {}, {}, {},
                   None, "devices/memballoon[@model='none']"),
    'video-ram': ({}, {'hw_video_model': 'qxl', 'hw_video_ram': '64'},
                  {'extra_specs': {'hw_video:ram_max_mb': '64'}}, {}, None,
                  'devices/video/model[@vram]'),
}

VIDEO_MODELS = [m for m in designer.VIDEO_MODELS
                if m not in designer.NON_QEMU_VIDEO_MODELS]


@pytest.fixture
def drv(conf):
    return libvirt_driver.LibvirtDriver(None, conf)


def render(drv, conf, options, properties, flavor_updates,
           instance_updates, network_info):
    for group, values in options.items():
        for name, value in values.items():
            conf.set_override(name, value, group=group)
    flavor = fx.make_flavor(**flavor_updates)
    instance = fx.make_instance(flavor=flavor, **instance_updates)
    image_meta = fx.make_image_meta(properties=properties)
    disk_info = blockinfo.get_disk_info(
        conf.libvirt.virt_type, instance, image_meta,
        machine_type=drv._machine_type(image_meta))
    os.makedirs(drv._instance_dir(instance), exist_ok=True)
    drv._get_guest_xml(None, instance, network_info() if network_info
                       else [], disk_info, image_meta)
    return os.path.join(drv._instance_dir(instance), 'libvirt.xml')


def validate(path):
    result = subprocess.run(['virt-xml-validate', path, 'domain'],
                            capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize('case', sorted(CASES))
def test_guest_xml_is_valid_for_libvirt(drv, conf, case):
    *inputs, expected = CASES[case]
    path = render(drv, conf, *inputs)
    assert etree.parse(path).getroot().find(expected) is not None, expected
    returncode, output = validate(path)
    assert returncode == 0, output


@pytest.mark.parametrize('video_model', VIDEO_MODELS)
def test_guest_xml_with_each_video_model_is_valid(drv, conf, video_model):
    path = render(drv, conf, {}, {'hw_video_model': video_model}, {}, {},
                  None)
    returncode, output = validate(path)
    assert returncode == 0, output


def test_the_validator_refuses_an_invalid_domain(drv, conf, tmp_path):
    # The checks above mean something only if the validator can fail.
    doc = etree.parse(render(drv, conf, {}, {}, {}, {}, None))
    doc.getroot().find('devices/graphics').set('autoport', 'sometimes')
    bad = tmp_path / 'bad.xml'
    doc.write(str(bad))
    returncode, output = validate(str(bad))
    assert returncode != 0
    assert 'fails to validate' in output
