"""The pause and unpause server actions."""

from nova_lite.api.openstack.compute import server_actions
from nova_lite.api.openstack import wsgi
from nova_lite.policies import pause_server as pause_policies


class PauseServerController(server_actions.ServerActionsController):

    POLICY_ROOT = pause_policies.POLICY_ROOT

    @wsgi.response(202)
    def pause(self, req, id, body):
        self._act(req, id, 'pause', 'pause')

    @wsgi.response(202)
    def unpause(self, req, id, body):
        self._act(req, id, 'unpause', 'unpause')
