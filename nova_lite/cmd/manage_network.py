"""nova-lite-manage's network and port commands: what an operator does in
Neutron to give servers something to plug into.

    network create NAME --cidr CIDR [--gateway IP] [--dns IP ...]
                   [--bridge NAME] [--mtu N] [--project P] [--if-missing]
    network list | network delete NETWORK
    port create NETWORK [--fixed-ip IP] [--name N] [--project P]
    port list [--network NETWORK] | port delete PORT
"""

import netaddr
from oslo_utils import uuidutils

from nova_lite.cmd import tables
from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects


def _find_network(ctxt, name_or_id):
    """The network with that id, or the only one with that name."""
    if uuidutils.is_uuid_like(name_or_id):
        return objects.Network.get_by_uuid(ctxt, name_or_id)
    matches = [n for n in objects.NetworkList.get_all(ctxt)
               if n.name == name_or_id]
    if len(matches) > 1:
        raise exception.Invalid('Several networks are named %s; use its id'
                                % name_or_id)
    if not matches:
        raise exception.NetworkNotFound(network_id=name_or_id)
    return matches[0]


def _subnet(args):
    """(cidr, gateway) checked: an IPv4 network with room for servers and
    a gateway inside it (its first address by default)."""
    try:
        cidr = netaddr.IPNetwork(args.cidr, version=4)
    except (netaddr.AddrFormatError, ValueError):
        raise exception.InvalidNetwork(reason='%s is not an IPv4 CIDR'
                                       % args.cidr)
    if cidr.ip != cidr.network or cidr.prefixlen > 29:
        raise exception.InvalidNetwork(
            reason='%s must be a network address with a prefix of at most '
                   '/29' % args.cidr)
    gateway = args.gateway or str(cidr.network + 1)
    try:
        gateway_ip = netaddr.IPAddress(gateway, version=4)
    except (netaddr.AddrFormatError, ValueError):
        raise exception.InvalidNetwork(reason='bad gateway %s' % gateway)
    if gateway_ip not in cidr or gateway_ip in (cidr.network,
                                                cidr.broadcast):
        raise exception.InvalidNetwork(
            reason='gateway %s is not a host address of %s' % (gateway, cidr))
    return str(cidr), gateway


def network_create(conf, args):
    ctxt = nova_context.get_admin_context()
    if args.if_missing:
        for network in objects.NetworkList.get_all(ctxt):
            if network.name == args.network_name:
                print(network.uuid)
                return
    cidr, gateway = _subnet(args)
    values = {'name': args.network_name, 'project_id': args.project,
              'shared': args.project is None, 'mtu': args.mtu}
    if args.bridge:
        values['bridge'] = args.bridge
    network = objects.Network(ctxt, **values)
    network.create(cidr=cidr, gateway_ip=gateway,
                   dns_nameservers=args.dns or [])
    print(network.uuid)


def network_list(conf, args):
    ctxt = nova_context.get_admin_context()
    rows = []
    for network in objects.NetworkList.get_all(ctxt):
        subnet = network.subnets[0] if network.subnets else None
        rows.append((network.uuid, network.name,
                     subnet.cidr if subnet else '-',
                     subnet.gateway_ip if subnet else '-',
                     network.bridge, network.project_id or 'shared'))
    tables.print_table(('ID', 'Name', 'CIDR', 'Gateway', 'Bridge',
                        'Project'), rows)


def network_delete(conf, args):
    ctxt = nova_context.get_admin_context()
    network = _find_network(ctxt, args.network_ref)
    network.destroy()
    print('Deleted network %s (%s)' % (network.name, network.uuid))


def port_create(conf, args):
    ctxt = nova_context.get_admin_context()
    network = _find_network(ctxt, args.network_ref)
    port = objects.Port(ctxt, network_id=network.uuid, name=args.port_name,
                        project_id=args.project, device_id='',
                        device_owner='')
    port.create(fixed_ip=args.fixed_ip)
    print(port.uuid)


def port_list(conf, args):
    ctxt = nova_context.get_admin_context()
    filters = {}
    if args.network_ref:
        filters['network_id'] = _find_network(ctxt, args.network_ref).uuid
    rows = [(p.uuid, p.name or '', p.network_id, p.mac_address,
             ', '.join(ip['ip_address'] for ip in p.fixed_ips),
             p.device_id or '', p.binding_host_id or '', p.status)
            for p in objects.PortList.get_by_filters(ctxt, filters)]
    tables.print_table(('ID', 'Name', 'Network', 'MAC', 'Fixed IPs',
                        'Device', 'Host', 'Status'), rows)


def port_delete(conf, args):
    ctxt = nova_context.get_admin_context()
    port = objects.Port.get_by_uuid(ctxt, args.port_ref)
    if port.device_id:
        raise exception.PortInUse(port_id=port.uuid)
    port.destroy()
    print('Deleted port %s' % port.uuid)


def add_parsers(subparsers):
    # Argument names must not be option groups' names (``network``):
    # oslo.config gives both under the same attribute.
    network = subparsers.add_parser('network').add_subparsers(dest='action')
    create = network.add_parser('create')
    # ``name`` is taken: oslo.config gives the chosen category under it.
    create.add_argument('network_name', metavar='NAME')
    create.add_argument('--cidr', required=True)
    create.add_argument('--gateway')
    create.add_argument('--dns', action='append')
    create.add_argument('--bridge')
    create.add_argument('--mtu', type=int)
    create.add_argument('--project',
                        help='the project owning the network; shared with '
                             'every project when not given')
    create.add_argument('--if-missing', dest='if_missing',
                        action='store_true',
                        help='print the id of a network of that name if '
                             'there is one instead of creating another')
    create.set_defaults(func=network_create)
    network.add_parser('list').set_defaults(func=network_list)
    delete = network.add_parser('delete')
    delete.add_argument('network_ref', metavar='NETWORK')
    delete.set_defaults(func=network_delete)

    port = subparsers.add_parser('port').add_subparsers(dest='action')
    create = port.add_parser('create')
    create.add_argument('network_ref', metavar='NETWORK')
    create.add_argument('--fixed-ip', dest='fixed_ip')
    create.add_argument('--name', dest='port_name')
    create.add_argument('--project')
    create.set_defaults(func=port_create)
    listing = port.add_parser('list')
    listing.add_argument('--network', dest='network_ref')
    listing.set_defaults(func=port_list)
    delete = port.add_parser('delete')
    delete.add_argument('port_ref', metavar='PORT')
    delete.set_defaults(func=port_delete)
