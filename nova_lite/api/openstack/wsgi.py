"""Request and response plumbing of the compute API.

A ``Resource`` is the WSGI app of one route: it settles the microversion,
reads the JSON body, picks the handler (for ``.../action``, by the body's
single key), calls it and serialises what it returns. Every failure
becomes a fault through ``faults.Fault``; the request id middleware that
tags every response lives here too.
"""

import functools
import re

from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import uuidutils
import webob
import webob.dec
import webob.exc

from nova_lite.api.openstack import faults
from nova_lite.api.openstack import middleware
from nova_lite import exception

LOG = logging.getLogger(__name__)

# Microversions this API implements (see versions.py for the history of
# what each one changes on the resources served here).
MIN_API_VERSION = '2.1'
MAX_API_VERSION = '2.104'

API_VERSION_REQUEST_HEADER = 'OpenStack-API-Version'
LEGACY_API_VERSION_REQUEST_HEADER = 'X-OpenStack-Nova-API-Version'

# Set on requests of the legacy v2 endpoint (/v2): see
# nova_lite.api.openstack.LegacyV2CompatibleWrapper.
ENV_LEGACY_V2 = 'openstack.legacy_v2'

SUPPORTED_CONTENT_TYPES = (
    'application/json',
    'application/vnd.openstack.compute+json',
)
_METHODS_WITH_BODY = ('POST', 'PUT')


class APIVersionRequest(object):
    """A microversion 'X.Y'; None makes the null version 0.0."""

    def __init__(self, version_string=None):
        self.ver_major, self.ver_minor = 0, 0
        if version_string is not None:
            match = re.match(r'^([1-9]\d*)\.([1-9]\d*|0)$', version_string)
            if not match:
                raise exception.InvalidAPIVersionString(
                    version=version_string)
            self.ver_major = int(match.group(1))
            self.ver_minor = int(match.group(2))

    def _key(self):
        return (self.ver_major, self.ver_minor)

    def __eq__(self, other):
        return self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def is_null(self):
        return self._key() == (0, 0)

    def matches(self, min_version, max_version):
        """Within [min, max]; a null bound is open."""
        if not min_version.is_null() and self < min_version:
            return False
        if not max_version.is_null() and self > max_version:
            return False
        return True

    def get_string(self):
        return '%s.%s' % self._key()


def min_api_version():
    return APIVersionRequest(MIN_API_VERSION)


def max_api_version():
    return APIVersionRequest(MAX_API_VERSION)


def is_supported(req, min_version=MIN_API_VERSION, max_version=None):
    """Whether the request's microversion is in [min, max]."""
    upper = APIVersionRequest(max_version) if max_version else None
    ver = req.api_version_request
    if upper is not None and ver > upper:
        return False
    return ver >= APIVersionRequest(min_version)


def _requested_version(headers):
    """The compute version the headers ask for, or None: the new header's
    'compute X.Y' entry wins over the legacy header."""
    # Repeated headers reach WSGI joined with ','.
    for item in headers.get(API_VERSION_REQUEST_HEADER, '').split(','):
        service, _sep, version = item.strip().partition(' ')
        if service.lower() == 'compute' and version.strip():
            return version.strip()
    legacy = headers.get(LEGACY_API_VERSION_REQUEST_HEADER)
    return legacy.strip() if legacy else None


class Request(webob.Request):
    """A webob request that knows its microversion."""

    @property
    def api_version_request(self):
        # Kept in the environ so faults built from another Request object
        # of the same call still see it.
        return self.environ.get('nova.api_version_request',
                                APIVersionRequest())

    def set_api_version_request(self):
        """Read the microversion headers; 400 for a malformed version, 406
        for one outside [MIN_API_VERSION, MAX_API_VERSION]."""
        requested = _requested_version(self.headers)
        if requested is None:
            version = min_api_version()
        elif requested.lower() == 'latest':
            version = max_api_version()
        else:
            version = APIVersionRequest(requested)
            if not version.matches(min_api_version(), max_api_version()):
                raise exception.InvalidGlobalAPIVersion(
                    req_ver=version.get_string(),
                    min_ver=MIN_API_VERSION, max_ver=MAX_API_VERSION)
        self.environ['nova.api_version_request'] = version

    def set_legacy_v2(self):
        self.environ[ENV_LEGACY_V2] = True

    def is_legacy_v2(self):
        """Whether the request came in at the legacy /v2 endpoint."""
        return self.environ.get(ENV_LEGACY_V2, False)

    def best_match_content_type(self):
        return (self.accept.best_match(SUPPORTED_CONTENT_TYPES) or
                'application/json')

    def get_content_type(self):
        """The body's media type, None when not given; 415 when not JSON
        (text/plain counts as not given: servers default to it)."""
        if 'Content-Type' not in self.headers:
            return None
        content_type = self.content_type
        if not content_type or content_type == 'text/plain':
            return None
        if content_type not in SUPPORTED_CONTENT_TYPES:
            raise webob.exc.HTTPUnsupportedMediaType(
                explanation='Unsupported Content-Type')
        return content_type


def add_version_headers(req, response):
    """Tell the client which microversion answered, and caches that the
    answer depends on the version headers."""
    version = req.api_version_request
    if version.is_null():
        return
    response.headers[API_VERSION_REQUEST_HEADER] = (
        'compute ' + version.get_string())
    response.headers[LEGACY_API_VERSION_REQUEST_HEADER] = (
        version.get_string())
    response.headers.add('Vary', API_VERSION_REQUEST_HEADER)
    response.headers.add('Vary', LEGACY_API_VERSION_REQUEST_HEADER)


# handler decorators

def response(code):
    """The status of a handler's successful response (default 200)."""
    def decorator(func):
        func.wsgi_code = code
        return func
    return decorator


def api_version(min_version, max_version=None):
    """The handler exists only in [min, max]; elsewhere the URL is 404."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(self, req, *args, **kwargs):
            if not is_supported(req, min_version, max_version):
                raise exception.VersionNotFoundForAPIMethod(
                    version=req.api_version_request.get_string())
            return func(self, req, *args, **kwargs)
        return wrapper
    return decorator


class ResponseObject(object):
    """A handler result with its own status code or headers."""

    def __init__(self, obj, code=None, headers=None):
        self.obj = obj
        self.code = code
        self.headers = dict(headers or {})


def _parse_body(req):
    """The JSON body of a POST/PUT (None if empty); 400 if unparsable."""
    if req.method not in _METHODS_WITH_BODY:
        return {}
    if not req.content_length:
        return {'body': None}
    try:
        return {'body': jsonutils.loads(req.body)}
    except ValueError:
        raise exception.Invalid('Malformed request body')


def _action_name(body):
    """The action a ``POST .../action`` body names: its only key."""
    if not isinstance(body, dict) or len(body) != 1:
        raise exception.Invalid('Malformed request body')
    return next(iter(body))


class Resource(object):
    """The WSGI app of one route: ``handler(req, **url_args[, body])``, or
    with ``actions`` the handler the body's single key names.

    Without ``versioned`` the route is outside microversions (the root
    version list): the version headers are neither read nor answered.
    """

    def __init__(self, handler=None, actions=None, versioned=True):
        self.handler = handler
        self.actions = actions
        self.versioned = versioned

    @webob.dec.wsgify(RequestClass=Request)
    def __call__(self, req):
        if self.versioned:
            try:
                req.set_api_version_request()
            except exception.NovaException as exc:
                return faults.Fault(exc)
        try:
            result, default_code = self._dispatch(req)
            resp = self._serialize(req, result, default_code)
        except Exception as exc:
            resp = req.get_response(faults.Fault(exc))
        add_version_headers(req, resp)
        return resp

    def _dispatch(self, req):
        url_args = dict(
            req.environ.get('wsgiorg.routing_args', ((), {}))[1])
        for internal in ('controller', 'action', 'format', 'route_key'):
            url_args.pop(internal, None)
        req.get_content_type()
        url_args.update(_parse_body(req))
        handler = self.handler
        if self.actions is not None:
            name = _action_name(url_args.get('body'))
            handler = self.actions.get(name)
            if handler is None:
                raise exception.Invalid('There is no such action: %s' % name)
        _check_project_id(req, url_args.pop('project_id', None))
        LOG.debug('Calling %s', getattr(handler, '__qualname__', handler))
        return handler(req, **url_args), getattr(handler, 'wsgi_code', 200)

    @staticmethod
    def _serialize(req, result, default_code):
        if isinstance(result, webob.Response):
            return result
        if not isinstance(result, ResponseObject):
            result = ResponseObject(result)
        resp = webob.Response(status=result.code or default_code)
        if result.obj is not None:
            resp.text = jsonutils.dumps(result.obj)
        for name, value in result.headers.items():
            resp.headers[name] = str(value)
        resp.headers['Content-Type'] = req.best_match_content_type()
        return resp


def _check_project_id(req, project_id):
    """A project id in the URL must be the caller's."""
    context = req.environ.get('nova.context')
    if context and project_id and project_id != context.project_id:
        raise exception.Invalid(
            "Malformed request URL: URL's project_id '%(project_id)s' "
            "doesn't match Context's project_id '%(context_project_id)s'" %
            {'project_id': project_id,
             'context_project_id': context.project_id})


class RequestId(middleware.Middleware):
    """Give every request an id ('req-<uuid>') and return it in the
    x-openstack-request-id and x-compute-request-id headers."""

    ENV_REQUEST_ID = 'openstack.request_id'
    ENV_GLOBAL_REQUEST_ID = 'openstack.global_request_id'
    HEADERS = ('x-openstack-request-id', 'x-compute-request-id')

    @webob.dec.wsgify
    def __call__(self, req):
        req_id = 'req-' + uuidutils.generate_uuid()
        req.environ[self.ENV_REQUEST_ID] = req_id
        # A caller's own valid id links this request to its work elsewhere.
        inbound = req.headers.get('X-OpenStack-Request-ID', '')
        if (inbound.startswith('req-') and
                uuidutils.is_uuid_like(inbound[4:])):
            req.environ[self.ENV_GLOBAL_REQUEST_ID] = inbound
        resp = req.get_response(self.application)
        for header in self.HEADERS:
            resp.headers[header] = req_id
        return resp
