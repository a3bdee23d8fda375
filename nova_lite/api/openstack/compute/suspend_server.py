"""The suspend and resume server actions."""

from nova_lite.api.openstack.compute import server_actions
from nova_lite.api.openstack import wsgi
from nova_lite.policies import suspend_server as suspend_policies


class SuspendServerController(server_actions.ServerActionsController):

    POLICY_ROOT = suspend_policies.POLICY_ROOT

    @wsgi.response(202)
    def suspend(self, req, id, body):
        self._act(req, id, 'suspend', 'suspend')

    @wsgi.response(202)
    def resume(self, req, id, body):
        self._act(req, id, 'resume', 'resume')
