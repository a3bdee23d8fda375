"""Client side of the conductor RPC API."""

import oslo_messaging as messaging

from nova_lite import rpc

RPC_TOPIC = 'conductor'


class ConductorAPI(object):
    """Client of the conductor's object endpoint: the indirection API through
    which services without database access (compute) run object methods.

    API version history:

        * 1.0 - Initial version: object_class_action_versions,
                object_action, object_backport_versions, ping
    """

    VERSION = '1.0'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version=self.VERSION)
        self.client = rpc.get_client(target)

    def ping(self, context, arg, timeout=None):
        """Return ``arg`` from the conductor (a call): it is up."""
        cctxt = self.client.prepare(timeout=timeout)
        return cctxt.call(context, 'ping', arg=arg)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        """Run a remotable classmethod in the conductor (a call)."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions,
                          args=args, kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run a remotable method of ``objinst`` in the conductor (a call);
        returns (changed fields, result)."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        """Return ``objinst`` as a primitive of the versions the caller
        knows (a call)."""
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)


class ComputeTaskAPI(object):
    """Client of the conductor's compute-task endpoint (namespace
    ``compute_task``): long-running workflows across services.

    API version history:

        * 1.0 - Initial version: schedule_and_build_instances,
                build_instances
        * 1.1 - build_instances: host_list (alternates to claim and try)
        * 1.2 - cache_images
    """

    VERSION = '1.2'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, namespace='compute_task',
                                  version=self.VERSION)
        self.client = rpc.get_client(target)

    def schedule_and_build_instances(self, context, instances, request_spec,
                                     image, admin_password, injected_files,
                                     requested_networks,
                                     block_device_mapping):
        """Schedule new instances and cast their builds (a cast)."""
        cctxt = self.client.prepare(version='1.0')
        cctxt.cast(context, 'schedule_and_build_instances',
                   instances=instances, request_spec=request_spec,
                   image=image, admin_password=admin_password,
                   injected_files=injected_files,
                   requested_networks=requested_networks,
                   block_device_mapping=block_device_mapping)

    def build_instances(self, context, instance, request_spec, image,
                        admin_password, injected_files, requested_networks,
                        block_device_mapping, failed_host, reason,
                        host_list=None):
        """Reschedule an instance whose build failed on ``failed_host`` to
        the first of ``host_list`` that can be claimed (a cast)."""
        cctxt = self.client.prepare(version='1.1')
        cctxt.cast(context, 'build_instances', instance=instance,
                   request_spec=request_spec, image=image,
                   admin_password=admin_password,
                   injected_files=injected_files,
                   requested_networks=requested_networks,
                   block_device_mapping=block_device_mapping,
                   failed_host=failed_host, reason=reason,
                   host_list=host_list)

    def cache_images(self, context, aggregate, image_ids):
        """Have the compute hosts of ``aggregate`` cache the images
        ``image_ids`` (a cast: the conductor waits for the hosts)."""
        cctxt = self.client.prepare(version='1.2')
        cctxt.cast(context, 'cache_images', aggregate=aggregate,
                   image_ids=image_ids)
