"""GET /flavors, /flavors/detail and /flavors/{id}."""

import copy

from oslo_utils import strutils

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.views import flavors as flavors_view
from nova_lite.api import validation
from nova_lite import exception
from nova_lite import objects

VALID_SORT_KEYS = [
    'created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid',
    'id', 'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap',
    'updated_at', 'vcpu_weight', 'vcpus']

index_query = {
    'type': 'object',
    'properties': {
        'limit': validation.multi_params(validation.non_negative_integer),
        'marker': validation.multi_params({'type': 'string'}),
        'is_public': validation.multi_params({'type': 'string'}),
        'minRam': validation.multi_params({'type': 'string'}),
        'minDisk': validation.multi_params({'type': 'string'}),
        'sort_key': validation.multi_params({'type': 'string',
                                             'enum': VALID_SORT_KEYS}),
        'sort_dir': validation.multi_params({'type': 'string',
                                             'enum': ['asc', 'desc']}),
    },
    # Unknown parameters are dropped before 2.75 and refused from it.
    'additionalProperties': True,
}
index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False


class FlavorsController(object):

    def __init__(self, conf):
        self.conf = conf
        self._view_builder = flavors_view.ViewBuilder(conf)

    @validation.query_validated(index_query, '2.1', '2.74')
    @validation.query_validated(index_query_v275, '2.75')
    def index(self, req):
        return self._view_builder.index(req, self._get_flavors(req))

    @validation.query_validated(index_query, '2.1', '2.74')
    @validation.query_validated(index_query_v275, '2.75')
    def detail(self, req):
        return self._view_builder.detail(req, self._get_flavors(req))

    def show(self, req, id):
        flavor = get_flavor(req.environ['nova.context'], id)
        return self._view_builder.show(req, flavor)

    def _get_flavors(self, req):
        context = req.environ['nova.context']
        is_public = True
        if context.is_admin:
            is_public = _parse_is_public(req.params.get('is_public'))
        flavors = list(objects.FlavorList.get_all(
            context, is_public=is_public,
            min_memory_mb=_int_filter(req, 'minRam'),
            min_root_gb=_int_filter(req, 'minDisk')))
        flavors = _sorted(flavors, req.params.get('sort_key') or 'flavorid',
                          req.params.get('sort_dir') or 'asc')
        limit, marker = common.get_limit_and_marker(
            req, self.conf.api.max_limit)
        return _page(flavors, limit, marker)


def get_flavor(context, flavor_id):
    """The flavor the caller may see; FlavorNotFound (404) otherwise.
    Without flavor access lists, a private flavor is the admins'."""
    flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
    if not flavor.is_public and not context.is_admin:
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
