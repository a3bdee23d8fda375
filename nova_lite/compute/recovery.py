"""What a compute service does at start for each instance on its host,
after Nova's ComputeManager._init_instance: finish or undo what a previous
run left half done. ComputeManager inherits these methods."""

from oslo_log import log as logging

from nova_lite.compute import power_state
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite import exception

LOG = logging.getLogger(__name__)

_REBUILD_TASK_STATES = (task_states.REBUILDING,
                        task_states.REBUILD_BLOCK_DEVICE_MAPPING,
                        task_states.REBUILD_SPAWNING)
_CLEARED_IF_RUNNING = (task_states.soft_reboot_states +
                       task_states.hard_reboot_states +
                       (task_states.PAUSING, task_states.UNPAUSING))


def reboot_type_for(task_state, current_power_state):
    """SOFT only for a soft reboot of a running guest, as Nova's
    compute_utils.get_reboot_type."""
    if current_power_state != power_state.RUNNING:
        return 'HARD'
    return 'SOFT' if task_state in task_states.soft_reboot_states else 'HARD'


class RecoveryMixin(object):
    """Needs ComputeManager's driver, host, conf, action methods,
    _shutdown_instance, _set_error_state, _get_power_state and
    _get_network_info."""

    def _init_instance(self, context, instance):
        """Bring one instance of this host to a state that holds."""
        if instance.host != self.host:
            return
        if instance.task_state == task_states.DELETING:
            LOG.info('Completing the delete interrupted by a restart',
                     instance=instance)
            self._shutdown_instance(context, instance)
            self.reportclient.delete_allocation_for_instance(context,
                                                             instance.uuid)
            instance.destroy()
            return
        if instance.vm_state == vm_states.ERROR:
            return
        if (instance.vm_state == vm_states.BUILDING and
                instance.task_state != task_states.SCHEDULING):
            # A build still in ``scheduling`` has not reached this host:
            # its cast waits in our queue and runs after the restart.
            LOG.warning('Build interrupted by a restart; setting to ERROR',
                        instance=instance)
            self._shutdown_instance(context, instance)
            self._set_error_state(context, instance,
                                  exception.BuildInterrupted(host=self.host))
            return
        if instance.task_state in _REBUILD_TASK_STATES:
            LOG.warning('Rebuild interrupted by a restart; setting to '
                        'ERROR', instance=instance)
            self._set_error_state(
                context, instance,
                exception.RebuildInterrupted(host=self.host), keep_host=True)
            return
        if self._resume_interrupted_task(context, instance):
            return
        self._init_running_instance(context, instance)

    def _resume_interrupted_task(self, context, instance):
        """Redo a reboot, stop, start or unpause a restart cut short, or
        clear a task whose result is already there; True if the instance
        is done with."""
        task_state = instance.task_state
        current = self._get_power_state(instance)
        if self._should_retry_reboot(instance, current):
            reboot_type = reboot_type_for(task_state, current)
            LOG.info('Retrying the %s reboot interrupted by a restart',
                     reboot_type, instance=instance)
            if reboot_type == 'HARD' and \
                    task_state in task_states.soft_reboot_states:
                instance.task_state = task_states.REBOOT_PENDING_HARD
                instance.save()
            self.reboot_instance(context, instance=instance,
                                 block_device_info=None,
                                 reboot_type=reboot_type)
            return True
        if current == power_state.RUNNING and \
                task_state in _CLEARED_IF_RUNNING:
            LOG.warning('Instance in transitional state %s at start-up '
                        'and running: clearing the task state', task_state,
                        instance=instance)
            instance.task_state = None
            instance.vm_state = vm_states.ACTIVE
            instance.save()
        elif task_state == task_states.POWERING_OFF:
            self.stop_instance(context, instance=instance,
                               clean_shutdown=True)
            return True
        elif current == power_state.PAUSED and \
                task_state == task_states.UNPAUSING:
            LOG.warning('Instance in transitional state %s at start-up '
                        'and paused: unpausing it', task_state,
                        instance=instance)
            self.unpause_instance(context, instance=instance)
            return True
        elif task_state == task_states.POWERING_ON:
            self.start_instance(context, instance=instance)
            return True
        # Any other task (suspending, resuming...) is left as it is, as in
        # Nova: its message may still be queued for this service.
        return False

    @staticmethod
    def _should_retry_reboot(instance, current):
        task_state = instance.task_state
        pending_soft = (task_state == task_states.REBOOT_PENDING and
                        instance.vm_state == vm_states.ACTIVE)
        pending_hard = task_state == task_states.REBOOT_PENDING_HARD
        started_not_running = (
            task_state in (task_states.REBOOTING, task_states.REBOOTING_HARD,
                           task_states.REBOOT_STARTED,
                           task_states.REBOOT_STARTED_HARD) and
            current != power_state.RUNNING)
        return pending_soft or pending_hard or started_not_running

    def _init_running_instance(self, context, instance):
        """Plug the VIFs again (a host reboot or a DHCP server that died
        takes their host side away) and, with
        resume_guests_state_on_host_boot, start again a guest recorded as
        running that is not, hard-rebooting it from its disks."""
        if instance.vm_state not in (vm_states.ACTIVE, vm_states.PAUSED,
                                     vm_states.SUSPENDED, vm_states.STOPPED):
            return
        network_info = self._get_network_info(context, instance)
        try:
            self.driver.plug_vifs(instance, network_info)
        except Exception:
            LOG.exception('Vifs plug failed', instance=instance)
            self._set_error_state(context, instance, None, keep_host=True)
            return
        current = self._get_power_state(instance)
        if (instance.power_state == power_state.RUNNING and
                current != power_state.RUNNING and
                self.conf.resume_guests_state_on_host_boot):
            LOG.info('Rebooting instance after nova-lite-compute restart.',
                     instance=instance)
            try:
                self.driver.reboot(context, instance, network_info, 'HARD')
                instance.power_state = self._get_power_state(instance)
                instance.save()
            except Exception as exc:
                LOG.exception('Failed to resume instance', instance=instance)
                self._set_error_state(context, instance, exc, keep_host=True)
