"""The lock and unlock server actions. A locked server refuses most
actions to anyone but an admin; from 2.73 a lock may say why."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import lock_server as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception

# Nova's rules: lock and unlock (the server's project or an admin), and
# unlock:unlock_override (admins) to lift a lock someone else holds.
POLICY_ROOT = 'os_compute_api:os-lock-server:%s'


class LockServerController(common.ComputeAPIController):

    @wsgi.response(202)
    @validation.validated(schema.lock, '2.1', '2.72')
    @validation.validated(schema.lock_v273, '2.73')
    def lock(self, req, id, body):
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id, expected_attrs=())
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
        if (not self.compute_api.is_expected_locked_by(context, instance) and
                not context.is_admin):
            raise exception.PolicyNotAuthorized(
                action=POLICY_ROOT % 'unlock:unlock_override')
        self.compute_api.unlock(context, instance)
