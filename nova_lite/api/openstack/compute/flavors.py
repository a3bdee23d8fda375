"""The flavors: listed and shown to everyone (private ones to admins),
created, described (2.55) and deleted by admins; from 2.102 listed by
name, and without rxtx_factor."""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import flavors as schema
from nova_lite.api.openstack.compute.views import flavors as flavors_view
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception
from nova_lite import objects
from nova_lite.policies import flavor_manage as flavor_policies


class FlavorsController(object):

    def __init__(self, conf):
        self.conf = conf
        self._view_builder = flavors_view.ViewBuilder(conf)

    @validation.query_validated(schema.index_query, '2.0', '2.74')
    @validation.query_validated(schema.index_query_v275, '2.75', '2.101')
    @validation.query_validated(schema.index_query_v2102, '2.102')
    def index(self, req):
        return self._view_builder.index(req, self._get_flavors(req))

    @validation.query_validated(schema.index_query, '2.0', '2.74')
    @validation.query_validated(schema.index_query_v275, '2.75', '2.101')
    @validation.query_validated(schema.index_query_v2102, '2.102')
    def detail(self, req):
        return self._view_builder.detail(req, self._get_flavors(req))

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, id):
        flavor = get_flavor(req.environ['nova.context'], id)
        return self._view_builder.show(req, flavor)

    @validation.validated(schema.create_v20, '2.0', '2.0')
    @validation.validated(schema.create, '2.1', '2.54')
    @validation.validated(schema.create_v255, '2.55', '2.101')
    @validation.validated(schema.create_v2102, '2.102')
    def create(self, req, body):
        """A new flavor (its id a generated uuid unless given); 409 if
        its name or id is taken."""
        context = req.environ['nova.context']
        context.can(flavor_policies.POLICY_ROOT % 'create')
        values = body['flavor']
        flavorid = values.get('id')
        flavor = objects.Flavor(
            context, name=values['name'].strip(),
            flavorid=(uuidutils.generate_uuid() if flavorid is None
                      else str(flavorid)),
            memory_mb=int(values['ram']), vcpus=int(values['vcpus']),
            root_gb=int(values['disk']),
            ephemeral_gb=int(values.get('OS-FLV-EXT-DATA:ephemeral', 0)),
            swap=int(values.get('swap', 0)),
            rxtx_factor=float(values.get('rxtx_factor', 1.0)),
            is_public=strutils.bool_from_string(
                values.get('os-flavor-access:is_public', True), strict=True),
            description=values.get('description'), disabled=False,
            extra_specs={})
        try:
            flavor.create()
        except (exception.FlavorExists, exception.FlavorIdExists) as exc:
            raise webob.exc.HTTPConflict(explanation=exc.format_message())
        return self._view_builder.show(req, flavor)

    @wsgi.api_version('2.55')
    @validation.validated(schema.update)
    def update(self, req, id, body):
        """A new description."""
        context = req.environ['nova.context']
        context.can(flavor_policies.POLICY_ROOT % 'update')
        flavor = objects.Flavor.get_by_flavor_id(context, id)
        flavor.description = body['flavor']['description']
        flavor.save()
        return self._view_builder.show(req, flavor)

    def delete(self, req, id):
        """202: servers of the flavor keep their copy of it."""
        context = req.environ['nova.context']
        context.can(flavor_policies.POLICY_ROOT % 'delete')
        objects.Flavor(context, flavorid=id).destroy()
        return wsgi.ResponseObject(None, code=202)

    def _get_flavors(self, req):
        context = req.environ['nova.context']
        is_public, project_id = True, context.project_id
        if context.is_admin:
            is_public = _parse_is_public(req.params.get('is_public'))
            project_id = None
        flavors = list(objects.FlavorList.get_all(
            context, is_public=is_public, project_id=project_id,
            min_memory_mb=_int_filter(req, 'minRam'),
            min_root_gb=_int_filter(req, 'minDisk'),
            # Known (not dropped or refused by the schema) from 2.102.
            name=req.params.get('name')))
        flavors = _sorted(flavors, req.params.get('sort_key') or 'flavorid',
                          req.params.get('sort_dir') or 'asc')
        limit, marker = common.get_limit_and_marker(
            req, self.conf.api.max_limit)
        return _page(flavors, limit, marker)


def get_flavor(context, flavor_id):
    """The flavor the caller may see (a private one if its project was
    given access); FlavorNotFound (404) otherwise."""
    flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
    if not flavor.is_visible_to(context):
        raise exception.FlavorNotFound(flavor_id=flavor_id)
    return flavor


def _parse_is_public(value):
    """is_public filter of admins: default public only, 'none' all."""
    if value is None:
        return True
    if value.strip().lower() == 'none':
        return None
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.Invalid('Invalid is_public filter [%s]' % value)


def _int_filter(req, name):
    if name not in req.params:
        return None
    try:
        return int(req.params[name])
    except ValueError:
        raise exception.Invalid('Invalid %s filter [%s]' %
                                (name, req.params[name]))


def _sorted(flavors, sort_key, sort_dir):
    def key(flavor):
        value = getattr(flavor, sort_key, None)
        # None sorts first, as in the database.
        return (value is not None, value)
    return sorted(flavors, key=key, reverse=(sort_dir == 'desc'))


def _page(flavors, limit, marker):
    """The ``limit`` flavors after the one whose flavorid is ``marker``."""
    start = 0
    if marker is not None:
        ids = [flavor.flavorid for flavor in flavors]
        if marker not in ids:
            raise exception.Invalid('marker [%s] not found' % marker)
        start = ids.index(marker) + 1
    return flavors[start:start + limit]
