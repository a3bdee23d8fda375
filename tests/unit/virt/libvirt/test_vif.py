"""The guest's <interface> for a VIF, and the VIF types the driver
refuses."""

from lxml import etree
import pytest

from nova_lite import exception
from nova_lite.network import model
from nova_lite.virt.libvirt import vif as libvirt_vif
from tests.unit.virt.libvirt import conftest as fx

PORT_ID = '6f8a7c52-2b1e-4a37-9d0c-1f2e3d4c5b6a'
MAC = 'fa:16:3e:12:34:56'


def make_vif(mtu=None, vif_type=model.VIF_TYPE_BRIDGE):
    subnet = model.Subnet(cidr='10.20.0.0/24',
                          gateway=model.IP('10.20.0.1', type='gateway'),
                          ips=(model.IP('10.20.0.5'),))
    network = model.Network(id='net-1', bridge='brq-net1', label='private',
                            subnets=(subnet,), mtu=mtu)
    return model.VIF(id=PORT_ID, address=MAC, network=network,
                     type=vif_type, devname=model.devname(PORT_ID))


def interface_xml(conf, vif=None, image_meta=None, virt_type='qemu'):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    config = driver.get_config(fx.make_instance(), vif or make_vif(),
                               image_meta or fx.make_image_meta(),
                               fx.make_flavor(), virt_type)
    return etree.fromstring(config.to_xml())


def test_interface_is_a_bridge_port(conf):
    xml = interface_xml(conf)
    assert xml.tag == 'interface'
    assert xml.get('type') == 'bridge'
    assert xml.find('mac').get('address') == MAC
    assert xml.find('source').get('bridge') == 'brq-net1'


def test_target_dev_is_the_port_tap(conf):
    xml = interface_xml(conf)
    assert xml.find('target').get('dev') == 'tap6f8a7c52-2b'


def test_model_defaults_to_virtio(conf):
    for virt_type in ('qemu', 'kvm'):
        xml = interface_xml(conf, virt_type=virt_type)
        assert xml.find('model').get('type') == 'virtio'


def test_model_from_image_hw_vif_model(conf):
    meta = fx.make_image_meta(properties={'hw_vif_model': 'e1000'})
    xml = interface_xml(conf, image_meta=meta)
    assert xml.find('model').get('type') == 'e1000'


def test_unknown_model_is_unsupported_hardware(conf):
    meta = fx.make_image_meta(properties={'hw_vif_model': 'vmxnet9'})
    with pytest.raises(exception.UnsupportedHardware) as err:
        interface_xml(conf, image_meta=meta)
    assert err.value.code == 400
    assert err.value.format_message() == (
        "Requested hardware 'vmxnet9' is not supported by the 'qemu' virt "
        "driver")


def test_unknown_virt_type_is_refused(conf):
    with pytest.raises(exception.UnsupportedVirtType) as err:
        interface_xml(conf, virt_type='xen')
    assert err.value.code == 400


def test_mtu_from_network(conf):
    xml = interface_xml(conf, vif=make_vif(mtu=1450))
    assert xml.find('mtu').get('size') == '1450'


def test_no_mtu_when_network_has_none(conf):
    assert interface_xml(conf).find('mtu') is None


def test_unexpected_vif_type_has_no_config(conf):
    with pytest.raises(exception.InternalError) as err:
        interface_xml(conf, vif=make_vif(vif_type='ovs'))
    assert err.value.format_message() == 'Unexpected vif_type=ovs'


def test_unexpected_vif_type_is_not_plugged(conf):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    with pytest.raises(exception.VirtualInterfacePlugException) as err:
        driver.plug(fx.make_instance(), make_vif(vif_type='ovs'))
    assert 'unexpected vif_type=ovs' in err.value.format_message()


def test_unexpected_vif_type_is_not_unplugged(conf):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    with pytest.raises(exception.InternalError) as err:
        driver.unplug(fx.make_instance(), make_vif(vif_type='ovs'))
    assert 'unexpected vif_type=ovs' in err.value.format_message()
