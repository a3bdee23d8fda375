"""The compute manager's server actions: reboot, stop, start, pause,
unpause, suspend, resume and rebuild, as Nova's ComputeManager runs them.

Each RPC method (decorators.server_action) records its event on the
instance's action, records a fault and clears the task state if it
fails, and works under the instance's lock. ComputeManager inherits
these methods.
"""

from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import timeutils

from nova_lite.compute import decorators
from nova_lite.compute import power_state
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite import objects
from nova_lite.objects import instance_fault

LOG = logging.getLogger(__name__)

_REBOOT_TASK_STATES = {'SOFT': task_states.soft_reboot_states,
                       'HARD': task_states.hard_reboot_states}


class ServerActionsMixin(object):
    """Server actions of ComputeManager (needs its driver, network_api,
    host, conf and _get_power_state / _get_network_info)."""

    # -- reboot -----------------------------------------------------------

    @decorators.server_action
    def reboot_instance(self, context, instance, block_device_info=None,
                        reboot_type='SOFT'):
        """Reboot the guest. If the reboot fails but the guest runs, it
        stays ACTIVE with a fault; if it is not running, it is ERROR."""
        LOG.info('Rebooting instance (%s)', reboot_type, instance=instance)
        requested, pending, started = _REBOOT_TASK_STATES[reboot_type]
        network_info = self._get_network_info(context, instance)
        instance.power_state = self._get_power_state(instance)
        instance.task_state = pending
        instance.save(expected_task_state=[requested, pending, started])
        if instance.power_state != power_state.RUNNING:
            LOG.warning('Rebooting a guest that is not running (power '
                        'state %s)', instance.power_state, instance=instance)
        instance.task_state = started
        instance.save(expected_task_state=pending)
        try:
            self.driver.reboot(context, instance, network_info, reboot_type,
                               block_device_info=block_device_info)
        except Exception as exc:
            with excutils.save_and_reraise_exception() as ctxt:
                if self._get_power_state(instance) == power_state.RUNNING:
                    LOG.warning('Reboot failed but the guest is running',
                                instance=instance)
                    instance_fault.fault_from_exc(context, instance, exc,
                                                  self.host)
                    ctxt.reraise = False
                else:
                    LOG.error('Cannot reboot instance: %s', exc,
                              instance=instance)
                    instance.vm_state = vm_states.ERROR
                    instance.save()
        instance.power_state = self._get_power_state(instance)
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.save()

    # -- stop / start -----------------------------------------------------

    def _power_off_values(self, instance, clean_shutdown):
        """(timeout, retry interval) of the power off: the image's
        os_shutdown_timeout or shutdown_timeout, and 0 when not clean."""
        if not clean_shutdown:
            return 0, 0
        sys_meta = instance.system_metadata or {}
        timeout = sys_meta.get('image_os_shutdown_timeout')
        timeout = int(timeout) if timeout else self.conf.shutdown_timeout
        return timeout, self.conf.compute.shutdown_retry_interval

    def _power_off_instance(self, instance, clean_shutdown=True):
        timeout, retry_interval = self._power_off_values(instance,
                                                         clean_shutdown)
        self.driver.power_off(instance, timeout, retry_interval)

    @decorators.server_action
    def stop_instance(self, context, instance, clean_shutdown=True):
        """Shut the guest down (ACPI first when ``clean_shutdown``, then
        power off) and record it STOPPED."""
        current = self._get_power_state(instance)
        expected = [task_states.POWERING_OFF]
        if current in (power_state.NOSTATE, power_state.SHUTDOWN,
                       power_state.CRASHED):
            # Already off: another path (the power-state sync) may have
            # got here first and cleared the task state.
            LOG.info('Instance is already powered off in the hypervisor '
                     'when stop is called.', instance=instance)
            expected.append(None)
        self._power_off_instance(instance, clean_shutdown)
        instance.power_state = self._get_power_state(instance)
        instance.vm_state = vm_states.STOPPED
        instance.task_state = None
        instance.save(expected_task_state=expected)

    @decorators.server_action
    def start_instance(self, context, instance):
        """Power a stopped guest on."""
        network_info = self._get_network_info(context, instance)
        self.driver.power_on(context, instance, network_info)
        instance.power_state = self._get_power_state(instance)
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.save(expected_task_state=task_states.POWERING_ON)

    # -- pause / suspend --------------------------------------------------

    def _finish_action(self, instance, vm_state, expected_task_state):
        instance.power_state = self._get_power_state(instance)
        instance.vm_state = vm_state
        instance.task_state = None
        instance.save(expected_task_state=expected_task_state)

    @decorators.server_action
    def pause_instance(self, context, instance):
        """Pause the guest's vCPUs."""
        LOG.info('Pausing', instance=instance)
        self.driver.pause(instance)
        self._finish_action(instance, vm_states.PAUSED, task_states.PAUSING)

    @decorators.server_action
    def unpause_instance(self, context, instance):
        """Let a paused guest run again."""
        LOG.info('Unpausing', instance=instance)
        self.driver.unpause(instance)
        self._finish_action(instance, vm_states.ACTIVE,
                            task_states.UNPAUSING)

    @decorators.server_action
    def suspend_instance(self, context, instance):
        """Save the guest's memory to disk and stop it."""
        LOG.info('Suspending', instance=instance)
        self.driver.suspend(context, instance)
        self._finish_action(instance, vm_states.SUSPENDED,
                            task_states.SUSPENDING)

    @decorators.server_action
    def resume_instance(self, context, instance):
        """Restore a suspended guest from its saved memory."""
        LOG.info('Resuming', instance=instance)
        network_info = self._get_network_info(context, instance)
        self.driver.resume(context, instance, network_info)
        self._finish_action(instance, vm_states.ACTIVE, task_states.RESUMING)

    # -- rebuild ----------------------------------------------------------

    @decorators.server_action
    def rebuild_instance(self, context, instance, orig_image_ref, image_ref,
                         image, admin_password, preserve_ephemeral=False,
                         injected_files=None):
        """Destroy the guest and its disks and spawn it again from
        ``image_ref``, keeping its uuid, host and ports; a stopped
        instance is stopped again afterwards. A failure leaves ERROR."""
        LOG.info('Rebuilding instance from image %s', image_ref,
                 instance=instance)
        orig_vm_state = instance.vm_state
        try:
            self._do_rebuild_instance(context, instance, image,
                                      admin_password, injected_files)
        except Exception:
            with excutils.save_and_reraise_exception():
                LOG.exception('Rebuild failed', instance=instance)
                instance.vm_state = vm_states.ERROR
                instance.save()
        if orig_vm_state == vm_states.STOPPED:
            LOG.info("Bringing the instance back to its original state "
                     "'%s'", orig_vm_state, instance=instance)
            instance.task_state = task_states.POWERING_OFF
            instance.progress = 0
            instance.save()
            self._power_off_instance(instance, clean_shutdown=False)
            self._finish_action(instance, vm_states.STOPPED,
                                task_states.POWERING_OFF)

    def _do_rebuild_instance(self, context, instance, image, admin_password,
                             injected_files):
        image_meta = objects.ImageMeta.from_dict(image)
        network_info = self._get_network_info(context, instance)
        instance.power_state = self._get_power_state(instance)
        instance.save(expected_task_state=[task_states.REBUILDING])
        self.driver.destroy(context, instance, network_info,
                            destroy_disks=True)
        instance.task_state = task_states.REBUILD_BLOCK_DEVICE_MAPPING
        instance.save(expected_task_state=[task_states.REBUILDING])
        instance.task_state = task_states.REBUILD_SPAWNING
        instance.save(
            expected_task_state=[task_states.REBUILD_BLOCK_DEVICE_MAPPING])
        self.driver.spawn(context, instance, image_meta, injected_files or [],
                          admin_password, allocations=None,
                          network_info=network_info)
        instance.power_state = self._get_power_state(instance)
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.launched_at = timeutils.utcnow(with_timezone=True)
        instance.save(expected_task_state=[task_states.REBUILD_SPAWNING])
