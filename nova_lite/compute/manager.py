"""Compute manager: builds, runs and deletes the guests of one host.

This service never opens the database: every object method it calls is
run by the conductor.
"""

import base64
import binascii
import contextlib
import datetime
import threading
import time

import oslo_messaging as messaging
from oslo_concurrency import lockutils
from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import timeutils

from nova_lite.compute import api as compute_api
from nova_lite.compute import decorators
from nova_lite.compute import power_state
from nova_lite.compute import power_sync
from nova_lite.compute import recovery
from nova_lite.compute import resource_tracker
from nova_lite.compute import server_actions
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite.conductor import api as conductor_api
from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import manager
from nova_lite.network import api as network_api
from nova_lite import objects
from nova_lite.objects import instance_action
from nova_lite.objects import instance_fault
from nova_lite import utils
from nova_lite.virt import driver as virt_driver
from nova_lite.virt.libvirt import configdrive
from nova_lite.virt import imagecache

LOG = logging.getLogger(__name__)


def _decode_files(injected_files):
    """The personality files base64-decoded, as Nova's manager does before
    a build: the API passes them on encoded."""
    decoded = []
    for path, contents in injected_files or ():
        try:
            decoded.append((path, base64.b64decode(contents)))
        except (TypeError, binascii.Error):
            raise exception.Base64Exception(path=path)
    return decoded


class ComputeManager(server_actions.ServerActionsMixin,
                     power_sync.PowerSyncMixin,
                     recovery.RecoveryMixin,
                     manager.Manager):
    """Manages the guests of one compute host: builds and deletes here,
    server actions in server_actions, recovery at start in recovery, and
    the power-state sync in power_sync."""

    target = messaging.Target(version='1.4')

    def __init__(self, host, service_name, conf, compute_driver=None):
        super().__init__(host, service_name, conf)
        self.driver = virt_driver.load_compute_driver(None, conf,
                                                      compute_driver)
        self.rt = resource_tracker.ResourceTracker(host, self.driver, conf)
        self.reportclient = self.rt.reportclient
        self.compute_task_api = conductor_api.ComputeTaskAPI()
        self.compute_api = compute_api.API(conf)
        self.network_api = network_api.API()
        self._syncs_in_progress = set()
        limit = conf.max_concurrent_builds
        self._build_semaphore = (threading.Semaphore(limit) if limit
                                 else contextlib.nullcontext())
        self.service_ref = None

    def init_host(self, service_ref):
        """Connect the driver, finish what a previous run of this service
        left half done, and publish this host's compute node."""
        self.service_ref = service_ref
        self.driver.register_event_listener(self.handle_lifecycle_event)
        self.driver.init_host(self.host)
        context = nova_context.get_admin_context()
        # The periodic task's first run is now: a host that was down may
        # hold guests of instances deleted meanwhile.
        self._cleanup_running_deleted_instances(context)
        for instance in objects.InstanceList.get_by_host(context, self.host):
            try:
                self._init_instance(context, instance)
            except Exception:
                # One instance must not keep the service from starting.
                LOG.exception('Failed to initialise the instance',
                              instance=instance)
        self.update_available_resource(context)

    def cleanup_host(self):
        self.driver.cleanup_host(self.host)

    def periodic_tasks(self, context):
        self.update_available_resource(context)
        self._check_instance_build_time(context)
        self._sync_power_states(context)
        self._cleanup_running_deleted_instances(context)
        self._run_image_cache_manager_pass(context)

    @imagecache.every_manager_interval
    def _run_image_cache_manager_pass(self, context):
        """Age this host's image cache, keeping what its instances use."""
        self.driver.manage_image_cache(
            context, objects.InstanceList.get_by_host(context, self.host))

    def _check_instance_build_time(self, context):
        """Put instances stuck in BUILD on this host longer than
        ``instance_build_timeout`` in ERROR, with a fault saying so."""
        timeout = self.conf.instance_build_timeout
        if not timeout:
            return
        cutoff = timeutils.utcnow(with_timezone=True) - \
            datetime.timedelta(seconds=timeout)
        for instance in objects.InstanceList.get_by_filters(
                context, {'host': self.host,
                          'vm_state': vm_states.BUILDING}):
            if instance.created_at and instance.created_at < cutoff:
                LOG.warning('Instance build timed out; setting to ERROR',
                            instance=instance)
                self._set_error_state(
                    context, instance, exception.InstanceBuildTimeout(
                        timeout=timeout))

    def update_available_resource(self, context):
        """Refresh the compute node record of every node of this host."""
        service_id = self.service_ref.id if self.service_ref else None
        for nodename in self.driver.get_available_nodes():
            self.rt.update_available_resource(context, nodename, service_id)

    # build

    def build_and_run_instance(self, context, instance, image, request_spec,
                               admin_password=None, injected_files=None,
                               requested_networks=None,
                               block_device_mapping=None, node=None,
                               limits=None, host_list=None):
        """Start the build in a green thread under the instance's lock and
        return at once (the RPC was a cast). ``host_list``: the alternates
        the conductor reschedules to if this host fails the build."""

        @lockutils.synchronized(instance.uuid)
        def _locked_do_build_and_run_instance():
            with self._build_semaphore:
                self._do_build_and_run_instance(
                    context, instance, image, request_spec, admin_password,
                    injected_files, requested_networks, block_device_mapping,
                    node, limits, host_list)

        utils.spawn_n(_locked_do_build_and_run_instance)

    def _do_build_and_run_instance(self, context, instance, image,
                                   request_spec, admin_password,
                                   injected_files, requested_networks,
                                   block_device_mapping, node, limits,
                                   host_list):
        node = node or self.driver.get_available_nodes()[0]
        try:
            # The instance is on this host from here on (Nova's claim sets
            # host and node): a delete now comes here.
            instance.vm_state = vm_states.BUILDING
            instance.task_state = None
            instance.host = self.host
            instance.node = node
            instance.save(expected_task_state=[task_states.SCHEDULING, None])
        except (exception.InstanceNotFound, exception.InstanceInvalidState):
            LOG.info('Instance deleted before its build started',
                     instance=instance)
            self.reportclient.delete_allocation_for_instance(context,
                                                             instance.uuid)
            return
        start = time.monotonic()
        try:
            with instance_action.EventReporter(
                    context, 'compute__do_build_and_run_instance', self.host,
                    instance.uuid):
                self._validate_instance_group_policy(context, instance,
                                                     request_spec)
                self._build_and_run_instance(
                    context, instance, image, admin_password, injected_files,
                    requested_networks, block_device_mapping, node, limits)
            LOG.info('Took %.2f seconds to build instance.',
                     time.monotonic() - start, instance=instance)
        except exception.RescheduledException as exc:
            # The next host allocates its own ports: none stay bound here.
            self._cleanup_allocated_networks(context, instance,
                                             requested_networks)
            self._reschedule(context, instance, image, request_spec,
                             admin_password, injected_files,
                             requested_networks, block_device_mapping, exc,
                             host_list)
        except (exception.InstanceNotFound, exception.InstanceInvalidState):
            LOG.info('Instance was deleted during its build',
                     instance=instance)
            self._cleanup_allocated_networks(context, instance,
                                             requested_networks)
        except Exception as exc:
            LOG.exception('Build of instance aborted', instance=instance)
            self._cleanup_allocated_networks(context, instance,
                                             requested_networks)
            self._set_error_state(context, instance, exc)

    def _validate_instance_group_policy(self, context, instance,
                                        request_spec):
        """Nova's late check: two builds scheduled at once may both have
        picked this host for an anti-affine group (or another host than
        the affine group's); the one that comes second is rescheduled."""
        group = request_spec.obj_get('instance_group') if request_spec \
            else None
        if group is None or group.policy not in ('affinity',
                                                 'anti-affinity'):
            return

        @lockutils.synchronized('group-%s' % group.uuid)
        def _validate():
            fresh = objects.InstanceGroup.get_by_uuid(context, group.uuid)
            if fresh.policy == 'anti-affinity':
                limit = int((fresh.rules or {}).get('max_server_per_host',
                                                    1))
                members = set(fresh.members) - {instance.uuid}
                here = {inst.uuid for inst in objects.InstanceList.
                        get_by_host(context, self.host)}
                if len(members & here) >= limit:
                    raise exception.RescheduledException(
                        instance_uuid=instance.uuid,
                        reason='Anti-affinity instance group policy was '
                               'violated.')
            else:
                hosts = fresh.get_hosts(exclude=[instance.uuid])
                if hosts and self.host not in hosts:
                    raise exception.RescheduledException(
                        instance_uuid=instance.uuid,
                        reason='Affinity instance group policy was '
                               'violated.')

        _validate()

    def _build_and_run_instance(self, context, instance, image,
                                admin_password, injected_files,
                                requested_networks, block_device_mapping,
                                node, limits):
        image_meta = objects.ImageMeta.from_dict(image)
        try:
            claim = self.rt.instance_claim(context, instance, node, limits)
        except exception.ComputeResourcesUnavailable as exc:
            raise exception.RescheduledException(
                instance_uuid=instance.uuid, reason=exc.format_message())
        with claim:
            with self._build_resources(context, instance, requested_networks,
                                       block_device_mapping) as resources:
                instance.task_state = task_states.SPAWNING
                configdrive.update_instance(instance,
                                            self.conf.force_config_drive,
                                            image_meta)
                instance.save(
                    expected_task_state=task_states.BLOCK_DEVICE_MAPPING)
                self._spawn(context, instance, image_meta,
                            _decode_files(injected_files), admin_password,
                            resources)
                # What Neutron's network-vif-plugged events tell Nova.
                self.network_api.set_ports_active(
                    context, instance, resources['network_info'])
                instance.power_state = self._get_power_state(instance)
                instance.vm_state = vm_states.ACTIVE
                instance.task_state = None
                instance.launched_at = timeutils.utcnow(with_timezone=True)
                instance.save(expected_task_state=task_states.SPAWNING)

    def _spawn(self, context, instance, image_meta, injected_files,
               admin_password, resources):
        start = time.monotonic()
        try:
            self.driver.spawn(
                context, instance, image_meta, injected_files,
                admin_password, allocations=None,
                network_info=resources['network_info'],
                block_device_info=resources['block_device_info'])
            LOG.info('Took %.2f seconds to spawn the instance on the '
                     'hypervisor.', time.monotonic() - start,
                     instance=instance)
        except (exception.InstanceNotFound, exception.InstanceExists,
                exception.UnsupportedVirtType, exception.ImageNotFound,
                exception.ImageUnacceptable, exception.InvalidInput):
            raise
        except Exception as exc:
            LOG.exception('Failed to spawn', instance=instance)
            reason = (exc.format_message()
                      if isinstance(exc, exception.NovaException)
                      else str(exc))
            raise exception.RescheduledException(
                instance_uuid=instance.uuid, reason=reason)

    @contextlib.contextmanager
    def _build_resources(self, context, instance, requested_networks,
                         block_device_mapping):
        """Networks then block devices. If anything inside fails, even after
        the guest started, the guest is shut down and its VIFs unplugged so
        that no domain, disk or tap outlives a build that is rescheduled or
        failed (Nova's _shutdown_instance in _build_resources); the ports
        themselves are given back by the caller."""
        instance.task_state = task_states.NETWORKING
        instance.save(expected_task_state=[None])
        network_info = self._build_networks_for_instance(
            context, instance, requested_networks)
        instance.task_state = task_states.BLOCK_DEVICE_MAPPING
        instance.save(expected_task_state=task_states.NETWORKING)
        block_device_info = {'root_device_name': None, 'ephemerals': [],
                             'swap': None, 'block_device_mapping': []}
        try:
            yield {'network_info': network_info,
                   'block_device_info': block_device_info}
        except Exception:
            with excutils.save_and_reraise_exception():
                LOG.info('Build failed; destroying what was created',
                         instance=instance)
                try:
                    self.driver.destroy(context, instance, network_info,
                                        block_device_info)
                except Exception:
                    LOG.exception('Could not clean up the failed build',
                                  instance=instance)

    def _build_networks_for_instance(self, context, instance,
                                     requested_networks):
        """Allocate the instance's ports, bound to this host. A failure
        aborts the build (no reschedule), with Nova's reasons."""
        try:
            return self.network_api.allocate_for_instance(
                context, instance, requested_networks, bind_host_id=self.host)
        except exception.InstanceNotFound:
            raise
        except exception.NoMoreFixedIps as exc:
            reason = ('Failed to allocate the network(s) with error %s, not '
                      'rescheduling.' % exc.format_message())
        except exception.InvalidInput as exc:
            reason = exc.format_message()
        except Exception:
            LOG.exception('Failed to allocate network(s)', instance=instance)
            reason = 'Failed to allocate the network(s), not rescheduling.'
        raise exception.BuildAbortException(instance_uuid=instance.uuid,
                                            reason=reason)

    def _cleanup_allocated_networks(self, context, instance,
                                    requested_networks):
        """Unplug and give back the instance's ports (user ports are kept,
        unbound); failures are logged, never raised."""
        try:
            network_info = self._get_network_info(context, instance)
            self.driver.unplug_vifs(instance, network_info)
            self.network_api.deallocate_for_instance(
                context, instance, requested_networks=requested_networks)
        except Exception:
            LOG.exception('Failed to deallocate networks', instance=instance)

    def _get_network_info(self, context, instance):
        """The cached network_info, or, when the cache is empty (a build
        killed between creating its ports and caching them), what the
        instance's ports say now, as Nova does."""
        network_info = objects.InstanceInfoCache.get_by_instance_uuid(
            context, instance.uuid).network_info
        if not network_info:
            network_info = self.network_api.get_instance_nw_info(context,
                                                                 instance)
        return network_info

    def _shutdown_instance(self, context, instance):
        """Destroy the guest, unplug its VIFs and give back its ports."""
        network_info = self._get_network_info(context, instance)
        self.driver.destroy(context, instance, network_info,
                            block_device_info=None)
        self.network_api.deallocate_for_instance(context, instance)

    def _reschedule(self, context, instance, image, request_spec,
                    admin_password, injected_files, requested_networks,
                    block_device_mapping, exc, host_list):
        LOG.info('Rescheduling: %s', exc.format_message(), instance=instance)
        instance_fault.fault_from_exc(context, instance, exc, self.host)
        failed_host = self.host
        instance.task_state = task_states.SCHEDULING
        instance.host = None
        instance.node = None
        instance.save()
        self.compute_task_api.build_instances(
            context, instance, request_spec, image, admin_password,
            injected_files, requested_networks, block_device_mapping,
            failed_host, exc.kwargs.get('reason') or exc.format_message(),
            host_list=host_list)

    def _set_error_state(self, context, instance, exc, keep_host=False):
        """ERROR with ``exc`` as the fault; a build that failed leaves the
        host, an instance that lives here (``keep_host``) stays on it."""
        try:
            if not keep_host:
                # Off this host, nothing of it may stay counted here; given
                # back before the server shows ERROR, as Nova's claim abort
                # does.
                self.reportclient.delete_allocation_for_instance(
                    context, instance.uuid)
        finally:
            self._save_error_state(context, instance, exc, keep_host)

    def _save_error_state(self, context, instance, exc, keep_host):
        try:
            if exc is not None:
                instance_fault.fault_from_exc(context, instance, exc,
                                              self.host)
            instance.vm_state = vm_states.ERROR
            instance.task_state = None
            if not keep_host:
                instance.host = None
                instance.node = None
            instance.save()
        except exception.InstanceNotFound:
            pass

    def _get_power_state(self, instance):
        try:
            return self.driver.get_info(instance).state
        except exception.InstanceNotFound:
            return power_state.NOSTATE

    # delete

    @decorators.reverts_task_state
    @decorators.wrap_instance_fault
    def terminate_instance(self, context, instance, bdms=None):
        """Destroy the guest, give back its resources, delete the record."""

        @lockutils.synchronized(instance.uuid)
        def do_terminate_instance():
            with instance_action.EventReporter(
                    context, 'compute_terminate_instance', self.host,
                    instance.uuid):
                self._shutdown_instance(context, instance)
            self.rt.drop_instance(context, instance)
            self.reportclient.delete_allocation_for_instance(context,
                                                             instance.uuid)
            instance.destroy()
            LOG.info('Instance destroyed', instance=instance)

        do_terminate_instance()

    def get_host_uptime(self, context):
        """What ``uptime`` prints on this host (os-hypervisors)."""
        return self.driver.get_host_uptime()

    def cache_images(self, context, image_ids):
        """Have the driver cache each of ``image_ids`` (a pre-cache
        request, one image after the other); returns {image id: 'cached'
        (downloaded), 'existing' (cached already), 'unsupported' (the
        driver has no image cache) or 'error'}."""
        LOG.info('Caching %i image(s) by request', len(image_ids))
        results = {}
        for image_id in image_ids:
            try:
                fetched = self.driver.cache_image(context, image_id)
                results[image_id] = 'cached' if fetched else 'existing'
            except NotImplementedError:
                LOG.warning('Virt driver does not support image '
                            'pre-caching; ignoring request')
                results[image_id] = 'unsupported'
            except Exception as exc:
                # One image must not keep the others from being cached.
                LOG.error('Failed to cache image %(image_id)s: %(err)s',
                          {'image_id': image_id, 'err': exc})
                results[image_id] = 'error'
        return results

    # actions

    def get_console_output(self, context, instance, tail_length=None):
        """The guest's console log, its last ``tail_length`` lines if set."""
        try:
            output = self.driver.get_console_output(context, instance)
        except exception.InstanceNotFound:
            raise exception.ConsoleNotAvailable()
        if tail_length is not None:
            output = '\n'.join(output.split('\n')[-int(tail_length):])
        return output
