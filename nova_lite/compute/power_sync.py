"""Keeping the recorded state of this host's instances true to the
hypervisor, as Nova's ComputeManager does: lifecycle events from the
driver, the periodic _sync_power_states, and guests left running for
deleted instances. ComputeManager inherits these methods."""

from oslo_concurrency import lockutils
from oslo_log import log as logging
from oslo_utils import timeutils

from nova_lite.compute import power_state
from nova_lite.compute import vm_states
from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import manager
from nova_lite import objects
from nova_lite import utils

LOG = logging.getLogger(__name__)


class PowerSyncMixin(object):
    """Needs ComputeManager's driver, compute_api, host, conf,
    _get_power_state, _shutdown_instance and a ``_syncs_in_progress``
    set."""

    # -- lifecycle events -------------------------------------------------

    def handle_lifecycle_event(self, event):
        """A guest changed state: align its instance, in a green thread
        under the instance's lock so it never races an action."""
        utils.spawn_n(self._handle_lifecycle_event, event)

    def _handle_lifecycle_event(self, event):
        context = nova_context.get_admin_context()
        try:
            instance = objects.Instance.get_by_uuid(context, event.uuid)
        except exception.InstanceNotFound:
            LOG.debug('Event %s for unknown instance %s', event.name,
                      event.uuid)
            return
        LOG.info('VM %s (Lifecycle Event)', event.name, instance=instance)
        self._query_driver_power_state_and_sync(context, instance)

    # -- periodic sync ----------------------------------------------------

    @manager.periodic_task(lambda conf: conf.sync_power_state_interval)
    def _sync_power_states(self, context):
        """Align the power state of every instance on this host."""
        db_instances = objects.InstanceList.get_by_host(context, self.host)
        num_vm_instances = len(self.driver.list_instance_uuids())
        if num_vm_instances != len(db_instances):
            LOG.warning('While synchronizing instance power states, found '
                        '%(num_db)d instances in the database and '
                        '%(num_vm)d instances on the hypervisor.',
                        {'num_db': len(db_instances),
                         'num_vm': num_vm_instances})
        for instance in db_instances:
            # One green thread each: an instance whose lock an action
            # holds (a stop waiting for its guest) must not hold up the
            # others, nor the service's other periodic tasks.
            if instance.uuid in self._syncs_in_progress:
                continue
            self._syncs_in_progress.add(instance.uuid)
            utils.spawn_n(self._sync_one, context, instance)

    def _sync_one(self, context, instance):
        try:
            self._query_driver_power_state_and_sync(context, instance)
        except Exception:
            LOG.exception('Periodic sync_power_state task had an error '
                          'while processing an instance.', instance=instance)
        finally:
            self._syncs_in_progress.discard(instance.uuid)

    def _query_driver_power_state_and_sync(self, context, instance):
        # The lock makes the read of both sources and the write one step
        # with respect to actions on the instance (which hold it).
        with lockutils.lock(instance.uuid):
            if instance.task_state is not None:
                LOG.info('During sync_power_state the instance has a '
                         'pending task (%s). Skip.', instance.task_state,
                         instance=instance)
                return
            vm_power_state = self._get_power_state(instance)
            try:
                self._sync_instance_power_state(context, instance,
                                                vm_power_state)
            except exception.InstanceNotFound:
                pass  # deleted meanwhile

    def _sync_instance_power_state(self, context, instance, vm_power_state):
        """Record the hypervisor's power state; stop, through the compute
        API, an instance whose guest went off while it should run, or
        runs while it should be stopped. A guest is never started by it."""
        instance.refresh()
        if instance.host != self.host or instance.task_state is not None:
            return
        if vm_power_state != instance.power_state:
            LOG.info('During _sync_instance_power_state the DB power_state '
                     '(%(db)s) does not match the vm_power_state from the '
                     'hypervisor (%(vm)s). Updating power_state in the DB '
                     'to match the hypervisor.',
                     {'db': instance.power_state, 'vm': vm_power_state},
                     instance=instance)
            instance.power_state = vm_power_state
            instance.save()
        vm_state = instance.vm_state
        if vm_state == vm_states.ACTIVE:
            if vm_power_state in (power_state.SHUTDOWN, power_state.CRASHED,
                                  power_state.SUSPENDED):
                LOG.warning('Instance shutdown by itself. Calling the stop '
                            'API.', instance=instance)
                self._stop_from_sync(context, instance, force=False)
            elif vm_power_state == power_state.PAUSED:
                LOG.warning('Instance is paused unexpectedly. Ignore.',
                            instance=instance)
            elif vm_power_state == power_state.NOSTATE:
                LOG.warning('Instance is unexpectedly not found. Ignore.',
                            instance=instance)
        elif vm_state == vm_states.STOPPED:
            if vm_power_state not in (power_state.NOSTATE,
                                      power_state.SHUTDOWN,
                                      power_state.CRASHED):
                LOG.warning('Instance is not stopped. Calling the stop '
                            'API.', instance=instance)
                self._stop_from_sync(context, instance, force=True)
        elif vm_state == vm_states.PAUSED:
            if vm_power_state in (power_state.SHUTDOWN, power_state.CRASHED):
                LOG.warning('Paused instance shutdown by itself. Calling '
                            'the stop API.', instance=instance)
                self._stop_from_sync(context, instance, force=True)

    def _stop_from_sync(self, context, instance, force):
        # Through the API, as Nova does, so that the stop is an instance
        # action with its own task state; a failure is retried next time.
        try:
            if force:
                self.compute_api.force_stop(context, instance)
            else:
                self.compute_api.stop(context, instance)
        except Exception:
            LOG.exception('error during stop() in sync_power_state.',
                          instance=instance)

    # -- guests of deleted instances --------------------------------------

    @manager.periodic_task(
        lambda conf: conf.running_deleted_instance_poll_interval)
    def _cleanup_running_deleted_instances(self, context):
        """The periodic run of _handle_running_deleted_instances."""
        self._handle_running_deleted_instances(context)

    def _handle_running_deleted_instances(self, context):
        """Guests still on the hypervisor whose instance was deleted are
        reaped, shut down or logged per running_deleted_instance_action."""
        action = self.conf.running_deleted_instance_action
        if action == 'noop':
            return
        for instance in self._running_deleted_instances(context):
            # One guest that cannot be handled must not stop the others
            # (nor, at start, the service).
            try:
                self._handle_running_deleted_instance(context, instance,
                                                      action)
            except Exception:
                LOG.warning('Could not %s the guest of deleted instance',
                            action, exc_info=True, instance=instance)

    def _handle_running_deleted_instance(self, context, instance, action):
        if action == 'log':
            LOG.warning('Detected instance with name label %s which is '
                        'marked as DELETED but still present on host.',
                        instance.name, instance=instance)
        elif action == 'shutdown':
            LOG.info('Powering off instance with name label %s which is '
                     'marked as DELETED but still present on host.',
                     instance.name, instance=instance)
            self.driver.power_off(instance)
        elif action == 'reap':
            LOG.info('Destroying instance with name label %s which is '
                     'marked as DELETED but still present on host.',
                     instance.name, instance=instance)
            # Its ports go too: nothing of a deleted instance stays.
            self._shutdown_instance(context, instance)

    def _running_deleted_instances(self, context):
        """Deleted instances, gone for longer than
        running_deleted_instance_timeout, whose guest is still here."""
        deleted_context = context.elevated(read_deleted='yes')
        timeout = self.conf.running_deleted_instance_timeout
        found = []
        for uuid in self.driver.list_instance_uuids():
            try:
                instance = objects.Instance.get_by_uuid(
                    deleted_context, uuid, expected_attrs=['info_cache'])
            except exception.InstanceNotFound:
                continue  # not ours: left alone, as Nova does
            if instance.vm_state != vm_states.DELETED:
                continue
            deleted_at = instance.terminated_at
            if timeout and deleted_at and not timeutils.is_older_than(
                    timeutils.normalize_time(deleted_at), timeout):
                continue
            found.append(instance)
        return found
