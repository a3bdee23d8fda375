"""File injection: what the libvirt driver writes into a new instance's
root disk before its first boot (Nova's LibvirtDriver._inject_data).

Nothing is injected when ``[libvirt]inject_partition`` is -2 (the default)
or when the instance gets a config drive: the guest then reads the same
data from the drive. Otherwise, through libguestfs:

* the instance's SSH key, with ``[libvirt]inject_key``,
* the admin password, with ``[libvirt]inject_password``,
* /etc/network/interfaces, for networks marked ``injected`` (Nova's
  ``flat_injected``) whose subnets have no DHCP server,
* the instance's metadata (/meta.js) and the personality files.

A failure to inject the personality files fails the build; the other
items are skipped with a warning, as Nova does.
"""


import netaddr
from oslo_log import log as logging

from nova_lite import exception
from nova_lite.virt.disk import api as disk_api
from nova_lite.virt.libvirt import configdrive

LOG = logging.getLogger(__name__)

DISABLED = -2
NO_PARTITION_TABLE = 0
# Items whose failure fails the build.
MANDATORY = ('files',)

INTERFACES_HEADER = """\
# Injected by Nova on instance boot
#
# This file describes the network interfaces available on your system
# and how to activate them. For more information, see interfaces(5).

# The loopback network interface
auto lo
iface lo inet loopback
"""


def need_inject(conf, instance, image_meta):
    """Whether injection is wanted at all, as Nova's
    _create_and_inject_local_root decides."""
    if conf.libvirt.inject_partition == DISABLED:
        return False
    return not configdrive.required_by(instance, conf.force_config_drive,
                                       image_meta)


def _target_partition(conf):
    partition = conf.libvirt.inject_partition
    return None if partition == NO_PARTITION_TABLE else partition


def inject_data(conf, instance, image_meta, disk, network_info=None,
                files=None, admin_pass=None):
    """Inject into the instance's root ``disk`` (an image backend Image)
    what is configured and given; DiskInjectionFailed if a mandatory item
    cannot be injected."""
    if not need_inject(conf, instance, image_meta):
        return
    files = tuple(files or ())
    key = None
    if conf.libvirt.inject_key and instance.obj_get('key_data'):
        key = str(instance.key_data)
    admin_password = admin_pass if conf.libvirt.inject_password else None
    net = get_injected_network_template(network_info)
    metadata = instance.obj_get('metadata')
    if not any((key, net, metadata, admin_password, files)):
        return
    LOG.debug('Injecting into image %s (partition %s)', disk.path,
              conf.libvirt.inject_partition, instance=instance)
    try:
        disk_api.inject_data(
            disk_api.LocalImage(disk.path, disk.driver_format), key, net,
            metadata, admin_password, files,
            partition=_target_partition(conf), mandatory=MANDATORY,
            force_tcg=conf.libvirt.virt_type != 'kvm')
    except Exception as e:
        reason = (e.format_message()
                  if isinstance(e, exception.NovaException) else str(e))
        LOG.error('Error injecting data into image %(img_id)s (%(e)s)',
                  {'img_id': instance.image_ref, 'e': reason},
                  instance=instance)
        raise exception.DiskInjectionFailed(image_id=instance.image_ref,
                                            reason=reason) from e


# -- /etc/network/interfaces -------------------------------------------------

def _first_subnet(network, version):
    return next((s for s in network.subnets if s.version == version), None)


def _injected(network):
    # Nova's network meta 'injected' ([DEFAULT]flat_injected).
    return bool(network.to_dict()['meta'].get('injected'))


def _ipv4_stanza(name, mac, subnet):
    ip = subnet.ips[0].address
    cidr = netaddr.IPNetwork(subnet.cidr)
    lines = ['iface %s inet static' % name,
             '    hwaddress ether %s' % mac,
             '    address %s' % ip,
             '    netmask %s' % cidr.netmask,
             '    broadcast %s' % cidr.broadcast]
    if subnet.gateway:
        lines.append('    gateway %s' % subnet.gateway.address)
    dns = ' '.join(d.address for d in subnet.dns)
    if dns:
        lines.append('    dns-nameservers %s' % dns)
    return lines


def _ipv6_stanza(name, mac, subnet):
    lines = ['iface %s inet6 static' % name,
             '    hwaddress ether %s' % mac,
             '    address %s' % subnet.ips[0].address,
             '    netmask %d' % subnet.prefixlen]
    if subnet.gateway:
        lines.append('    gateway %s' % subnet.gateway.address)
    dns = ' '.join(d.address for d in subnet.dns)
    if dns:
        lines.append('    dns-nameservers %s' % dns)
    return lines


def get_injected_network_template(network_info):
    """/etc/network/interfaces for the VIFs whose network is injected,
    as Nova's interfaces.template renders it; None if there is none.

    Interfaces are named eth0, eth1... in VIF order; a VIF with a DHCP
    server on its subnet is left to DHCP (not written).
    """
    stanzas = []
    index = -1
    for vif in network_info or ():
        if not vif.network or not vif.network.subnets:
            continue
        index += 1
        if not _injected(vif.network):
            continue
        v4 = _first_subnet(vif.network, 4)
        v6 = _first_subnet(vif.network, 6)
        if any(s is not None and s.dhcp_server for s in (v4, v6)):
            continue
        name = 'eth%d' % index
        lines = ['', 'auto %s' % name]
        if v4 is not None and v4.ips:
            lines += _ipv4_stanza(name, vif.address, v4)
        if v6 is not None and v6.ips:
            lines += _ipv6_stanza(name, vif.address, v6)
        stanzas.append('\n'.join(lines) + '\n')
    if not stanzas:
        return None
    return INTERFACES_HEADER + ''.join(stanzas)
