"""The interface every virt driver implements, and how one is loaded."""

import collections

from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import importutils

LOG = logging.getLogger(__name__)

InstanceInfo = collections.namedtuple('InstanceInfo', ['state'])


class ComputeDriver(object):
    """Base class of hypervisor drivers (Nova's nova.virt.driver)."""

    def __init__(self, virtapi, conf):
        self.virtapi = virtapi
        self.conf = conf
        self._event_listener = None

    def register_event_listener(self, callback):
        """Have ``callback(event)`` called with each virt.event.LifecycleEvent
        the hypervisor reports (from a green thread of the service)."""
        self._event_listener = callback

    def emit_event(self, event):
        """Hand ``event`` to the registered listener; its failures are
        logged, never raised into the hypervisor's event machinery."""
        if self._event_listener is None:
            return
        try:
            self._event_listener(event)
        except Exception:
            LOG.exception('Error handling event %s', event)

    def init_host(self, host):
        """Connect to the hypervisor and check it can run guests."""
        raise NotImplementedError()

    def cleanup_host(self, host):
        """Close the hypervisor connection at service stop."""

    def get_available_nodes(self):
        """Names of the nodes this driver manages (one: ``conf.host``)."""
        raise NotImplementedError()

    def get_available_resource(self, nodename):
        """Resources of ``nodename``: vcpus, memory_mb, local_gb, their
        *_used, disk_available_least, hypervisor_type, hypervisor_version,
        hypervisor_hostname and cpu_info (a JSON string)."""
        raise NotImplementedError()

    def get_host_uptime(self):
        """What ``uptime`` prints on this host (every driver here manages
        the host it runs on)."""
        out, _err = processutils.execute('env', 'LANG=C', 'uptime')
        return out

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None):
        """Create and start a guest for ``instance``; on failure nothing
        of it is left on the host."""
        raise NotImplementedError()

    def destroy(self, context, instance, network_info,
                block_device_info=None, destroy_disks=True):
        """Stop and remove ``instance``'s guest; a no-op if it is gone."""
        raise NotImplementedError()

    def plug_vifs(self, instance, network_info):
        """Make the host side of the VIFs of ``network_info`` ready;
        plugging again what is plugged is harmless."""
        raise NotImplementedError()

    def unplug_vifs(self, instance, network_info):
        """Unplug the VIFs of ``network_info`` from the host; a no-op for
        those already gone."""
        raise NotImplementedError()

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None):
        """Reboot the guest: SOFT asks its OS (falling back to HARD), HARD
        recreates it from its disks."""
        raise NotImplementedError()

    def power_off(self, instance, timeout=0, retry_interval=0):
        """Stop the guest, asking its OS first for up to ``timeout``
        seconds (every ``retry_interval`` seconds) when timeout > 0."""
        raise NotImplementedError()

    def power_on(self, context, instance, network_info,
                 block_device_info=None):
        """Start a stopped guest."""
        raise NotImplementedError()

    def pause(self, instance):
        """Pause the guest's vCPUs."""
        raise NotImplementedError()

    def unpause(self, instance):
        """Unpause a paused guest."""
        raise NotImplementedError()

    def suspend(self, context, instance):
        """Save the guest's memory and stop it."""
        raise NotImplementedError()

    def resume(self, context, instance, network_info,
               block_device_info=None):
        """Restore a suspended guest."""
        raise NotImplementedError()

    def manage_image_cache(self, context, all_instances):
        """Age this host's image cache, keeping the images
        ``all_instances`` (the instances of this host) use; drivers with no
        cache do nothing."""

    def cache_image(self, context, image_id):
        """Download image ``image_id`` into this host's image cache as a
        build would, so that a later build here finds it (a pre-cache
        request). Returns True if it was downloaded, False if it was
        cached already; raises NotImplementedError for a driver with no
        image cache, and whatever the download raised."""
        raise NotImplementedError()

    def get_info(self, instance):
        """InstanceInfo of the guest (its nova power state)."""
        raise NotImplementedError()

    def get_console_output(self, context, instance):
        """The guest's serial console output as text."""
        raise NotImplementedError()

    def list_instance_uuids(self):
        """UUIDs of the guests on this host."""
        raise NotImplementedError()

    def instance_exists(self, instance):
        """Whether the hypervisor has a guest for ``instance``."""
        return instance.uuid in self.list_instance_uuids()


def load_compute_driver(virtapi, conf, compute_driver=None):
    """Load ``nova_lite.virt.<compute_driver>`` (``[DEFAULT]
    compute_driver``)."""
    name = compute_driver or conf.compute_driver
    LOG.info('Loading compute driver %s', name)
    return importutils.import_object('nova_lite.virt.%s' % name, virtapi,
                                     conf)
