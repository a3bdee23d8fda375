"""/servers/{id}/ips: a server's addresses, by network."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.views import servers as views_servers
from nova_lite.api.openstack.compute import servers
from nova_lite.api import validation
from nova_lite import exception
from nova_lite.policies import ips as ips_policies


class IPsController(common.ComputeAPIController):

    def _addresses(self, req, server_id, action):
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, server_id,
                                        expected_attrs=('info_cache',))
        context.can(ips_policies.POLICY_ROOT % action,
                    servers.target(instance))
        return views_servers.addresses_from_network_info(
            instance.get_network_info(), extended=False)

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req, server_id):
        return {'addresses': self._addresses(req, server_id, 'index')}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, server_id, id):
        addresses = self._addresses(req, server_id, 'show')
        if id not in addresses:
            raise exception.NotFound(
                'Instance is not a member of specified network')
        return {id: addresses[id]}
