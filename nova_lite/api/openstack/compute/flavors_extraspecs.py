"""/flavors/{flavor_id}/os-extra_specs[/{key}]: a flavor's extra specs,
read by anyone who sees the flavor, set and removed by admins."""

import webob.exc

from nova_lite.api.openstack.compute import flavors
from nova_lite.api.openstack.compute.schemas import flavors as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception
from nova_lite import objects
from nova_lite.policies import flavor_extra_specs as extra_specs_policies


def _strings(specs):
    """Numbers are accepted and kept as strings, as in Nova."""
    return {key: str(value) for key, value in specs.items()}


class FlavorExtraSpecsController(object):

    def __init__(self, conf):
        self.conf = conf

    def index(self, req, flavor_id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        return {'extra_specs': dict(flavor.extra_specs)}

    def show(self, req, flavor_id, id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        if id not in flavor.extra_specs:
            raise exception.FlavorExtraSpecsNotFound(flavor_id=flavor_id,
                                                     extra_specs_key=id)
        return {id: flavor.extra_specs[id]}

    def _set(self, req, flavor_id, specs, action):
        context = req.environ['nova.context']
        context.can(extra_specs_policies.POLICY_ROOT % action)
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        flavor.extra_specs = dict(flavor.extra_specs, **specs)
        flavor.save()

    @validation.validated(schema.extra_specs_create)
    def create(self, req, flavor_id, body):
        """Set the body's extra specs (the others stay)."""
        specs = _strings(body['extra_specs'])
        self._set(req, flavor_id, specs, 'create')
        return {'extra_specs': specs}

    @validation.validated(schema.extra_spec_update)
    def update(self, req, flavor_id, id, body):
        """Set the one extra spec of the URL."""
        if id not in body:
            raise webob.exc.HTTPBadRequest(
                explanation='Request body and URI mismatch')
        specs = _strings(body)
        self._set(req, flavor_id, specs, 'update')
        return specs

    def delete(self, req, flavor_id, id):
        context = req.environ['nova.context']
        context.can(extra_specs_policies.POLICY_ROOT % 'delete')
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        flavor.delete_extra_spec(id)
        return wsgi.ResponseObject(None, code=200)
