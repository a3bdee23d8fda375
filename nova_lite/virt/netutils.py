"""network_data.json: how a guest learns its network from the config drive
(Nova's nova.virt.netutils.get_network_metadata).

Every IPv4 address is given as a static ``ipv4`` network, so a guest
configures itself from the file alone; the same addresses are also
answered by the network's DHCP server for guests that ask.
"""

import netaddr


def _link(vif, index):
    return {'id': vif.devname or 'interface%d' % index,
            'vif_id': vif.id,
            'type': vif.type,
            'mtu': vif.network.mtu,
            'ethernet_mac_address': vif.address}


def _dns(subnet):
    return [{'type': 'dns', 'address': ip.address} for ip in subnet.dns]


def _network(vif, subnet, link_id, number):
    cidr = netaddr.IPNetwork(subnet.cidr)
    routes = []
    if subnet.gateway:
        routes.append({'network': '0.0.0.0', 'netmask': '0.0.0.0',
                       'gateway': subnet.gateway.address})
    return {'id': 'network%d' % number, 'type': 'ipv4', 'link': link_id,
            'ip_address': subnet.ips[0].address,
            'netmask': str(cidr.netmask), 'routes': routes,
            'network_id': vif.network.id, 'services': _dns(subnet)}


def get_network_metadata(network_info):
    """{links, networks, services} for ``network_info``; None if the
    instance has no VIF with an IPv4 subnet."""
    links, networks, services = [], [], []
    for vif in network_info or ():
        subnets = [s for s in vif.network.subnets if s.version == 4]
        if not subnets:
            continue
        link = _link(vif, len(links))
        links.append(link)
        subnet = subnets[0]
        if subnet.ips:
            networks.append(_network(vif, subnet, link['id'],
                                     len(networks)))
        for service in _dns(subnet):
            if service not in services:
                services.append(service)
    if not links:
        return None
    return {'links': links, 'networks': networks, 'services': services}
