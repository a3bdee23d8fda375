"""/flavors/{flavor_id}/os-extra_specs[/{key}]: a flavor's extra specs,
read by anyone who sees the flavor, set and removed by admins. From 2.86
the specs set are validated when Nova knows them (see
nova_lite.api.validation.extra_specs)."""

from oslo_utils import strutils
import webob.exc

from nova_lite.api.openstack.compute import flavors
from nova_lite.api.openstack.compute.schemas import flavors as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.api.validation.extra_specs import validators
from nova_lite import exception
from nova_lite import objects
from nova_lite.policies import flavor_extra_specs as extra_specs_policies


def _strings(specs):
    """Numbers are accepted and kept as strings, as in Nova."""
    return {key: str(value) for key, value in specs.items()}


def _check_values(req, specs):
    """400 for a number longer than a spec's 255 characters (the schema's
    maxLength holds for strings only) and, from 2.86, for a known spec
    with an invalid value or an unknown one in a known namespace."""
    validate_known = wsgi.is_supported(req, '2.86')
    for name, value in _strings(specs).items():
        try:
            strutils.check_string_length(value, 'extra_specs value',
                                         max_length=255)
        except ValueError as ex:
            raise exception.InvalidInput(message=str(ex))
        if validate_known:
            validators.validate(name, value)


class FlavorExtraSpecsController(object):

    def __init__(self, conf):
        self.conf = conf

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req, flavor_id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        return {'extra_specs': dict(flavor.extra_specs)}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, flavor_id, id):
        flavor = flavors.get_flavor(req.environ['nova.context'], flavor_id)
        if id not in flavor.extra_specs:
            raise exception.FlavorExtraSpecsNotFound(flavor_id=flavor_id,
                                                     extra_specs_key=id)
        return {id: flavor.extra_specs[id]}

    def _set(self, context, flavor_id, specs):
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        flavor.extra_specs = dict(flavor.extra_specs, **specs)
        flavor.save()

    @validation.validated(schema.extra_specs_create)
    def create(self, req, flavor_id, body):
        """Set the body's extra specs (the others stay)."""
        context = req.environ['nova.context']
        context.can(extra_specs_policies.POLICY_ROOT % 'create')
        # As Nova: the values are checked before the flavor is looked up.
        _check_values(req, body['extra_specs'])
        specs = _strings(body['extra_specs'])
        self._set(context, flavor_id, specs)
        return {'extra_specs': specs}

    @validation.validated(schema.extra_spec_update)
    def update(self, req, flavor_id, id, body):
        """Set the one extra spec of the URL."""
        context = req.environ['nova.context']
        context.can(extra_specs_policies.POLICY_ROOT % 'update')
        # As Nova: the value is checked before the key is matched with
        # the URL's.
        _check_values(req, body)
        if id not in body:
            raise webob.exc.HTTPBadRequest(
                explanation='Request body and URI mismatch')
        specs = _strings(body)
        self._set(context, flavor_id, specs)
        return specs

    def delete(self, req, flavor_id, id):
        context = req.environ['nova.context']
        context.can(extra_specs_policies.POLICY_ROOT % 'delete')
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        flavor.delete_extra_spec(id)
        return wsgi.ResponseObject(None, code=200)
