"""The suspend and resume server actions."""

from nova_lite.api.openstack.compute import server_actions
from nova_lite.api.openstack import wsgi


class SuspendServerController(server_actions.ServerActionsController):

    @wsgi.response(202)
    def suspend(self, req, id, body):
        self._act(req, id, 'suspend', 'suspend')

    @wsgi.response(202)
    def resume(self, req, id, body):
        self._act(req, id, 'resume', 'resume')
