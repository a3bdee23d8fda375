"""The compute API as WSGI apps; ``urlmap_factory`` splits the URL space
between the unauthenticated version documents and the API itself, and
``LegacyV2CompatibleWrapper`` makes the v2.1 API answer as the legacy
v2 API at ``/v2``."""

from webob import acceptparse
import webob.dec
import webob.exc

from nova_lite.api.openstack import middleware
from nova_lite.api.openstack import wsgi


class URLMap(object):
    """Send a request to the app of the longest matching path prefix,
    moving that prefix from PATH_INFO to SCRIPT_NAME.

    A prefix ending in '/+' (Nova's urlmap wildcard) matches only paths
    with something after its '/': with '/v2.1' and '/v2.1/+' mapped,
    '/v2.1' and '/v2.1/' go to the first app, '/v2.1/servers' to the
    second.
    """

    def __init__(self):
        self._apps = []

    def add(self, path, app):
        wildcard = path.endswith('/+')
        prefix = path[:-2] if wildcard else path.rstrip('/')
        self._apps.append((prefix, wildcard, app))
        # Longest prefix first; a wildcard beats the exact entry it
        # extends.
        self._apps.sort(key=lambda entry: (len(entry[0]), entry[1]),
                        reverse=True)

    def _match(self, path_info):
        for prefix, wildcard, app in self._apps:
            if wildcard:
                if path_info.startswith(prefix + '/') and \
                        len(path_info) > len(prefix) + 1:
                    return prefix, app
            elif (path_info == prefix or
                  path_info.startswith(prefix + '/') or not prefix):
                return prefix, app
        return None, None

    def _version_app(self, environ):
        """(prefix, app) of the API version a request names in its
        Content-Type, else in its Accept header (``version`` parameter of
        the media type, as in 'application/json;version=2.1'), as Nova's
        urlmap finds it for a path without a version; else (None, None).
        """
        for version in (_content_type_version(environ.get('CONTENT_TYPE')),
                        _accept_version(environ.get('HTTP_ACCEPT'))):
            if version:
                prefix, app = self._match('/v' + version)
                if prefix:
                    return prefix, app
        return None, None

    def __call__(self, environ, start_response):
        path_info = environ.get('PATH_INFO', '')
        prefix, app = self._match(path_info)
        if not prefix:
            version_prefix, version_app = self._version_app(environ)
            if version_app is not None:
                # The whole path goes to that version's app.
                environ['SCRIPT_NAME'] = (environ.get('SCRIPT_NAME', '') +
                                          version_prefix)
                return version_app(environ, start_response)
        if app is None:
            return webob.exc.HTTPNotFound()(environ, start_response)
        environ['SCRIPT_NAME'] = environ.get('SCRIPT_NAME', '') + prefix
        environ['PATH_INFO'] = path_info[len(prefix):]
        return app(environ, start_response)


def _media_ranges(value):
    """(media range, q, {parameter: value}) of a header value; none if it
    cannot be parsed."""
    try:
        return [(media_range.split(';')[0].strip().lower(), q, dict(params))
                for media_range, q, params, _extensions in
                acceptparse.AcceptValidHeader.parse(value or '')]
    except ValueError:
        return []


def _content_type_version(value):
    ranges = _media_ranges(value)
    return ranges[0][2].get('version') if ranges else None


def _answered(media_range):
    return media_range in ('*/*', 'application/*') or \
        media_range in wsgi.SUPPORTED_CONTENT_TYPES


def _accept_version(value):
    """The version parameter of the Accept header's most wanted media
    type among those the API answers with."""
    acceptable = [(q, params) for media_type, q, params in _media_ranges(value)
                  if _answered(media_type) and q > 0]
    if not acceptable:
        return None
    # The first of the highest quality, as webob's best match.
    return max(acceptable, key=lambda item: item[0])[1].get('version')


def urlmap_factory(loader, global_conf, **local_conf):
    """paste.deploy composite: each option 'path = app name'."""
    urlmap = URLMap()
    for path, app_name in local_conf.items():
        urlmap.add(path, loader.get_app(app_name, global_conf=global_conf))
    return urlmap


class LegacyV2CompatibleWrapper(middleware.Middleware):
    """The v2.1 API as the legacy v2 API: the request is marked legacy
    (request bodies are then validated as Nova's v2 API did: see
    nova_lite.api.validation), it is answered at microversion 2.1 whatever
    version it asks for, and the answer does not mention microversions.
    """

    _VERSION_HEADERS = (wsgi.API_VERSION_REQUEST_HEADER,
                        wsgi.LEGACY_API_VERSION_REQUEST_HEADER)

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        req.set_legacy_v2()
        for header in self._VERSION_HEADERS:
            req.headers.pop(header, None)
        resp = req.get_response(self.application)
        self._drop_version_headers(resp)
        return resp

    def _drop_version_headers(self, resp):
        vary = resp.headers.getall('Vary')
        for header in self._VERSION_HEADERS + ('Vary',):
            if header in resp.headers:
                del resp.headers[header]
        # Vary keeps what does not name a version header.
        kept = [value.strip() for line in vary for value in line.split(',')
                if value.strip() and
                value.strip() not in self._VERSION_HEADERS]
        if kept:
            resp.headers['Vary'] = ','.join(kept)
