"""``/network/v2.0/ports`` and ``/security-groups``: nova-lite's ports
as the network API describes them. A project sees its own ports and
those of no project (an operator's, free for anyone to boot with); an
admin every port."""

from nova_lite.api.network import common
from nova_lite import exception
from nova_lite.network import api as network_api


class PortsController(object):

    def __init__(self, conf):
        self.conf = conf
        self._network_api = network_api.API()

    def index(self, req):
        context = req.environ['nova.context']
        ports = self._network_api.list_ports(context)['ports']
        return common.collection(req, 'ports',
                                 [port_view(port) for port in ports])

    def show(self, req, port_id):
        context = req.environ['nova.context']
        try:
            port = self._network_api.show_port(context, port_id)['port']
        except exception.PortNotFound:
            raise common.not_found('Port', port_id)
        return common.member(req, 'port', port_view(port))


def port_view(port):
    """A port document of Neutron v2.0: the network API's port, with the
    attributes of what nova-lite does not have left empty."""
    view = {'description': '', 'security_groups': [],
            'allowed_address_pairs': [], 'extra_dhcp_opts': [], 'tags': []}
    view.update(port)
    return view


class SecurityGroupsController(object):
    """nova-lite filters no traffic, so there is no security group."""

    def index(self, req):
        return common.collection(req, 'security_groups', [])

    def show(self, req, security_group_id):
        raise common.NeutronError(
            404, 'SecurityGroupNotFound',
            'Security group %s does not exist' % security_group_id)
