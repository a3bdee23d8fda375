"""Conductor managers: object indirection for database-less services, and
the build workflow between the API, the scheduler and compute hosts."""

import oslo_messaging as messaging
from oslo_log import log as logging
from oslo_utils import versionutils

from nova_lite.compute import rpcapi as compute_rpcapi
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite.conductor import image_cache
from nova_lite import exception
from nova_lite import manager
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite.objects import base as objects_base
from nova_lite.objects import instance_action
from nova_lite.objects import instance_fault
from nova_lite import quota
from nova_lite.scheduler.client import report
from nova_lite.scheduler import rpcapi as scheduler_rpcapi

LOG = logging.getLogger(__name__)


class ConductorManager(manager.Manager):
    """Runs object methods for services that may not open the database."""

    target = messaging.Target(version='1.0')

    def __init__(self, host, service_name, conf):
        super().__init__(host, service_name, conf)
        self.compute_task_mgr = ComputeTaskManager(host, service_name, conf)

    def additional_endpoints(self):
        return [self.compute_task_mgr]

    def ping(self, context, arg):
        return {'service': 'conductor', 'arg': arg}

    # Object methods raise NovaExceptions as answers (e.g. not found); they
    # go back to the caller without an error in this service's log.
    @messaging.expected_exceptions(exception.NovaException)
    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        """Run a remotable classmethod; return its result in the versions
        the caller knows."""
        objclass = objects_base.NovaObject.obj_class_from_name(
            objname, object_versions[objname])
        result = getattr(objclass, objmethod)(context, *args, **kwargs)
        if isinstance(result, objects_base.NovaObject):
            wanted = object_versions.get(result.obj_name(), result.VERSION)
            if (versionutils.convert_version_to_tuple(wanted) <
                    versionutils.convert_version_to_tuple(result.VERSION)):
                return result.obj_to_primitive(
                    target_version=wanted, version_manifest=object_versions)
        return result

    @messaging.expected_exceptions(exception.NovaException)
    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run a remotable method; return (changed fields, result)."""
        before = objinst.obj_clone()
        result = getattr(objinst, objmethod)(*args, **kwargs)
        updates = {}
        for name, field in objinst.fields.items():
            if not objinst.obj_attr_is_set(name):
                continue
            if (not before.obj_attr_is_set(name) or
                    getattr(before, name) != getattr(objinst, name)):
                updates[name] = field.to_primitive(objinst, name,
                                                   getattr(objinst, name))
        updates['obj_what_changed'] = objinst.obj_what_changed()
        return updates, result

    def object_backport_versions(self, context, objinst, object_versions):
        return objinst.obj_to_primitive(
            target_version=object_versions[objinst.obj_name()],
            version_manifest=object_versions)


class ComputeTaskManager(object):
    """The build workflow: schedule, then cast to the chosen compute host;
    a failed build goes to the next alternate the scheduler gave. And
    image pre-caching on the hosts of an aggregate."""

    target = messaging.Target(namespace='compute_task', version='1.2')

    def __init__(self, host, service_name, conf):
        self.host = host
        self.conf = conf
        self.scheduler_rpcapi = scheduler_rpcapi.SchedulerAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self.report_client = report.SchedulerReportClient()

    def schedule_and_build_instances(self, context, instances, request_spec,
                                     image, admin_password, injected_files,
                                     requested_networks,
                                     block_device_mapping):
        """Pick a host for each new instance and cast its build there; an
        instance no host can take goes to ERROR with a fault, and so do
        all of them if the request's instances, now counted, are over
        quota (a race the API's check could not see)."""
        uuids = [inst.uuid for inst in instances]
        try:
            self._populate_group_info(context, request_spec)
            with instance_action.EventReporter(
                    context, 'schedule_instances', self.host, uuids[0]):
                host_lists = self.scheduler_rpcapi.select_destinations(
                    context, request_spec, uuids)
            self._recheck_quota(context, request_spec.flavor, instances[0],
                                len(instances))
        except Exception as exc:
            for inst in instances:
                self._cleanup_when_build_fails(context, inst, exc)
            return
        for inst, host_list in zip(instances, host_lists):
            self._build_on(context, inst, host_list[0], host_list[1:],
                           request_spec, image, admin_password,
                           injected_files, requested_networks,
                           block_device_mapping)

    def cache_images(self, context, aggregate, image_ids):
        """Have every compute host of ``aggregate`` that is up cache the
        images ``image_ids``, and log what became of them."""
        image_cache.cache_images(context, self.conf, self.compute_rpcapi,
                                 aggregate, image_ids)

    def _recheck_quota(self, context, flavor, instance, orig_num_req):
        """TooManyInstances if the project (or the user in it) of the
        request's instances, counted now that they exist, is over its
        quota: parallel requests may all have passed the API's check."""
        if not self.conf.quota.recheck_quota:
            return
        quota.recheck_num_instances(context, self.conf, flavor,
                                    instance.project_id, instance.user_id,
                                    orig_num_req)

    @staticmethod
    def _populate_group_info(context, request_spec):
        """The server group as it is now, with its members' hosts, for
        the affinity filters (Nova's setup_instance_group)."""
        group = request_spec.obj_get('instance_group')
        if group is None:
            return
        group = objects.InstanceGroup.get_by_uuid(context, group.uuid)
        group.hosts = group.get_hosts()
        request_spec.instance_group = group

    def build_instances(self, context, instance, request_spec, image,
                        admin_password, injected_files, requested_networks,
                        block_device_mapping, failed_host, reason,
                        host_list=None):
        """Reschedule a build that failed on ``failed_host`` to the first
        alternate whose resources can be claimed, with no new call to the
        scheduler; at most ``[scheduler] max_attempts`` hosts in all."""
        request_spec.retry_hosts = list(request_spec.retry_hosts or []) + [
            failed_host]
        request_spec.save()
        max_attempts = self.conf.scheduler.max_attempts
        if len(request_spec.retry_hosts) >= max_attempts:
            self._cleanup_when_build_fails(
                context, instance, exception.MaxRetriesExceeded(
                    reason='Exceeded max scheduling attempts %d for '
                           'instance %s. Last exception: %s' % (
                               max_attempts, instance.uuid, reason)))
            return
        host_list = list(host_list or [])
        selection = None
        while host_list and selection is None:
            candidate = host_list.pop(0)
            if self.report_client.claim_resources(
                    context, instance.uuid,
                    candidate.allocations()) is not None:
                selection = candidate
        if selection is None:
            self._cleanup_when_build_fails(
                context, instance, exception.MaxRetriesExceeded(
                    reason='Exhausted all hosts available for retrying '
                           'build failures for instance %s.' %
                           instance.uuid))
            return
        LOG.info('Rescheduling to %s after failure on %s: %s',
                 selection.service_host, failed_host, reason,
                 instance=instance)
        self._build_on(context, instance, selection, host_list, request_spec,
                       image, admin_password, injected_files,
                       requested_networks, block_device_mapping)

    def _build_on(self, context, instance, selection, alternates,
                  request_spec, image, admin_password, injected_files,
                  requested_networks, block_device_mapping):
        uuid = instance.uuid
        try:
            instance.refresh()
            if instance.task_state != task_states.DELETING:
                # As Nova: the server is in its host's zone from now on,
                # which the availability_zone list filter reads.
                instance.availability_zone = \
                    aggregate_obj.get_host_availability_zone(
                        context.elevated(), selection.service_host,
                        self.conf)
                instance.save()
        except exception.InstanceNotFound:
            instance = None
        if instance is None or instance.task_state == task_states.DELETING:
            # Deleted before it reached a host: the delete could not see
            # the claim made meanwhile, so it is given back here.
            LOG.info('Instance %s deleted while scheduling', uuid)
            self.report_client.delete_allocation_for_instance(context, uuid)
            return
        LOG.info('Casting build to %s', selection.service_host,
                 instance=instance)
        self.compute_rpcapi.build_and_run_instance(
            context, instance, host=selection.service_host, image=image,
            request_spec=request_spec, admin_password=admin_password,
            injected_files=injected_files,
            requested_networks=requested_networks,
            block_device_mapping=block_device_mapping,
            node=selection.nodename, limits=selection.limits,
            host_list=alternates)

    def _cleanup_when_build_fails(self, context, instance, exc):
        """ERROR with ``exc`` as the fault, and no allocation left."""
        self.report_client.delete_allocation_for_instance(context,
                                                          instance.uuid)
        self._set_error(context, instance, exc)

    def _set_error(self, context, instance, exc):
        LOG.warning('Setting instance to ERROR state: %s', exc,
                    instance=instance)
        try:
            instance.refresh()
        except exception.InstanceNotFound:
            return
        # The fault first: whoever sees ERROR sees why.
        instance_fault.fault_from_exc(context, instance, exc, self.host)
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        instance.host = None
        instance.node = None
        instance.save()
