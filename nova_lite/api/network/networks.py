"""``/network/v2.0/networks`` and ``/subnets``: nova-lite's networks and
their subnets as Neutron shows them. A project sees the shared networks
and its own, an admin every network."""

import netaddr

from nova_lite.api.network import common
from nova_lite import exception
from nova_lite.network import api as network_api
from nova_lite import objects

# A network without an MTU leaves its bridge at Linux's default.
DEFAULT_MTU = 1500


def _visible_networks(context):
    return network_api.API().get_available_networks(context)


class NetworksController(object):

    def __init__(self, conf):
        self.conf = conf

    def index(self, req):
        context = req.environ['nova.context']
        return common.collection(req, 'networks', [
            network_view(network)
            for network in _visible_networks(context)])

    def show(self, req, network_id):
        context = req.environ['nova.context']
        try:
            network = objects.Network.get_by_uuid(context, network_id)
        except exception.NetworkNotFound:
            network = None
        if network is None or not network.visible_to(context):
            raise common.not_found('Network', network_id)
        return common.member(req, 'network', network_view(network))


class SubnetsController(object):

    def __init__(self, conf):
        self.conf = conf

    def index(self, req):
        context = req.environ['nova.context']
        return common.collection(req, 'subnets', [
            subnet_view(network, subnet)
            for network in _visible_networks(context)
            for subnet in network.subnets])

    def show(self, req, subnet_id):
        context = req.environ['nova.context']
        for network in _visible_networks(context):
            for subnet in network.subnets:
                if subnet.uuid == subnet_id:
                    return common.member(req, 'subnet',
                                         subnet_view(network, subnet))
        raise common.not_found('Subnet', subnet_id)


def network_view(network):
    """A network document of Neutron v2.0."""
    return {
        'id': network.uuid,
        'name': network.name or '',
        'description': '',
        'status': 'ACTIVE',
        'admin_state_up': True,
        'shared': network.shared,
        'tenant_id': network.project_id,
        'project_id': network.project_id,
        'subnets': [subnet.uuid for subnet in network.subnets],
        'mtu': network.mtu or DEFAULT_MTU,
        'router:external': False,
        'availability_zone_hints': [],
        'availability_zones': [],
        'ipv4_address_scope': None,
        'ipv6_address_scope': None,
        'tags': [],
    }


def subnet_view(network, subnet):
    """A subnet document of Neutron v2.0; subnets here have no name of
    their own."""
    return {
        'id': subnet.uuid,
        'name': '',
        'description': '',
        'network_id': network.uuid,
        'tenant_id': network.project_id,
        'project_id': network.project_id,
        'ip_version': subnet.ip_version,
        'cidr': subnet.cidr,
        'gateway_ip': subnet.gateway_ip,
        'enable_dhcp': subnet.enable_dhcp,
        'dns_nameservers': list(subnet.dns_nameservers),
        'allocation_pools': allocation_pools(subnet.cidr,
                                             subnet.gateway_ip),
        'host_routes': [],
        'ipv6_ra_mode': None,
        'ipv6_address_mode': None,
        'subnetpool_id': None,
        'service_types': [],
        'tags': [],
    }


def allocation_pools(cidr, gateway_ip):
    """Neutron's default pools: the subnet's host addresses around the
    gateway, as [{'start', 'end'}]; ports get their addresses from
    these (the network and broadcast addresses are never given out)."""
    network = netaddr.IPNetwork(cidr)
    if network.size < 4:  # a /31 or /32 has no host addresses here
        return []
    first, last = network.network + 1, network.broadcast - 1
    ranges = [(first, last)]
    if gateway_ip and first <= netaddr.IPAddress(gateway_ip) <= last:
        gateway = netaddr.IPAddress(gateway_ip)
        ranges = [(first, gateway - 1), (gateway + 1, last)]
    return [{'start': str(start), 'end': str(end)}
            for start, end in ranges if start <= end]
