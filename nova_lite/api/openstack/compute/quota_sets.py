"""The os-quota-sets API: a project's limits (or a user's in it), their
usage, and for admins setting and resetting them.

Anyone sees the defaults; a project's members see its quotas; only
admins change them. A new limit below what is in use, or a user's limit
above the project's, is refused unless ``force`` is given.
"""

from oslo_utils import strutils
import webob.exc

from nova_lite.api.openstack.compute.schemas import quota_sets as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import objects
from nova_lite import quota
from nova_lite.policies import quota_sets as quota_policies


def _authorize(context, action, project_id):
    """The rule of ``action`` on the quotas of ``project_id``."""
    context.can(quota_policies.POLICY_ROOT % action,
                {'project_id': project_id})


def _user_id(req):
    values = req.GET.getall('user_id')
    return values[0] if values else None


def _infinite(value):
    return float('inf') if value == -1 else value


class QuotaSetsController(object):

    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _hidden(req):
        if wsgi.is_supported(req, '2.57'):
            return quota.FILTERED_V257
        if wsgi.is_supported(req, '2.36'):
            return quota.FILTERED_V236
        return ()

    def _quota_set(self, req, project_id, values):
        body = {name: value for name, value in values.items()
                if name not in self._hidden(req)}
        if project_id is not None:
            body['id'] = project_id
        return {'quota_set': body}

    @validation.query_validated(schema.query, '2.0', '2.74')
    @validation.query_validated(schema.query_v275, '2.75')
    def show(self, req, id):
        context = req.environ['nova.context']
        _authorize(context, 'show', id)
        return self._quota_set(req, id, quota.get_limits(
            context, self.conf, id, _user_id(req)))

    @validation.query_validated(schema.query, '2.0', '2.74')
    @validation.query_validated(schema.query_v275, '2.75')
    def detail(self, req, id):
        context = req.environ['nova.context']
        _authorize(context, 'detail', id)
        return self._quota_set(req, id, quota.get_quotas(
            context, self.conf, id, _user_id(req)))

    # Unknown query parameters stay ignored at 2.102: Nova's defaults
    # does not use its strict 2.102 schema.
    def defaults(self, req, id):
        context = req.environ['nova.context']
        _authorize(context, 'defaults', id)
        return self._quota_set(req, id, quota.get_defaults(context,
                                                           self.conf))

    @validation.validated(schema.update, '2.0', '2.35')
    @validation.validated(schema.update_v236, '2.36', '2.56')
    @validation.validated(schema.update_v257, '2.57')
    @validation.query_validated(schema.query, '2.0', '2.74')
    @validation.query_validated(schema.query_v275, '2.75')
    def update(self, req, id, body):
        context = req.environ['nova.context']
        _authorize(context, 'update', id)
        user_id = _user_id(req)
        requested = body['quota_set']
        force = strutils.bool_from_string(requested.get('force', 'False'))
        settable = quota.get_settable_quotas(context, self.conf, id,
                                             user_id)
        limits = {}
        for name, value in requested.items():
            if name == 'force' or (not value and value != 0):
                continue
            value = int(value)
            if not force:
                minimum, maximum = settable[name]
                if _infinite(value) < _infinite(minimum):
                    raise webob.exc.HTTPBadRequest(
                        explanation='Quota limit %s for %s must be greater '
                                    'than or equal to already used and '
                                    'reserved %s.' % (value, name, minimum))
                if _infinite(value) > _infinite(maximum):
                    raise webob.exc.HTTPBadRequest(
                        explanation='Quota limit %s for %s must be less '
                                    'than or equal to %s.' % (
                                        value, name, maximum))
            limits[name] = value
        for name, value in limits.items():
            objects.Quotas.set_limit(context, id, name, value,
                                     user_id=user_id)
        return self._quota_set(req, None, quota.get_limits(
            context, self.conf, id, user_id))

    @validation.query_validated(schema.query, '2.0', '2.74')
    @validation.query_validated(schema.query_v275, '2.75')
    def delete(self, req, id):
        """Back to the defaults: 202, no body."""
        context = req.environ['nova.context']
        _authorize(context, 'delete', id)
        objects.Quotas.destroy_all(context, id, user_id=_user_id(req))
        return wsgi.ResponseObject(None, code=202)
