"""``GET /image/v2/images`` and ``/image/v2/images/{image_id}``: images
as Glance v2 shows them. Custom properties are top-level fields; images
here are never protected, hidden or tagged."""

import re
import urllib.parse as urlparse

from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import strutils
import webob
import webob.dec
import webob.exc

from nova_lite.api.openstack import common
from nova_lite import conf as nova_conf
from nova_lite import exception
from nova_lite.image import api as image_api

LOG = logging.getLogger(__name__)

# Glance's limit_param_default; the API's max_limit caps it.
DEFAULT_LIMIT = 25

SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size',
             'virtual_size', 'id', 'created_at', 'updated_at', 'min_disk',
             'min_ram', 'owner', 'visibility')
# Filters on an image field: exact value, or 'in:"a",b' for any of them.
FIELD_FILTERS = ('id', 'name', 'status', 'visibility', 'owner',
                 'disk_format', 'container_format', 'checksum')
# Accepted and of no effect: there are no members, hidden images or
# protected ones to tell apart.
NO_OP_FILTERS = ('member_status', 'os_hidden')
_PAGING = ('limit', 'marker', 'sort', 'sort_key', 'sort_dir')

_IMAGE_PATH = re.compile(r'^/v2/images/([^/]+)$')


class ImagesController(object):

    def __init__(self, conf):
        self.conf = conf
        self._image_api = image_api.API(conf)

    def index(self, req):
        context = req.environ['nova.context']
        params = req.GET
        limit = _limit(params, self.conf.api.max_limit)
        images = [image for image in self._image_api.get_all(context)
                  if _listed(context, image, params.get('visibility')) and
                  _matches(image, params)]
        images = _sorted(images, _sort_params(params))
        marker = params.get('marker')
        if marker is not None:
            ids = [image['id'] for image in images]
            if marker not in ids:
                raise webob.exc.HTTPBadRequest(
                    explanation='Invalid marker. Image %s could not be '
                                'found.' % marker)
            images = images[ids.index(marker) + 1:]
        page = images[:limit]
        body = {'images': [image_view(image) for image in page],
                'first': '/v2/images',
                'schema': '/v2/schemas/images'}
        if page and len(images) > limit:
            query = [(key, value) for key, value in params.items()
                     if key != 'marker'] + [('marker', page[-1]['id'])]
            body['next'] = '/v2/images?%s' % urlparse.urlencode(query)
        return body

    def show(self, req, image_id):
        context = req.environ['nova.context']
        try:
            image = self._image_api.get(context, image_id)
        except exception.ImageNotFound:
            image = None
        if image is None or not _visible(context, image):
            raise webob.exc.HTTPNotFound(
                explanation='No image found with ID %s' % image_id)
        return image_view(image)


def image_view(image):
    """An image document of Glance v2."""
    image_id = image['id']
    body = {
        'id': image_id,
        'name': image['name'],
        'status': image['status'],
        'visibility': image['visibility'],
        'protected': False,
        'checksum': image['checksum'],
        'owner': image['owner'],
        'size': image['size'],
        'virtual_size': image['virtual_size'],
        'min_ram': image['min_ram'] or 0,
        'min_disk': image['min_disk'] or 0,
        'disk_format': image['disk_format'],
        'container_format': image['container_format'],
        'created_at': _time(image['created_at']),
        # Glance sets updated_at on creation too.
        'updated_at': _time(image['updated_at'] or image['created_at']),
        'tags': [],
        'self': '/v2/images/%s' % image_id,
        'file': '/v2/images/%s/file' % image_id,
        'schema': '/v2/schemas/image',
    }
    for key, value in (image.get('properties') or {}).items():
        body.setdefault(key, value)
    return body


def _time(value):
    return common.isotime(value) if value is not None else None


def _visible(context, image):
    return (context.is_admin or
            image['visibility'] in ('public', 'community') or
            image['owner'] == context.project_id)


def _listed(context, image, visibility):
    """Glance's default list leaves out others' community images; a
    visibility filter ('all' for any) picks among the visible ones."""
    if not _visible(context, image):
        return False
    if visibility is None:
        return (image['visibility'] != 'community' or
                image['owner'] == context.project_id)
    return visibility == 'all' or image['visibility'] == visibility


def _matches(image, params):
    properties = image.get('properties') or {}
    for key, value in params.items():
        if key in _PAGING or key in NO_OP_FILTERS or key == 'visibility':
            continue
        if key in FIELD_FILTERS:
            if image[key] not in _wanted(value):
                return False
        elif key in ('size_min', 'size_max'):
            bound = _int_param(key, value)
            size = image['size'] or 0
            if size < bound if key == 'size_min' else size > bound:
                return False
        elif key == 'protected':
            try:
                if strutils.bool_from_string(value, strict=True):
                    return False
            except ValueError:
                raise webob.exc.HTTPBadRequest(
                    explanation='Invalid value for protected: %s' % value)
        elif key == 'tag':
            return False
        elif properties.get(key) != value:
            return False
    return True


def _wanted(value):
    """The values a filter accepts: 'in:a,"b c"' is any of them."""
    if not value.startswith('in:'):
        return {value}
    return {item.strip().strip('"') for item in value[3:].split(',')}


def _int_param(name, value):
    try:
        number = int(value)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation='%s param must be an integer' % name)
    if number < 0:
        raise webob.exc.HTTPBadRequest(
            explanation='%s param must be positive' % name)
    return number


def _limit(params, max_limit):
    if 'limit' not in params:
        return min(DEFAULT_LIMIT, max_limit)
    return min(_int_param('limit', params['limit']), max_limit)


def _sort_params(params):
    """[(key, direction)] from ``sort=k1:asc,k2`` or ``sort_key`` and
    ``sort_dir`` (repeatable); created_at desc by default."""
    if 'sort' in params:
        if 'sort_key' in params or 'sort_dir' in params:
            raise webob.exc.HTTPBadRequest(
                explanation='The "sort" parameter cannot be used with '
                            '"sort_key" or "sort_dir".')
        pairs = []
        for item in params['sort'].split(','):
            key, _sep, direction = item.strip().partition(':')
            pairs.append((key.strip(), direction.strip() or 'desc'))
    else:
        keys = params.getall('sort_key') or ['created_at']
        dirs = params.getall('sort_dir') or ['desc']
        pairs = [(key, dirs[min(index, len(dirs) - 1)])
                 for index, key in enumerate(keys)]
    for key, direction in pairs:
        if key not in SORT_KEYS:
            raise webob.exc.HTTPBadRequest(
                explanation='Invalid sort key: %s. It must be one of the '
                            'following: %s.' % (key, ', '.join(SORT_KEYS)))
        if direction not in ('asc', 'desc'):
            raise webob.exc.HTTPBadRequest(
                explanation='Invalid sort direction: %s' % direction)
    return pairs


def _sorted(images, pairs):
    # Stable sorts from the last key to the first; None sorts first.
    for key, direction in reversed(pairs):
        images = sorted(images,
                        key=lambda image: (image[key] is not None,
                                           image[key]),
                        reverse=direction == 'desc')
    return images


class APIRouter(object):
    """The app of ``/image/+``: routes the two read-only paths."""

    def __init__(self, conf):
        self.controller = ImagesController(conf)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls(nova_conf.CONF)

    @webob.dec.wsgify
    def __call__(self, req):
        path = req.path_info
        match = _IMAGE_PATH.match(path)
        if path != '/v2/images' and match is None:
            return webob.exc.HTTPNotFound()
        if req.method not in ('GET', 'HEAD'):
            return webob.exc.HTTPMethodNotAllowed(headers={'Allow': 'GET'})
        try:
            if match is None:
                body = self.controller.index(req)
            else:
                body = self.controller.show(req, match.group(1))
        except webob.exc.HTTPException as exc:
            return exc
        except Exception:
            LOG.exception('Unexpected error in the image API')
            return webob.exc.HTTPInternalServerError()
        resp = webob.Response(content_type='application/json',
                              charset='UTF-8')
        resp.text = jsonutils.dumps(body)
        return resp
