"""The URL map of the Networking API (v2.0): which handler answers which
method on which path. Every resource is read-only: another method on a
known path is a 405 listing the allowed ones, an unknown path a 404,
both with Neutron's error body."""

import re

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.dec

from nova_lite.api.network import common
from nova_lite.api.network import networks
from nova_lite.api.network import ports
from nova_lite import conf as nova_conf

LOG = logging.getLogger(__name__)

# The extensions whose attributes the documents carry.
EXTENSIONS = (
    ('binding', 'Port Binding',
     'Expose port bindings of a virtual port to external application'),
    ('external-net', 'Neutron external network',
     'Adds external network attribute to network resource.'),
    ('network-mtu', 'Network MTU', 'Provides MTU attribute for a network '
                                   'resource.'),
    ('project-id', 'project_id field enabled',
     'Extension that indicates that project_id field is enabled.'),
)


def extension_view(alias, name, description):
    return {'alias': alias, 'name': name, 'description': description,
            'updated': '2012-01-01T10:00:00-00:00', 'links': []}


def list_extensions(req):
    return {'extensions': [extension_view(*extension)
                           for extension in EXTENSIONS]}


def show_extension(req, alias):
    for extension in EXTENSIONS:
        if extension[0] == alias:
            return {'extension': extension_view(*extension)}
    raise common.NeutronError(404, 'HTTPNotFound',
                              'Extension with alias %s does not exist'
                              % alias)


def route_table(conf):
    """(path, {method: handler}) of the API; ``{name}`` in a path is a
    keyword argument of its handlers."""
    network_controller = networks.NetworksController(conf)
    subnet_controller = networks.SubnetsController(conf)
    port_controller = ports.PortsController(conf)
    security_group_controller = ports.SecurityGroupsController()
    return (
        ('/v2.0/extensions', {'GET': list_extensions}),
        ('/v2.0/extensions/{alias}', {'GET': show_extension}),
        ('/v2.0/networks', {'GET': network_controller.index}),
        ('/v2.0/networks/{network_id}', {'GET': network_controller.show}),
        ('/v2.0/subnets', {'GET': subnet_controller.index}),
        ('/v2.0/subnets/{subnet_id}', {'GET': subnet_controller.show}),
        ('/v2.0/ports', {'GET': port_controller.index}),
        ('/v2.0/ports/{port_id}', {'GET': port_controller.show}),
        ('/v2.0/security-groups', {'GET': security_group_controller.index}),
        ('/v2.0/security-groups/{security_group_id}',
         {'GET': security_group_controller.show}),
    )


def _path_pattern(path):
    """A regular expression of a table path; Neutron also takes a
    ``.json`` suffix."""
    pattern = re.sub(r'\\\{(\w+)\\\}', r'(?P<\1>[^/]+?)', re.escape(path))
    return re.compile('^%s(?:\\.json)?/?$' % pattern)


class APIRouter(object):
    """The app of ``/network/+``: routes a request by the table."""

    def __init__(self, conf):
        self.routes = [(_path_pattern(path), methods)
                       for path, methods in route_table(conf)]

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls(nova_conf.CONF)

    def _route(self, req):
        """(handler, keyword arguments) of the request's path and
        method; a NeutronError 404 or 405 when there is none."""
        for pattern, methods in self.routes:
            match = pattern.match(req.path_info)
            if match is None:
                continue
            method = 'GET' if req.method == 'HEAD' else req.method
            if method not in methods:
                allowed = ', '.join(sorted(methods))
                raise common.NeutronError(
                    405, 'HTTPMethodNotAllowed',
                    'The Networking API of nova-lite is read-only; '
                    'networks and ports are made with nova-lite-manage.',
                    headers={'Allow': allowed})
            return methods[method], match.groupdict()
        raise common.NeutronError(404, 'HTTPNotFound',
                                  'The resource could not be found.')

    @webob.dec.wsgify
    def __call__(self, req):
        resp = webob.Response(content_type='application/json',
                              charset='UTF-8')
        try:
            handler, kwargs = self._route(req)
            body = handler(req, **kwargs)
        except common.NeutronError as error:
            resp.status = error.status
            resp.headers.update(error.headers)
            body = error.body()
        except Exception:
            LOG.exception('Unexpected error in the network API')
            resp.status = 500
            body = common.NeutronError(
                500, 'HTTPInternalServerError',
                'Request Failed: internal server error while processing '
                'your request.').body()
        resp.text = jsonutils.dumps(body)
        return resp
