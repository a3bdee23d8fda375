"""os-interface: the ports a server is plugged into (list and show)."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack import wsgi
from nova_lite.api.openstack.compute import servers
from nova_lite.api import validation
from nova_lite import exception
from nova_lite.network import api as network_api
from nova_lite.policies import attach_interfaces as interface_policies


def _interface_view(req, port):
    view = {'net_id': port['network_id'], 'port_id': port['id'],
            'mac_addr': port['mac_address'], 'port_state': port['status'],
            'fixed_ips': port['fixed_ips'] or None}
    if wsgi.is_supported(req, '2.70'):
        # Device tags are not kept: no interface has one.
        view['tag'] = None
    return view


class InterfaceAttachmentController(common.ComputeAPIController):

    def __init__(self, conf, compute=None):
        super().__init__(conf, compute)
        self.network_api = network_api.API()

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req, server_id):
        """The server's ports, as Neutron lists them."""
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, server_id,
                                        expected_attrs=())
        context.can(interface_policies.POLICY_ROOT % 'list',
                    servers.target(instance))
        ports = self.network_api.list_ports(
            context, device_id=instance.uuid)['ports']
        return {'interfaceAttachments': [_interface_view(req, port)
                                         for port in ports]}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, server_id, id):
        """One port of the server."""
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, server_id,
                                        expected_attrs=())
        context.can(interface_policies.POLICY_ROOT % 'show',
                    servers.target(instance))
        port = self.network_api.show_port(context, id)['port']
        if port['device_id'] != instance.uuid:
            raise exception.NotFound(
                'Instance %(instance)s does not have a port with id '
                '%(port)s' % {'instance': instance.uuid, 'port': id})
        return {'interfaceAttachment': _interface_view(req, port)}
