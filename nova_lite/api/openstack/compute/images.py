"""GET /images, /images/detail and /images/{id}: Nova's image proxy API,
which ends at microversion 2.35 (404 from 2.36)."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.views import images as views_images
from nova_lite.api.openstack import wsgi
from nova_lite import exception
from nova_lite.image import api as image_api

MAX_PROXY_API_SUPPORT_VERSION = '2.35'

# Query parameter -> image field it filters on (exact match).
_FILTERS = {
    'name': 'name',
    'status': 'status',
}


class ImagesController(object):

    def __init__(self, conf):
        self.conf = conf
        self._image_api = image_api.API(conf)
        self._view_builder = views_images.ViewBuilder(conf)

    @wsgi.api_version('2.1', MAX_PROXY_API_SUPPORT_VERSION)
    def show(self, req, id):
        context = req.environ['nova.context']
        try:
            image = self._image_api.get(context, id)
        except exception.ImageNotFound:
            raise exception.ImageNotFound(message='Image not found.')
        return self._view_builder.show(req, image)

    @wsgi.api_version('2.1', MAX_PROXY_API_SUPPORT_VERSION)
    def index(self, req):
        return self._view_builder.index(req, self._get_images(req))

    @wsgi.api_version('2.1', MAX_PROXY_API_SUPPORT_VERSION)
    def detail(self, req):
        return self._view_builder.detail(req, self._get_images(req))

    def _get_images(self, req):
        """Images matching the request's filters, paged by marker/limit
        (newest first, as Glance lists them)."""
        context = req.environ['nova.context']
        images = [image for image in self._image_api.get_all(context)
                  if _matches(image, req.params)]
        start = 0
        marker = req.GET.get('marker')
        if marker is not None:
            ids = [image['id'] for image in images]
            if marker not in ids:
                raise exception.Invalid('marker [%s] not found' % marker)
            start = ids.index(marker) + 1
        limit = None
        if 'limit' in req.GET:
            limit, _marker = common.get_limit_and_marker(
                req, self.conf.api.max_limit)
        return images[start:start + limit if limit is not None else None]


def _matches(image, params):
    for param, field in _FILTERS.items():
        if param in params:
            wanted = params[param]
            if field == 'status':
                # The API takes Glance's status in any case.
                wanted = wanted.lower()
            if image.get(field) != wanted:
                return False
    if 'minRam' in params and not _at_least(image.get('min_ram'),
                                            params['minRam']):
        return False
    if 'minDisk' in params and not _at_least(image.get('min_disk'),
                                             params['minDisk']):
        return False
    server = params.get('server')
    if server is not None:
        server_uuid = server.rsplit('/', 1)[-1]
        if (image.get('properties') or {}).get('instance_uuid') != \
                server_uuid:
            return False
    return _matches_properties(image, params)


def _matches_properties(image, params):
    properties = image.get('properties') or {}
    if 'type' in params and properties.get('image_type') != params['type']:
        return False
    for param, value in params.items():
        if param.startswith('property-') and \
                properties.get(param[len('property-'):]) != value:
            return False
    return True


def _at_least(value, minimum):
    try:
        return int(value or 0) >= int(minimum)
    except ValueError:
        raise exception.Invalid('Invalid filter value [%s]' % minimum)
