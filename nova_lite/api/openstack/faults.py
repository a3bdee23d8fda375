"""Errors as the compute API shows them.

This is the one place where an exception becomes an HTTP answer: a
nova_lite exception by its ``code`` and message, a webob HTTP error as
it is, anything else as a 500 whose message never carries the error's
text or traceback (those go to the log). The body is Nova's fault
document: ``{"itemNotFound": {"code": 404, "message": "..."}}``.
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob.dec
import webob.exc

from nova_lite.api.openstack import middleware
from nova_lite import exception

LOG = logging.getLogger(__name__)

_FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}

_UNEXPECTED = ('Unexpected API Error. Please report this at the project\'s '
               'bug tracker and attach the nova-lite-api log if possible.'
               '\n%s')


def _status_classes():
    classes = {}
    pending = [webob.exc.HTTPError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if getattr(cls, 'code', None) and cls.code not in classes:
            classes[cls.code] = cls
    return classes


_STATUS_CLASSES = _status_classes()


def _http_error(code, explanation=None, headers=None):
    cls = _STATUS_CLASSES.get(code, webob.exc.HTTPInternalServerError)
    error = cls(explanation=explanation) if explanation else cls()
    for name, value in (headers or {}).items():
        error.headers[name] = str(value)
    return error


def to_http_error(exc):
    """The webob HTTP error ``exc`` stands for."""
    if isinstance(exc, webob.exc.HTTPException):
        return exc
    if isinstance(exc, exception.VersionNotFoundForAPIMethod):
        # As if the method did not exist at this version: no details.
        return webob.exc.HTTPNotFound()
    if isinstance(exc, exception.NovaException) and (
            exc.code < 500 or exc.safe):
        return _http_error(exc.code, exc.format_message(), exc.headers)
    LOG.exception('Unexpected exception in API method')
    return webob.exc.HTTPInternalServerError(
        explanation=_UNEXPECTED % type(exc))


class Fault(webob.exc.HTTPException):
    """A WSGI app answering with the fault document of an exception."""

    def __init__(self, exc):
        self.wrapped_exc = to_http_error(exc)
        self.status_int = self.wrapped_exc.status_int

    @webob.dec.wsgify
    def __call__(self, req):
        error = self.wrapped_exc
        code = error.status_int
        name = _FAULT_NAMES.get(code, 'computeFault')
        LOG.debug('Returning %(code)s to user: %(explanation)s',
                  {'code': code, 'explanation': error.explanation})
        body = {name: {'code': code, 'message': error.explanation}}
        if code in (413, 429) and error.headers.get('Retry-After'):
            body[name]['retryAfter'] = error.headers['Retry-After']
        resp = webob.Response(status=error.status)
        for header, value in error.headers.items():
            if header.lower() not in ('content-type', 'content-length'):
                resp.headers[header] = value
        resp.content_type = 'application/json'
        resp.charset = 'UTF-8'
        resp.text = jsonutils.dumps(body)
        return resp

    def __str__(self):
        return str(self.wrapped_exc)


class FaultWrapper(middleware.Middleware):
    """Middleware turning any exception from below into a fault."""

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return req.get_response(self.application)
        except Exception as exc:
            return Fault(exc)
