"""GET /flavors/{flavor_id}/os-flavor-access: the projects a private
flavor is shared with. nova-lite keeps no access lists, so a private
flavor is only its admins' and the list is empty."""

import webob.exc

from nova_lite.api.openstack.compute import flavors


class FlavorAccessController(object):

    def __init__(self, conf):
        self.conf = conf

    def index(self, req, flavor_id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        if flavor.is_public:
            raise webob.exc.HTTPNotFound(
                explanation='Access list not available for public flavors.')
        return {'flavor_access': []}
