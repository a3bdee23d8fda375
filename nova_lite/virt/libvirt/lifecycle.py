"""The libvirt driver's power operations on a running server: reboot
(soft and hard), power off and on, pause, suspend and resume, as Nova's
LibvirtDriver does them. LibvirtDriver inherits these methods."""

import time

from oslo_log import log as logging
from oslo_utils import fileutils

from nova_lite.compute import power_state
from nova_lite import exception
from nova_lite import objects

try:
    import libvirt
except ImportError:  # pragma: no cover - libvirt-python is a requirement
    libvirt = None

LOG = logging.getLogger(__name__)

SHUTDOWN_STATES = (power_state.SHUTDOWN, power_state.CRASHED)


class LifecycleMixin(object):
    """Needs the driver's _host, conf, destroy, _destroy, _instance_dir,
    _get_disk_info, _get_guest_xml, _create_guest_with_network,
    plug_vifs and _wait_for_running."""

    # -- reboot -----------------------------------------------------------

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None):
        """SOFT: ACPI shutdown, wait, start again; HARD if the guest does
        not shut down within ``[libvirt] wait_soft_reboot_seconds``.
        HARD: recreate the domain from a freshly generated XML."""
        if reboot_type == 'SOFT':
            try:
                if self._soft_reboot(instance):
                    LOG.info('Instance soft rebooted successfully.',
                             instance=instance)
                    return
                LOG.warning('Failed to soft reboot instance. Trying hard '
                            'reboot.', instance=instance)
            except libvirt.libvirtError as e:
                LOG.debug('Instance soft reboot failed: %s', e,
                          instance=instance)
        self._hard_reboot(context, instance, network_info, block_device_info)

    def _soft_reboot(self, instance):
        """True once the guest shut down and was started again (or
        rebooted by itself), False if it never shut down."""
        guest = self._host.get_guest(instance)
        old_domid = guest.id
        if guest.get_power_state() == power_state.RUNNING:
            guest.shutdown()
        for _ in range(self.conf.libvirt.wait_soft_reboot_seconds):
            guest = self._host.get_guest(instance)
            state = guest.get_power_state()
            # A new domain id means the old QEMU process is gone: the
            # guest shut down (start it) or something restarted it.
            if guest.id != old_domid:
                if state in SHUTDOWN_STATES:
                    LOG.info('Instance shutdown successfully.',
                             instance=instance)
                    guest.launch()
                    self._wait_for_running(instance)
                else:
                    LOG.info('Instance may have been rebooted during soft '
                             'reboot, so return now.', instance=instance)
                return True
            time.sleep(1)
        return False

    def _hard_reboot(self, context, instance, network_info,
                     block_device_info=None):
        """Tear the domain and its VIFs down, keeping the disks, and build
        it again from a new XML: this also repairs a guest whose domain
        was lost or changed behind our back."""
        self.destroy(context, instance, network_info, destroy_disks=False)
        fileutils.ensure_tree(self._instance_dir(instance))
        image_meta = objects.ImageMeta.from_instance(instance)
        disk_info = self._get_disk_info(instance, image_meta,
                                        block_device_info)
        xml = self._get_guest_xml(context, instance, network_info, disk_info,
                                  image_meta,
                                  block_device_info=block_device_info)
        self._create_guest_with_network(context, xml, instance, network_info,
                                        block_device_info)
        self._wait_for_running(instance)
        LOG.info('Instance rebooted successfully.', instance=instance)

    # -- power off / on ---------------------------------------------------

    def power_off(self, instance, timeout=0, retry_interval=0):
        """Stop the guest: cleanly within ``timeout`` seconds if it can,
        else pull the plug. The domain stays defined."""
        if timeout:
            self._clean_shutdown(instance, timeout, retry_interval)
        # Also after a clean shutdown: a guest in libvirt's 'shutdown'
        # state ("being shut down") still has its QEMU process.
        self._destroy(instance)

    def _clean_shutdown(self, instance, timeout, retry_interval):
        """Press the ACPI button (again every ``retry_interval`` seconds:
        a guest still booting may miss it); True once the guest is off."""
        try:
            guest = self._host.get_guest(instance)
        except exception.InstanceNotFound:
            return True
        if guest.get_power_state() in SHUTDOWN_STATES:
            LOG.info('Instance already shutdown.', instance=instance)
            return True
        try:
            guest.shutdown()
        except libvirt.libvirtError as e:
            # It went off between the check and the request.
            LOG.debug('Ignoring libvirt error from the shutdown request: %s',
                      e, instance=instance)
        countdown = retry_interval
        for sec in range(timeout):
            guest = self._host.get_guest(instance)
            state = guest.get_power_state()
            if state in SHUTDOWN_STATES:
                LOG.info('Instance shutdown successfully after %d seconds.',
                         sec, instance=instance)
                return True
            if countdown == 0:
                countdown = retry_interval
                try:
                    guest.shutdown()
                except libvirt.libvirtError:
                    # It shut down between the check and the request.
                    continue
            else:
                countdown -= 1
            time.sleep(1)
        LOG.info('Instance failed to shutdown in %d seconds.', timeout,
                 instance=instance)
        return False

    def power_on(self, context, instance, network_info,
                 block_device_info=None):
        """Start the guest; as in Nova, this is a hard reboot, so the
        domain is rebuilt from the current XML policy."""
        self._hard_reboot(context, instance, network_info, block_device_info)

    # -- pause / suspend --------------------------------------------------

    def pause(self, instance):
        """Pause the guest's vCPUs."""
        self._host.get_guest(instance).pause()

    def unpause(self, instance):
        """Let the paused guest run again."""
        self._host.get_guest(instance).resume()

    def suspend(self, context, instance):
        """Save the guest's memory into libvirt's managed save image and
        stop the domain."""
        self._host.get_guest(instance).save_memory_state()

    def resume(self, context, instance, network_info,
               block_device_info=None):
        """Start the domain again, which restores its managed save image;
        the host side of its VIFs is made ready first."""
        guest = self._host.get_guest(instance)
        self.plug_vifs(instance, network_info)
        guest.launch()
        self._wait_for_running(instance)
