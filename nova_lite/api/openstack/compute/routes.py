"""The URL map of the compute API (v2.1): which handler answers which
method on which path.

Every path is also served under ``/{project_id}``, as Nova's v2.1 URLs
may carry the project (it must then be the caller's). A known path with
another method is a 405 listing the allowed ones; an unknown path is a
404 fault.
"""

import functools

import routes
import routes.middleware
import webob.dec
import webob.exc

from nova_lite.api.openstack.compute import aggregates
from nova_lite.api.openstack.compute import attach_interfaces
from nova_lite.api.openstack.compute import availability_zone
from nova_lite.api.openstack.compute import console_output
from nova_lite.api.openstack.compute import flavor_access
from nova_lite.api.openstack.compute import flavors
from nova_lite.api.openstack.compute import flavors_extraspecs
from nova_lite.api.openstack.compute import hypervisors
from nova_lite.api.openstack.compute import images
from nova_lite.api.openstack.compute import instance_actions
from nova_lite.api.openstack.compute import ips
from nova_lite.api.openstack.compute import keypairs
from nova_lite.api.openstack.compute import limits
from nova_lite.api.openstack.compute import lock_server
from nova_lite.api.openstack.compute import pause_server
from nova_lite.api.openstack.compute import quota_classes
from nova_lite.api.openstack.compute import quota_sets
from nova_lite.api.openstack.compute import server_actions
from nova_lite.api.openstack.compute import server_groups
from nova_lite.api.openstack.compute import server_metadata
from nova_lite.api.openstack.compute import server_tags
from nova_lite.api.openstack.compute import services
from nova_lite.api.openstack.compute import servers
from nova_lite.api.openstack.compute import suspend_server
from nova_lite.api.openstack.compute import versions
from nova_lite.api.openstack import faults
from nova_lite.api.openstack import wsgi
from nova_lite import conf as nova_conf

# A project id is hex or hex with dashes (integers included), so it cannot
# be taken for a collection name such as 'servers'.
PROJECT_ID_PATTERN = r'[0-9a-f\-]+'


def route_table(conf):
    """(path, {method: handler}) of the API; a handler of an action path
    is a dict {action name: handler}."""
    server_controller = servers.ServersController(conf)
    console_controller = console_output.ConsoleOutputController(conf)
    flavor_controller = flavors.FlavorsController(conf)
    extra_specs_controller = flavors_extraspecs.FlavorExtraSpecsController(
        conf)
    flavor_access_controller = flavor_access.FlavorAccessController(conf)
    image_controller = images.ImagesController(conf)
    interface_controller = attach_interfaces.InterfaceAttachmentController(
        conf)
    ips_controller = ips.IPsController(conf)
    keypair_controller = keypairs.KeypairController(conf)
    actions_controller = server_actions.ServerActionsController(conf)
    pause_controller = pause_server.PauseServerController(conf)
    suspend_controller = suspend_server.SuspendServerController(conf)
    lock_controller = lock_server.LockServerController(conf)
    version_controller = versions.VersionsController()
    aggregate_controller = aggregates.AggregateController(conf)
    zone_controller = availability_zone.AvailabilityZoneController(conf)
    group_controller = server_groups.ServerGroupController(conf)
    service_controller = services.ServiceController(conf)
    hypervisor_controller = hypervisors.HypervisorsController(conf)
    limits_controller = limits.LimitsController(conf)
    metadata_controller = server_metadata.ServerMetadataController(conf)
    tags_controller = server_tags.ServerTagsController(conf)
    instance_actions_controller = (
        instance_actions.InstanceActionsController(conf))
    quota_controller = quota_sets.QuotaSetsController(conf)
    quota_class_controller = quota_classes.QuotaClassSetsController(conf)
    return (
        ('/', {'GET': version_controller.show}),
        ('/flavors', {'GET': flavor_controller.index,
                      'POST': flavor_controller.create}),
        ('/flavors/detail', {'GET': flavor_controller.detail}),
        ('/flavors/{id}', {'GET': flavor_controller.show,
                           'PUT': flavor_controller.update,
                           'DELETE': flavor_controller.delete}),
        ('/flavors/{flavor_id}/os-extra_specs',
         {'GET': extra_specs_controller.index,
          'POST': extra_specs_controller.create}),
        ('/flavors/{flavor_id}/os-extra_specs/{id}',
         {'GET': extra_specs_controller.show,
          'PUT': extra_specs_controller.update,
          'DELETE': extra_specs_controller.delete}),
        ('/flavors/{flavor_id}/os-flavor-access',
         {'GET': flavor_access_controller.index}),
        ('/flavors/{id}/action', {'POST': {
            'addTenantAccess': flavor_access_controller.add_tenant_access,
            'removeTenantAccess':
                flavor_access_controller.remove_tenant_access,
        }}),
        ('/images', {'GET': image_controller.index}),
        ('/images/detail', {'GET': image_controller.detail}),
        ('/images/{id}', {'GET': image_controller.show}),
        ('/limits', {'GET': limits_controller.index}),
        ('/os-aggregates', {'GET': aggregate_controller.index,
                            'POST': aggregate_controller.create}),
        ('/os-aggregates/{id}', {'GET': aggregate_controller.show,
                                 'PUT': aggregate_controller.update,
                                 'DELETE': aggregate_controller.delete}),
        ('/os-aggregates/{id}/action', {'POST': {
            'add_host': aggregate_controller.add_host,
            'remove_host': aggregate_controller.remove_host,
            'set_metadata': aggregate_controller.set_metadata,
        }}),
        ('/os-aggregates/{id}/images',
         {'POST': aggregate_controller.images}),
        ('/os-availability-zone', {'GET': zone_controller.index}),
        ('/os-availability-zone/detail', {'GET': zone_controller.detail}),
        ('/os-hypervisors', {'GET': hypervisor_controller.index}),
        ('/os-hypervisors/detail', {'GET': hypervisor_controller.detail}),
        ('/os-hypervisors/statistics',
         {'GET': hypervisor_controller.statistics}),
        ('/os-hypervisors/{id}', {'GET': hypervisor_controller.show}),
        ('/os-hypervisors/{id}/uptime',
         {'GET': hypervisor_controller.uptime}),
        ('/os-hypervisors/{id}/search',
         {'GET': hypervisor_controller.search}),
        ('/os-hypervisors/{id}/servers',
         {'GET': hypervisor_controller.servers}),
        ('/os-keypairs', {'GET': keypair_controller.index,
                          'POST': keypair_controller.create}),
        ('/os-keypairs/{id}', {'GET': keypair_controller.show,
                               'DELETE': keypair_controller.delete}),
        ('/os-quota-class-sets/{id}', {'GET': quota_class_controller.show,
                                       'PUT': quota_class_controller.update}),
        ('/os-quota-sets/{id}', {'GET': quota_controller.show,
                                 'PUT': quota_controller.update,
                                 'DELETE': quota_controller.delete}),
        ('/os-quota-sets/{id}/defaults',
         {'GET': quota_controller.defaults}),
        ('/os-quota-sets/{id}/detail', {'GET': quota_controller.detail}),
        ('/os-server-groups', {'GET': group_controller.index,
                               'POST': group_controller.create}),
        ('/os-server-groups/{id}', {'GET': group_controller.show,
                                    'DELETE': group_controller.delete}),
        ('/os-services', {'GET': service_controller.index}),
        ('/os-services/{id}', {'PUT': service_controller.update,
                               'DELETE': service_controller.delete}),
        ('/servers', {'GET': server_controller.index,
                      'POST': server_controller.create}),
        ('/servers/detail', {'GET': server_controller.detail}),
        ('/servers/{id}', {'GET': server_controller.show,
                           'PUT': server_controller.update,
                           'DELETE': server_controller.delete}),
        ('/servers/{server_id}/ips', {'GET': ips_controller.index}),
        ('/servers/{server_id}/ips/{id}', {'GET': ips_controller.show}),
        ('/servers/{server_id}/metadata',
         {'GET': metadata_controller.index,
          'POST': metadata_controller.create,
          'PUT': metadata_controller.update_all}),
        ('/servers/{server_id}/metadata/{id}',
         {'GET': metadata_controller.show,
          'PUT': metadata_controller.update,
          'DELETE': metadata_controller.delete}),
        ('/servers/{server_id}/os-instance-actions',
         {'GET': instance_actions_controller.index}),
        ('/servers/{server_id}/os-instance-actions/{id}',
         {'GET': instance_actions_controller.show}),
        ('/servers/{server_id}/tags',
         {'GET': tags_controller.index,
          'PUT': tags_controller.update_all,
          'DELETE': tags_controller.delete_all}),
        ('/servers/{server_id}/tags/{id}',
         {'GET': tags_controller.show,
          'PUT': tags_controller.update,
          'DELETE': tags_controller.delete}),
        ('/servers/{server_id}/os-interface',
         {'GET': interface_controller.index}),
        ('/servers/{server_id}/os-interface/{id}',
         {'GET': interface_controller.show}),
        ('/servers/{id}/action', {'POST': {
            'os-getConsoleOutput': console_controller.get_console_output,
            'reboot': actions_controller.reboot,
            'rebuild': actions_controller.rebuild,
            'os-start': actions_controller.start,
            'os-stop': actions_controller.stop,
            'pause': pause_controller.pause,
            'unpause': pause_controller.unpause,
            'suspend': suspend_controller.suspend,
            'resume': suspend_controller.resume,
            'lock': lock_controller.lock,
            'unlock': lock_controller.unlock,
        }}),
    )


def _route_key(path, method):
    # A string: routes hands the values of a route back as strings.
    return '%s %s' % (method, path)


def _resource(handler):
    if isinstance(handler, dict):
        return wsgi.Resource(actions=handler)
    return wsgi.Resource(handler)


@functools.lru_cache(maxsize=None)
def _mapper(paths):
    """The routes.Mapper of ``paths``, ((path, (method, ...)), ...).

    A route names its (path, method) and the router holding the handlers
    looks it up, so one mapper, built once, serves every router of the
    same table: building one costs far more than a request.
    """
    mapper = routes.Mapper()
    requirements = {'project_id': PROJECT_ID_PATTERN}
    for path, methods in paths:
        for prefix in ('', '/{project_id}'):
            full_path = prefix + path if path != '/' or not prefix \
                else prefix
            for method in methods:
                mapper.connect(full_path, route_key=_route_key(path, method),
                               requirements=requirements,
                               conditions={'method': [method]})
            # Any other method on a known path: 405 with Allow.
            mapper.connect(full_path, allowed=', '.join(methods),
                           requirements=requirements)
    return mapper


class APIRouter(object):
    """Route a request to the Resource of its path and method."""

    def __init__(self, conf):
        table = route_table(conf)
        self.resources = {
            _route_key(path, method): _resource(handler)
            for path, methods in table
            for method, handler in methods.items()}
        self.map = _mapper(tuple((path, tuple(sorted(methods)))
                                 for path, methods in table))
        self._router = routes.middleware.RoutesMiddleware(
            self._dispatch, self.map, use_method_override=False)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls(nova_conf.CONF)

    @webob.dec.wsgify
    def __call__(self, req):
        return self._router

    @webob.dec.wsgify
    def _dispatch(self, req):
        match = req.environ['wsgiorg.routing_args'][1]
        if not match:
            return faults.Fault(webob.exc.HTTPNotFound())
        if 'allowed' in match:
            return faults.Fault(webob.exc.HTTPMethodNotAllowed(
                explanation='The method %s is not allowed for this '
                            'resource.' % req.method,
                headers={'Allow': match['allowed']}))
        return self.resources[match['route_key']]
