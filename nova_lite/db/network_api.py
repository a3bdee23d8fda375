"""Database API of the network service: networks, subnets, ports and their
IP allocations, and the instances' network info caches.

Address allocation relies on the unique constraint of ip_allocations
(subnet, address): a port picks the first free address it sees and, if
another transaction took the same one first, the insert fails and the
whole transaction is retried with a fresh view. Two ports can never hold
one address, however many processes allocate at once.
"""

import random

import netaddr
from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite import exception

# Neutron's default base_mac: the OpenStack OUI, random last three octets.
BASE_MAC = (0xfa, 0x16, 0x3e)
# Attempts at a free address (or MAC) when racing other allocations.
MAX_ALLOCATION_RETRIES = 20


def _retry_on_duplicate(func):
    return oslo_db_api.wrap_db_retry(
        max_retries=MAX_ALLOCATION_RETRIES, retry_interval=0.05,
        inc_retry_interval=False, jitter=True, retry_on_deadlock=True,
        exception_checker=lambda exc: isinstance(
            exc, db_exc.DBDuplicateEntry))(func)


def generate_mac():
    octets = list(BASE_MAC) + [random.randint(0x00, 0xff) for _ in range(3)]
    return ':'.join('%02x' % octet for octet in octets)


# networks

def _subnets_by_network(context, network_ids):
    subnets = {}
    rows = context.session.query(models.Subnet).filter(
        models.Subnet.network_id.in_(network_ids)).order_by(
            models.Subnet.id).all()
    for row in rows:
        subnets.setdefault(row.network_id, []).append(dict(row))
    return subnets


def _network_dicts(context, rows):
    subnets = _subnets_by_network(context, [row.uuid for row in rows])
    return [dict(row, subnets=subnets.get(row.uuid, [])) for row in rows]


def _check_no_overlap(context, cidr):
    for subnet in context.session.query(models.Subnet).all():
        if netaddr.IPNetwork(subnet.cidr) in cidr or \
                cidr in netaddr.IPNetwork(subnet.cidr):
            raise exception.InvalidNetwork(
                reason='%s overlaps subnet %s (%s) of network %s' % (
                    cidr, subnet.uuid, subnet.cidr, subnet.network_id))


@writer
def network_create(context, values, subnet_values):
    """A network with one subnet; the subnet may not overlap another, as
    every network's gateway lives on the same hosts."""
    values = dict(values, uuid=values.get('uuid') or
                  uuidutils.generate_uuid())
    values.setdefault('bridge', ('brq' + values['uuid'])[:14])
    cidr = netaddr.IPNetwork(subnet_values['cidr'])
    _check_no_overlap(context, cidr)
    network = models.Network(**values)
    subnet = models.Subnet(uuid=uuidutils.generate_uuid(),
                           network_id=values['uuid'], **subnet_values)
    try:
        context.session.add(network)
        context.session.flush()
        context.session.add(subnet)
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.InvalidNetwork(
            reason='bridge %s is already used by another network'
            % values['bridge'])
    return _network_dicts(context, [network])[0]


@reader
def network_get(context, network_id):
    row = context.session.query(models.Network).filter_by(
        uuid=network_id).first()
    if row is None:
        raise exception.NetworkNotFound(network_id=network_id)
    return _network_dicts(context, [row])[0]


@reader
def network_get_all(context, uuids=None):
    query = context.session.query(models.Network)
    if uuids is not None:
        query = query.filter(models.Network.uuid.in_(uuids))
    return _network_dicts(context, query.order_by(models.Network.id).all())


@writer
def network_delete(context, network_id):
    """Delete a network with no ports left on it."""
    row = context.session.query(models.Network).filter_by(
        uuid=network_id).first()
    if row is None:
        raise exception.NetworkNotFound(network_id=network_id)
    if context.session.query(models.Port).filter_by(
            network_id=network_id).first() is not None:
        raise exception.NetworkInUse(network_id=network_id)
    context.session.query(models.Subnet).filter_by(
        network_id=network_id).delete()
    context.session.delete(row)


# ports

def _port_dicts(context, rows):
    allocations = {}
    if rows:
        for alloc in context.session.query(models.IPAllocation).filter(
                models.IPAllocation.port_id.in_([r.uuid for r in rows])
        ).order_by(models.IPAllocation.id):
            allocations.setdefault(alloc.port_id, []).append(
                {'subnet_id': alloc.subnet_id,
                 'ip_address': alloc.ip_address})
    return [dict(row, fixed_ips=allocations.get(row.uuid, []))
            for row in rows]


def _pick_address(context, subnet):
    """The first address of the subnet no port holds, or None."""
    used = {row.ip_address for row in context.session.query(
        models.IPAllocation.ip_address).filter_by(subnet_id=subnet.uuid)}
    if subnet.gateway_ip:
        used.add(subnet.gateway_ip)
    for address in netaddr.IPNetwork(subnet.cidr).iter_hosts():
        if str(address) not in used:
            return str(address)
    return None


def _subnet_for_address(subnets, network_id, address):
    for subnet in subnets:
        cidr = netaddr.IPNetwork(subnet.cidr)
        if (netaddr.IPAddress(address) in cidr and
                netaddr.IPAddress(address) not in (cidr.network,
                                                   cidr.broadcast)):
            return subnet
    raise exception.InvalidInput(
        reason='Fixed IP %(ip)s is not a valid ip address for network '
               '%(network_id)s.' % {'ip': address, 'network_id': network_id})


def _holder_of(context, subnet_id, address):
    port = context.session.query(models.Port).join(
        models.IPAllocation,
        models.IPAllocation.port_id == models.Port.uuid).filter(
            models.IPAllocation.subnet_id == subnet_id,
            models.IPAllocation.ip_address == address).first()
    return port.device_id if port is not None else None


@_retry_on_duplicate
@writer
def port_create(context, values, fixed_ip=None):
    """A port on ``values['network_id']`` with one address in its first
    subnet: ``fixed_ip`` if given, else the first free one."""
    network_id = values['network_id']
    if context.session.query(models.Network).filter_by(
            uuid=network_id).first() is None:
        raise exception.NetworkNotFound(network_id=network_id)
    subnets = context.session.query(models.Subnet).filter_by(
        network_id=network_id).order_by(models.Subnet.id).all()
    if not subnets:
        raise exception.NetworkRequiresSubnet(network_uuid=network_id)
    if fixed_ip:
        subnet = _subnet_for_address(subnets, network_id, fixed_ip)
        if subnet.gateway_ip == fixed_ip or _holder_of(
                context, subnet.uuid, fixed_ip) is not None:
            raise exception.FixedIpAlreadyInUse(
                message='Fixed IP %s is already in use.' % fixed_ip)
        address = fixed_ip
    else:
        subnet = subnets[0]
        address = _pick_address(context, subnet)
        if address is None:
            raise exception.NoMoreFixedIps(net=network_id)
    port = models.Port(uuid=values.get('uuid') or uuidutils.generate_uuid(),
                       mac_address=values.get('mac_address') or
                       generate_mac(), status=values.get('status', 'DOWN'),
                       **{k: v for k, v in values.items()
                          if k not in ('uuid', 'mac_address', 'status')})
    context.session.add(port)
    context.session.flush()
    try:
        context.session.add(models.IPAllocation(
            port_id=port.uuid, subnet_id=subnet.uuid, network_id=network_id,
            ip_address=address))
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        if fixed_ip:
            # Someone took the requested address between our check and
            # our insert: no retry can help.
            raise exception.FixedIpAlreadyInUse(
                message='Fixed IP %s is already in use.' % fixed_ip)
        raise
    return _port_dicts(context, [port])[0]


@reader
def port_get(context, port_id):
    row = context.session.query(models.Port).filter_by(uuid=port_id).first()
    if row is None:
        raise exception.PortNotFound(port_id=port_id)
    return _port_dicts(context, [row])[0]


_PORT_FILTERS = ('network_id', 'device_id', 'device_owner',
                 'binding_host_id', 'project_id', 'mac_address', 'status')


@reader
def port_get_all(context, filters=None):
    query = context.session.query(models.Port)
    for key, value in (filters or {}).items():
        if key not in _PORT_FILTERS:
            raise exception.InvalidInput(reason='unknown port filter %s'
                                         % key)
        column = getattr(models.Port, key)
        if isinstance(value, (list, tuple, set)):
            query = query.filter(column.in_(list(value)))
        else:
            query = query.filter(column == value)
    return _port_dicts(context, query.order_by(models.Port.id).all())


@writer
def port_update(context, port_id, values, device_ids=None):
    """Update a port; with ``device_ids`` only while its device is one of
    them ('' standing for unbound), else PortInUse: two servers can
    never both take one port."""
    query = context.session.query(models.Port).filter_by(uuid=port_id)
    if device_ids is not None:
        condition = models.Port.device_id.in_(list(device_ids))
        if '' in device_ids:
            condition = sa.or_(condition, models.Port.device_id.is_(None))
        query = query.filter(condition)
    if not query.update(values, synchronize_session=False):
        if context.session.query(models.Port).filter_by(
                uuid=port_id).first() is None:
            raise exception.PortNotFound(port_id=port_id)
        raise exception.PortInUse(port_id=port_id)
    return port_get(context, port_id)


@writer
def port_set_status(context, port_ids, status):
    context.session.query(models.Port).filter(
        models.Port.uuid.in_(list(port_ids))).update(
            {'status': status}, synchronize_session=False)


@writer
def port_delete(context, port_id):
    """Delete a port and give back its addresses; no error if gone."""
    context.session.query(models.IPAllocation).filter_by(
        port_id=port_id).delete()
    context.session.query(models.Port).filter_by(uuid=port_id).delete()


# instance info caches

@reader
def instance_info_cache_get(context, instance_uuid):
    row = context.session.query(models.InstanceInfoCache).filter_by(
        instance_uuid=instance_uuid).first()
    return dict(row) if row is not None else None


@reader
def instance_info_cache_get_many(context, instance_uuids):
    if not instance_uuids:
        return {}
    rows = context.session.query(models.InstanceInfoCache).filter(
        models.InstanceInfoCache.instance_uuid.in_(list(instance_uuids)))
    return {row.instance_uuid: dict(row) for row in rows}


@_retry_on_duplicate
@writer
def instance_info_cache_update(context, instance_uuid, network_info):
    row = context.session.query(models.InstanceInfoCache).filter_by(
        instance_uuid=instance_uuid).first()
    if row is None:
        row = models.InstanceInfoCache(instance_uuid=instance_uuid)
        context.session.add(row)
    row.network_info = network_info
    context.session.flush()
    return dict(row)
