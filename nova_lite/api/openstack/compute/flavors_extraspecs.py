"""GET /flavors/{flavor_id}/os-extra_specs[/{key}]: a flavor's extra
specs, read-only (flavors are managed with nova-lite-manage)."""

import webob.exc

from nova_lite.api.openstack.compute import flavors


class FlavorExtraSpecsController(object):

    def __init__(self, conf):
        self.conf = conf

    def index(self, req, flavor_id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        return {'extra_specs': dict(flavor.extra_specs)}

    def show(self, req, flavor_id, id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        try:
            return {id: flavor.extra_specs[id]}
        except KeyError:
            raise webob.exc.HTTPNotFound(
                explanation='Flavor %(flavor_id)s has no extra specs with '
                            'key %(key)s.' % {'flavor_id': flavor_id,
                                              'key': id})
