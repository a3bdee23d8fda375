"""The libvirt VIF driver: a guest NIC's configuration and the host side
of its network (the bridge and the network's DHCP server).

Only Nova's ``bridge`` VIF type exists here: the guest's tap, created by
libvirt from ``<interface type='bridge'>``, joins the network's Linux
bridge, which carries the gateway address and a dnsmasq answering the
ports of the network.
"""

from oslo_log import log as logging

from nova_lite import exception
from nova_lite.network import dhcp
from nova_lite.network import linux_net
from nova_lite.network import model as network_model
from nova_lite.virt.libvirt import config as vconfig

LOG = logging.getLogger(__name__)

VIF_MODEL_VIRTIO = 'virtio'

# Nova's SUPPORTED_VIF_MODELS for qemu/kvm that x86 guests can have:
# without lan9118 (ARM) and spapr-vlan (PowerPC), and without igb, which
# needs QEMU 8.0.
SUPPORTED_VIF_MODELS = {
    'qemu': ('virtio', 'e1000', 'e1000e', 'ne2k_pci', 'pcnet', 'rtl8139',
             'vmxnet3'),
    'kvm': ('virtio', 'e1000', 'e1000e', 'ne2k_pci', 'pcnet', 'rtl8139',
            'vmxnet3'),
}


class LibvirtGenericVIFDriver:
    """Configuration, plugging and unplugging of a guest's VIFs."""

    def __init__(self, conf):
        self.conf = conf

    def get_vif_model(self, image_meta, virt_type):
        """The NIC model: the image's ``hw_vif_model``, else virtio."""
        if virt_type not in SUPPORTED_VIF_MODELS:
            raise exception.UnsupportedVirtType(virt=virt_type)
        props = image_meta.obj_get('properties') or {}
        model = props.get('hw_vif_model') or VIF_MODEL_VIRTIO
        if model not in SUPPORTED_VIF_MODELS[virt_type]:
            raise exception.UnsupportedHardware(model=model, virt=virt_type)
        return model

    def get_config(self, instance, vif, image_meta, flavor, virt_type):
        """The guest's ``<interface>`` for ``vif``."""
        if vif.type != network_model.VIF_TYPE_BRIDGE:
            raise exception.InternalError(
                err='Unexpected vif_type=%s' % vif.type)
        conf = vconfig.LibvirtConfigGuestInterface()
        conf.net_type = 'bridge'
        conf.mac_addr = vif.address
        conf.source_dev = vif.network.bridge
        conf.target_dev = vif.devname
        conf.model = self.get_vif_model(image_meta, virt_type)
        if conf.model == VIF_MODEL_VIRTIO and virt_type == 'qemu':
            # As Nova: QEMU's own virtio-net backend; libvirt could
            # otherwise pick vhost-net, meant for KVM guests, for TCG ones.
            conf.driver_name = 'qemu'
        if vif.network.mtu:
            conf.mtu = vif.network.mtu
        return conf

    def plug(self, instance, vif, hostname=None):
        """Make the host side of ``vif`` ready before the guest starts:
        the network's bridge with its gateway address, and a DHCP entry
        for the port. Plugging twice is harmless."""
        if vif.type != network_model.VIF_TYPE_BRIDGE:
            raise exception.VirtualInterfacePlugException(
                'Plug VIF failed because of unexpected vif_type=%s'
                % vif.type)
        LOG.debug('Plugging vif %s into %s', vif.id, vif.network.bridge,
                  instance=instance)
        subnet = dhcp.served_subnet(vif.network)
        linux_net.ensure_bridge(
            vif.network.bridge,
            gateway=subnet.gateway.address if subnet else None,
            prefixlen=subnet.prefixlen if subnet else None,
            mtu=vif.network.mtu)
        dhcp.Dnsmasq(self.conf, vif.network).add_host(
            vif, hostname or instance.hostname)

    def unplug(self, instance, vif):
        """Undo ``plug``: remove the tap if libvirt left it and the port's
        DHCP entry. Unplugging what is already gone is not an error; the
        bridge stays for the network's other ports."""
        if vif.type != network_model.VIF_TYPE_BRIDGE:
            raise exception.InternalError(
                err='Unplug VIF failed because of unexpected vif_type=%s'
                % vif.type)
        LOG.debug('Unplugging vif %s from %s', vif.id, vif.network.bridge,
                  instance=instance)
        if vif.devname:
            linux_net.delete_net_dev(vif.devname)
        dhcp.Dnsmasq(self.conf, vif.network).remove_host(vif)
