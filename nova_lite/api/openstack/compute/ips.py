"""/servers/{id}/ips: a server's addresses, by network."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.views import servers as views_servers
from nova_lite import exception


class IPsController(common.ComputeAPIController):

    def _addresses(self, req, server_id):
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, server_id,
                                        expected_attrs=('info_cache',))
        return views_servers.addresses_from_network_info(
            instance.get_network_info(), extended=False)

    def index(self, req, server_id):
        return {'addresses': self._addresses(req, server_id)}

    def show(self, req, server_id, id):
        addresses = self._addresses(req, server_id)
        if id not in addresses:
            raise exception.NotFound(
                'Instance is not a member of specified network')
        return {id: addresses[id]}
