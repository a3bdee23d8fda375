"""Authentication of compute API requests.

``noauth2`` (Nova's NoAuthMiddleware) trusts the token: ``X-Auth-Token:
user:project`` becomes the request's context, a token without ':' is
both user and project. It is for test and development clouds only.

The token may name the caller's roles after a second ':' (``alice:demo:
reader``), as Keystone would give them; without them the user ``admin``
has the ``admin`` role and any other user ``member``. Roles imply others
as Keystone's do (admin implies member, manager implies member, member
implies reader), and the policy decides what each role may do.
"""

import webob.dec
import webob.exc

from nova_lite.api.openstack import faults
from nova_lite.api.openstack import middleware
from nova_lite.api.openstack import wsgi
from nova_lite import conf as nova_conf
from nova_lite import context as nova_context


def pipeline_factory(loader, global_conf, **local_conf):
    """A paste pipeline chosen by ``[api] auth_strategy``: the composite
    lists one pipeline per strategy."""
    pipeline = local_conf[nova_conf.CONF.api.auth_strategy].split()
    filters = [loader.get_filter(name) for name in pipeline[:-1]]
    app = loader.get_app(pipeline[-1])
    for filter_ in reversed(filters):
        app = filter_(app)
    return app


class NoAuthMiddleware(middleware.Middleware):
    """Build the request context from the token; 401 without one."""

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        token = req.headers.get('X-Auth-Token')
        if not token:
            return faults.Fault(webob.exc.HTTPUnauthorized(
                explanation='The request you have made requires '
                            'authentication.'))
        user_id, _sep, rest = token.partition(':')
        project_id, _sep, roles = rest.partition(':')
        project_id = project_id or user_id
        roles = ([role.strip() for role in roles.split(',') if role.strip()]
                 or ['admin' if user_id == 'admin' else 'member'])
        req.environ['nova.context'] = nova_context.RequestContext(
            user_id=user_id, project_id=project_id,
            roles=implied_roles(roles),
            request_id=req.environ.get(wsgi.RequestId.ENV_REQUEST_ID),
            global_request_id=req.environ.get(
                wsgi.RequestId.ENV_GLOBAL_REQUEST_ID),
            remote_address=req.remote_addr)
        return self.application


# Keystone's default role implications.
_IMPLIES = {'admin': ('member',), 'manager': ('member',),
            'member': ('reader',)}


def implied_roles(roles):
    """The roles with those they imply, in order and without repeats."""
    result = []
    pending = list(roles)
    while pending:
        role = pending.pop(0)
        if role not in result:
            result.append(role)
            pending.extend(_IMPLIES.get(role, ()))
    return result
