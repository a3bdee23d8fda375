"""The server actions that change a guest's life: reboot, rebuild,
os-start and os-stop (Nova has these in servers.py)."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute import helpers
from nova_lite.api.openstack.compute.schemas import server_actions as schema
from nova_lite.api.openstack.compute import servers
from nova_lite.api.openstack.compute.views import servers as views_servers
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception
from nova_lite.policies import servers as server_policies


class ServerActionsController(common.ComputeAPIController):

    # The policy rule of an action is POLICY_ROOT % its name.
    POLICY_ROOT = server_policies.SERVERS

    def __init__(self, conf, compute=None):
        super().__init__(conf, compute)
        self._view_builder = views_servers.ViewBuilder(conf)

    def _act(self, req, id, action, method, *args, **kwargs):
        """Run compute API ``method`` on the server, turning a state that
        does not allow it into Nova's 409."""
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id)
        context.can(self.POLICY_ROOT % action, servers.target(instance))
        try:
            return getattr(self.compute_api, method)(context, instance,
                                                     *args, **kwargs)
        except exception.InstanceInvalidState as exc:
            raise servers.conflict(exc, action, id)

    @wsgi.response(202)
    @validation.validated(schema.reboot)
    def reboot(self, req, id, body):
        reboot_type = body['reboot']['type'].upper()
        self._act(req, id, 'reboot', 'reboot', reboot_type)

    @wsgi.response(202)
    def start(self, req, id, body):
        self._act(req, id, 'start', 'start')

    @wsgi.response(202)
    def stop(self, req, id, body):
        self._act(req, id, 'stop', 'stop')

    @wsgi.response(202)
    @servers.for_versions(validation.validated, schema.REBUILD_SCHEMAS)
    def rebuild(self, req, id, body):
        """Rebuild from imageRef; answers with the server and its new
        adminPass."""
        rebuild = body['rebuild']
        password = servers.admin_password(self.conf, rebuild)
        kwargs = {'name': rebuild.get('name'),
                  'metadata': rebuild.get('metadata'),
                  'preserve_ephemeral': rebuild.get('preserve_ephemeral',
                                                    False)}
        if 'description' in rebuild:
            kwargs['description'] = rebuild['description']
        kwargs.update(helpers.translate_attributes(rebuild))
        for key in ('user_data', 'key_name', 'hostname'):
            if key in rebuild:
                kwargs[key] = rebuild[key]
        try:
            instance = self._act(req, id, 'rebuild', 'rebuild',
                                 rebuild['imageRef'], password, **kwargs)
        except exception.ImageNotFound:
            raise exception.Invalid('Cannot find image for rebuild')
        except exception.KeypairNotFound:
            raise exception.Invalid('Invalid key_name provided.')
        view = self._view_builder.rebuild(req, instance,
                                          show_user_data=False)
        if self.conf.api.enable_instance_password:
            view['server']['adminPass'] = password
        if wsgi.is_supported(req, '2.54'):
            view['server']['key_name'] = instance.key_name
        if wsgi.is_supported(req, '2.57'):
            view['server']['user_data'] = instance.user_data
        return view
