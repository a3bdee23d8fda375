"""``GET /image``: the Image API versions, without authentication, as
Glance lists them (300 Multiple Choices)."""

from oslo_serialization import jsonutils
import webob
import webob.dec
import webob.exc

# Only the read-only core of v2.0 is served.
VERSIONS = (('2.0', 'CURRENT'),)


def version_list(application_url):
    """{"versions": [...]}, each linking ``<application_url>/v2/``."""
    href = application_url.rstrip('/') + '/v2/'
    return {'versions': [
        {'id': 'v%s' % version, 'status': status,
         'links': [{'rel': 'self', 'href': href}]}
        for version, status in VERSIONS]}


class Versions(object):

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls()

    @webob.dec.wsgify
    def __call__(self, req):
        if req.path_info not in ('', '/'):
            return webob.exc.HTTPNotFound()
        if req.method not in ('GET', 'HEAD'):
            return webob.exc.HTTPMethodNotAllowed(headers={'Allow': 'GET'})
        resp = webob.Response(status=300, content_type='application/json',
                              charset='UTF-8')
        resp.text = jsonutils.dumps(version_list(req.application_url))
        return resp
