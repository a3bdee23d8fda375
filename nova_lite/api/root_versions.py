"""The versions document a service answers at its root, without
authentication: one entry per version, linking its base URL."""

from oslo_serialization import jsonutils
import webob
import webob.dec
import webob.exc


class Versions(object):
    """Subclasses set the versions, the path of the current one under the
    root and the status the service answers with."""

    VERSIONS = ()  # (id, status)
    VERSION_PATH = ''
    STATUS = 200

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls()

    @classmethod
    def version_list(cls, application_url):
        """{"versions": [...]}, each linking ``<root>/<VERSION_PATH>``."""
        href = application_url.rstrip('/') + '/' + cls.VERSION_PATH
        return {'versions': [
            {'id': 'v%s' % version, 'status': status,
             'links': [{'rel': 'self', 'href': href}]}
            for version, status in cls.VERSIONS]}

    @webob.dec.wsgify
    def __call__(self, req):
        if req.path_info not in ('', '/'):
            return webob.exc.HTTPNotFound()
        if req.method not in ('GET', 'HEAD'):
            return webob.exc.HTTPMethodNotAllowed(headers={'Allow': 'GET'})
        resp = webob.Response(status=self.STATUS,
                              content_type='application/json',
                              charset='UTF-8')
        resp.text = jsonutils.dumps(self.version_list(req.application_url))
        return resp
