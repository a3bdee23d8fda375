"""The lock and unlock server actions. A locked server refuses most
actions to anyone but an admin; from 2.73 a lock may say why."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import lock_server as schema
from nova_lite.api.openstack.compute import servers
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.policies import lock_server as lock_policies


class LockServerController(common.ComputeAPIController):

    @wsgi.response(202)
    @validation.validated(schema.lock, '2.1', '2.72')
    @validation.validated(schema.lock_v273, '2.73')
    def lock(self, req, id, body):
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id, expected_attrs=())
        context.can(lock_policies.POLICY_ROOT % 'lock',
                    servers.target(instance))
        reason = None
        if wsgi.is_supported(req, '2.73') and body['lock'] is not None:
            reason = body['lock'].get('locked_reason')
        self.compute_api.lock(context, instance, reason=reason)

    @wsgi.response(202)
    @validation.validated(schema.unlock, '2.1', '2.72')
    def unlock(self, req, id, body):
        """An owner cannot lift an admin's lock (403)."""
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id, expected_attrs=())
        target = servers.target(instance)
        context.can(lock_policies.POLICY_ROOT % 'unlock', target)
        if not self.compute_api.is_expected_locked_by(context, instance):
            context.can(lock_policies.POLICY_ROOT % 'unlock:unlock_override',
                        target)
        self.compute_api.unlock(context, instance)
