"""The os-quota-class-sets API: an admin sees and sets the limits of a
quota class. Only the 'default' class applies to anyone: its limits are
every project's defaults (nova_lite.quota); a class's resource with no
limit of its own shows the ``[quota]`` option.

Before 2.50 the answers show the nova-network resources and not the
server group ones (which can be set all the same); 2.50 turns that
around, 2.57 drops the personality file resources.
"""

import webob.exc

from nova_lite.api.openstack.compute.schemas import quota_classes as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import objects
from nova_lite.policies import quota_class_sets as policies
from nova_lite import quota

# Not shown before 2.50 (Nova's bug 1693168).
EXTENDED_QUOTAS = ('server_groups', 'server_group_members')

# The quota_classes.class_name column's length.
MAX_CLASS_NAME_LENGTH = 255


class QuotaClassSetsController(object):

    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _hidden(req):
        if wsgi.is_supported(req, '2.57'):
            return quota.FILTERED_V257
        if wsgi.is_supported(req, '2.50'):
            return quota.FILTERED_V236
        return EXTENDED_QUOTAS

    def _quota_class_set(self, req, class_name, values):
        body = {name: value for name, value in values.items()
                if name not in self._hidden(req)}
        if class_name is not None:
            body['id'] = class_name
        return {'quota_class_set': body}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, id):
        context = req.environ['nova.context']
        context.can(policies.POLICY_ROOT % 'show', target={})
        return self._quota_class_set(req, id, quota.get_class_quotas(
            context, self.conf, id))

    @validation.validated(schema.update, '2.0', '2.49')
    @validation.validated(schema.update_v250, '2.50', '2.56')
    @validation.validated(schema.update_v257, '2.57')
    def update(self, req, id, body):
        """Set the class's limits given; answers with all of them, no
        ``id``."""
        context = req.environ['nova.context']
        context.can(policies.POLICY_ROOT % 'update', target={})
        if len(id) > MAX_CLASS_NAME_LENGTH:
            raise webob.exc.HTTPBadRequest(
                explanation='quota_class_name has more than %d characters.'
                            % MAX_CLASS_NAME_LENGTH)
        for name, value in body['quota_class_set'].items():
            objects.Quotas.set_class_limit(context, id, name, int(value))
        return self._quota_class_set(req, None, quota.get_class_quotas(
            context, self.conf, id))
