"""The network API: Nova's calls to its network service, answered by
nova-lite's own networks, subnets and ports.

Every process uses this one class. Its storage is reached only through
versioned objects, so in the compute service (which may not open the
database) each object method runs in the conductor, as all of that
service's other database work does: allocation stays one transaction
guarded by the database's unique constraints, and no extra service or
RPC interface is needed for it. A Neutron-backed API could replace this
class behind the same methods.
"""

import dataclasses

import netaddr
from oslo_log import log as logging

from nova_lite import exception
from nova_lite.network import model
from nova_lite import objects
from nova_lite.objects import port as port_obj

LOG = logging.getLogger(__name__)


def _requests(requested_networks):
    """The list of NetworkRequests, [] for none/omitted."""
    if requested_networks is None:
        return []
    return list(requested_networks.objects)


class API(object):
    """Allocates servers' ports and describes them as network_info."""

    # validation (API process, before anything is recorded)

    def validate_networks(self, context, requested_networks, num_instances):
        """Check what a create asks for, as Nova's neutron API does;
        return how many instances can have their networks."""
        if requested_networks is not None and requested_networks.no_allocate:
            return num_instances
        requests = _requests(requested_networks)
        if not requests or requested_networks.auto_allocate:
            self._default_network(context, context.project_id,
                                  auto=bool(requests))
            return num_instances
        wanted = []
        for request in requests:
            if request.port_id:
                port = self._show_port_obj(context, request.port_id)
                if port.device_id:
                    raise exception.PortInUse(port_id=request.port_id)
                if not port.fixed_ips:
                    raise exception.PortRequiresFixedIP(
                        port_id=request.port_id)
                continue
            wanted.append(request.network_id)
            if request.address:
                self._check_fixed_ip_free(context, request)
        self._networks_by_id(context, wanted)
        return num_instances

    def _check_fixed_ip_free(self, context, request):
        try:
            network = objects.Network.get_by_uuid(context,
                                                  request.network_id)
        except exception.NetworkNotFound:
            return  # reported with the other missing networks
        address = str(request.address)
        if not any(netaddr.IPAddress(address) in
                   netaddr.IPNetwork(subnet.cidr)
                   for subnet in network.subnets):
            raise exception.InvalidInput(
                reason='Fixed IP %(ip)s is not a valid ip address for '
                       'network %(network_id)s.' % {
                           'ip': address, 'network_id': network.uuid})
        for port in objects.PortList.get_by_filters(
                context, {'network_id': network.uuid}):
            if any(ip['ip_address'] == address for ip in port.fixed_ips):
                raise exception.FixedIpAlreadyInUse(
                    address=address, instance_uuid=port.device_id)
        if any(subnet.gateway_ip == address for subnet in network.subnets):
            # The host's end of the network holds it.
            raise exception.FixedIpAlreadyInUse(
                message='Fixed IP %s is already in use.' % address)

    def _default_network(self, context, project_id, auto):
        """The network of a server that named none (or said 'auto'): the
        only one available; None if there is none and ``auto`` is not
        set (the server then has no NIC, as in Nova). An admin's choice
        is among the project's and shared networks too, not everyone's."""
        networks = [network for network in
                    self.get_available_networks(context)
                    if network.shared or network.project_id == project_id]
        if len(networks) > 1:
            raise exception.NetworkAmbiguous(
                message='Multiple possible networks found, use a Network ID '
                        'to be more specific.')
        if not networks:
            if auto:
                raise exception.UnableToAutoAllocateNetwork(
                    project_id=project_id)
            return None
        return networks[0]

    def get_available_networks(self, context):
        """The networks the caller may use: the project's own and the
        shared ones (all of them for an admin)."""
        return [network for network in
                objects.NetworkList.get_all(context).objects
                if network.visible_to(context)]

    def _networks_by_id(self, context, network_ids):
        """The networks asked for, in the order asked; NetworkNotFound
        naming those that do not exist (or are not the caller's)."""
        if not network_ids:
            return {}
        found = {network.uuid: network for network in
                 objects.NetworkList.get_all(context,
                                             list(set(network_ids)))
                 if network.visible_to(context)}
        missing = [n for n in network_ids if n not in found]
        if missing:
            raise exception.NetworkNotFound(
                network_id=', '.join(dict.fromkeys(missing)))
        for network in found.values():
            if not network.subnets:
                raise exception.NetworkRequiresSubnet(
                    network_uuid=network.uuid)
        return found

    # allocation (compute host)

    def allocate_for_instance(self, context, instance, requested_networks,
                              bind_host_id=None):
        """Create or take the instance's ports, bound to ``bind_host_id``;
        on any failure give back what this call took, then re-raise.
        Returns the new network_info, also saved in the info cache."""
        if requested_networks is not None and requested_networks.no_allocate:
            return self._save_cache(context, instance, model.NetworkInfo())
        plan, networks = self._allocation_plan(context, instance,
                                               requested_networks)
        ports, created, taken = [], [], []
        try:
            for network_id, request in plan:
                if request is not None and request.port_id:
                    port = self._show_port_obj(context, request.port_id)
                    if port.project_id and \
                            port.project_id != instance.project_id:
                        raise exception.PortNotUsable(
                            port_id=port.uuid, instance=instance.uuid)
                    port.bind(instance.uuid, bind_host_id)
                    taken.append(port)
                    ports.append(port)
                    continue
                port = objects.Port(
                    context, network_id=network_id,
                    project_id=instance.project_id,
                    device_id=instance.uuid,
                    device_owner=port_obj.DEVICE_OWNER_COMPUTE,
                    binding_host_id=bind_host_id)
                port.create(fixed_ip=str(request.address)
                            if request is not None and request.address
                            else None)
                created.append(port)
                ports.append(port)
                LOG.debug('Created port %s on network %s', port.uuid,
                          network_id, instance=instance)
        except Exception:
            self._give_back(created, taken, instance)
            raise
        preserved = {port.uuid for port in taken}
        return self._save_cache(context, instance, self._network_info(
            context, ports, preserved, networks))

    def _allocation_plan(self, context, instance, requested_networks):
        """([(network_id, request)] in the order the guest's NICs get,
        {network_id: Network} of the networks already looked up)."""
        requests = _requests(requested_networks)
        if not requests or requested_networks.auto_allocate:
            network = self._default_network(context, instance.project_id,
                                            auto=bool(requests))
            if network is None:
                return [], {}
            return [(network.uuid, None)], {network.uuid: network}
        networks = self._networks_by_id(
            context, [r.network_id for r in requests if not r.port_id])
        return [(r.network_id, r) for r in requests], networks

    @staticmethod
    def _give_back(created, taken, instance):
        for port in created:
            try:
                port.destroy()
            except Exception:
                LOG.exception('Could not delete port %s', port.uuid,
                              instance=instance)
        for port in taken:
            try:
                port.unbind()
            except Exception:
                LOG.exception('Could not unbind port %s', port.uuid,
                              instance=instance)

    def deallocate_for_instance(self, context, instance,
                                requested_networks=None):
        """Delete the ports made for the instance and unbind those the
        user gave (they are kept, as Nova keeps them)."""
        keep = {r.port_id for r in _requests(requested_networks)
                if r.port_id}
        cache = objects.InstanceInfoCache.get_by_instance_uuid(
            context, instance.uuid)
        keep |= {vif.id for vif in cache.network_info
                 if vif.preserve_on_delete}
        for port in objects.PortList.get_by_filters(
                context, {'device_id': instance.uuid}):
            if port.uuid in keep:
                port.unbind()
            else:
                port.destroy()
        self._save_cache(context, instance, model.NetworkInfo())

    def set_ports_active(self, context, instance, network_info):
        """Mark the instance's plugged ports ACTIVE, as Neutron's agent
        reports them once their taps are up; returns the network_info
        with its VIFs active, also saved in the info cache."""
        if not network_info:
            return network_info
        objects.PortList.set_status(context, [vif.id for vif in network_info],
                                    port_obj.STATUS_ACTIVE)
        return self._save_cache(context, instance, model.NetworkInfo(
            dataclasses.replace(vif, active=True) for vif in network_info))

    # network_info

    def get_instance_nw_info(self, context, instance):
        """network_info from the instance's ports now; saved in the cache."""
        cache = objects.InstanceInfoCache.get_by_instance_uuid(
            context, instance.uuid)
        order = [vif.id for vif in cache.network_info]
        preserved = {vif.id for vif in cache.network_info
                     if vif.preserve_on_delete}
        ports = objects.PortList.get_by_filters(
            context, {'device_id': instance.uuid}).objects
        # Ports keep the order the guest's NICs have; new ones go last.
        ports.sort(key=lambda p: (order.index(p.uuid) if p.uuid in order
                                  else len(order)))
        return self._save_cache(context, instance, self._network_info(
            context, ports, preserved))

    def _network_info(self, context, ports, preserved, networks=None):
        """network_info of ``ports``; ``networks`` are those already
        looked up, the others are read."""
        networks = dict(networks or {})
        missing = {p.network_id for p in ports} - set(networks)
        if missing:
            networks.update((n.uuid, n) for n in objects.NetworkList.get_all(
                context, list(missing)))
        return model.NetworkInfo(
            self._vif(port, networks[port.network_id],
                      port.uuid in preserved) for port in ports)

    @staticmethod
    def _vif(port, network, preserve_on_delete):
        subnets = []
        for subnet in network.subnets:
            ips = tuple(model.IP(ip['ip_address']) for ip in port.fixed_ips
                        if ip['subnet_id'] == subnet.uuid)
            subnets.append(model.Subnet(
                cidr=subnet.cidr, id=subnet.uuid, version=subnet.ip_version,
                gateway=(model.IP(subnet.gateway_ip, type='gateway')
                         if subnet.gateway_ip else None),
                dns=tuple(model.IP(d, type='dns')
                          for d in subnet.dns_nameservers),
                ips=ips))
        return model.VIF(
            id=port.uuid, address=port.mac_address,
            network=model.Network(
                id=network.uuid, bridge=network.bridge,
                label=network.name or network.uuid, subnets=tuple(subnets),
                mtu=network.mtu, tenant_id=network.project_id),
            devname=model.devname(port.uuid),
            active=(port.status == port_obj.STATUS_ACTIVE or
                    not port.admin_state_up),
            preserve_on_delete=preserve_on_delete)

    @staticmethod
    def _save_cache(context, instance, network_info):
        cache = objects.InstanceInfoCache(
            context, instance_uuid=instance.uuid, network_info=network_info)
        cache.save()
        return network_info

    # ports, Neutron-style

    @staticmethod
    def _show_port_obj(context, port_id):
        port = objects.Port.get_by_uuid(context, port_id)
        if not (context.is_admin or not port.project_id or
                port.project_id == context.project_id):
            raise exception.PortNotFound(port_id=port_id)
        return port

    def show_port(self, context, port_id):
        """{'port': {...}} as Neutron shows it."""
        return {'port': _port_dict(self._show_port_obj(context, port_id))}

    def list_ports(self, context, **search_opts):
        """{'ports': [...]} matching Neutron-style filters."""
        ports = objects.PortList.get_by_filters(context, search_opts)
        return {'ports': [_port_dict(port) for port in ports
                          if context.is_admin or not port.project_id or
                          port.project_id == context.project_id]}


def _port_dict(port):
    return {'id': port.uuid, 'name': port.name or '',
            'network_id': port.network_id, 'tenant_id': port.project_id,
            'project_id': port.project_id,
            'mac_address': port.mac_address,
            'fixed_ips': [dict(ip) for ip in port.fixed_ips],
            'device_id': port.device_id or '',
            'device_owner': port.device_owner or '',
            'binding:host_id': port.binding_host_id or '',
            'binding:vif_type': model.VIF_TYPE_BRIDGE,
            'binding:vnic_type': model.VNIC_TYPE_NORMAL,
            'status': port.status, 'admin_state_up': port.admin_state_up}
