"""FakeDriver: guests that live in memory, for tests with no hypervisor."""

import json
import threading
import time

from oslo_log import log as logging

from nova_lite.compute import power_state
from nova_lite import exception
from nova_lite.virt import driver

LOG = logging.getLogger(__name__)

SLOW_SPAWN_SECONDS = 120


class FakeDriver(driver.ComputeDriver):
    """Boots nothing: remembers guests and reports fixed resources.

    An instance whose display name contains ``fail-spawn`` fails to spawn,
    and one whose name contains ``fail-spawn-on-HOST`` fails on HOST only,
    so tests can drive the error and reschedule paths; one whose name
    contains ``slow-spawn`` spawns for two minutes, so that a test can
    kill the service in the middle of a build. The console shows
    the NICs the guest was given, as the test image prints them.
    """

    vcpus = 8
    memory_mb = 16384
    local_gb = 1000

    def __init__(self, virtapi, conf):
        super().__init__(virtapi, conf)
        self._guests = {}
        # Port ids whose host side is plugged, as a bridge would hold them.
        self.plugged_vifs = set()
        self._lock = threading.Lock()
        # Ids of the images in this host's (imaginary) image cache.
        self.cached_images = set()
        # The one node is the host of the service that started the driver
        # (init_host), not conf.host: nova-lite-fake-computes runs many
        # services, each with its own driver, in one process.
        self._host = conf.host

    def init_host(self, host):
        self._host = host
        LOG.info('Fake driver ready on %s', host)

    def get_available_nodes(self):
        return [self._host]

    def get_available_resource(self, nodename):
        return {
            'vcpus': self.vcpus, 'memory_mb': self.memory_mb,
            'local_gb': self.local_gb, 'vcpus_used': 0,
            'memory_mb_used': 0, 'local_gb_used': 0,
            'disk_available_least': self.local_gb,
            'hypervisor_type': 'fake', 'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'cpu_info': json.dumps({'arch': 'x86_64', 'model': 'fake'}),
        }

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None):
        """Record a running guest (or fail on request)."""
        name = instance.display_name or ''
        if 'slow-spawn' in name:
            time.sleep(SLOW_SPAWN_SECONDS)
        if ('fail-spawn' in name and 'fail-spawn-on-' not in name) or \
                'fail-spawn-on-%s' % self._host in name:
            raise exception.InstanceDeployFailure(
                reason='fake driver was asked to fail')
        with self._lock:
            if instance.uuid in self._guests:
                raise exception.InstanceExists(name=instance.name)
            self._guests[instance.uuid] = {
                'state': power_state.RUNNING,
                'console': _console(instance, network_info or [])}
            # A build caches its image, as the libvirt driver's does.
            if instance.obj_get('image_ref'):
                self.cached_images.add(instance.image_ref)
        self.plug_vifs(instance, network_info or [])

    def plug_vifs(self, instance, network_info):
        """Remember the VIFs as plugged."""
        self.plugged_vifs.update(vif.id for vif in network_info)

    def unplug_vifs(self, instance, network_info):
        """Forget the VIFs; those never plugged are no error."""
        self.plugged_vifs.difference_update(vif.id for vif in network_info)

    def destroy(self, context, instance, network_info,
                block_device_info=None, destroy_disks=True):
        """Forget the guest and unplug its VIFs."""
        with self._lock:
            self._guests.pop(instance.uuid, None)
        self.unplug_vifs(instance, network_info or [])

    def _guest(self, instance):
        guest = self._guests.get(instance.uuid)
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return guest

    def _set_state(self, instance, state, booted=False):
        with self._lock:
            guest = self._guest(instance)
            guest['state'] = state
            if booted:
                guest['console'] += _console(instance, [])

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None):
        """The guest boots again (its banner is printed once more)."""
        self._set_state(instance, power_state.RUNNING, booted=True)

    def power_off(self, instance, timeout=0, retry_interval=0):
        """The guest is off."""
        self._set_state(instance, power_state.SHUTDOWN)

    def power_on(self, context, instance, network_info,
                 block_device_info=None):
        """The guest boots again."""
        self._set_state(instance, power_state.RUNNING, booted=True)

    def pause(self, instance):
        """The guest is paused."""
        self._set_state(instance, power_state.PAUSED)

    def unpause(self, instance):
        """The guest runs again."""
        self._set_state(instance, power_state.RUNNING)

    def suspend(self, context, instance):
        """The guest is suspended."""
        self._set_state(instance, power_state.SUSPENDED)

    def resume(self, context, instance, network_info,
               block_device_info=None):
        """The guest runs again."""
        self._set_state(instance, power_state.RUNNING)

    def cache_image(self, context, image_id):
        """Remember the image as cached; True the first time only."""
        with self._lock:
            if image_id in self.cached_images:
                return False
            self.cached_images.add(image_id)
            return True

    def get_info(self, instance):
        """The guest's power state."""
        return driver.InstanceInfo(state=self._guest(instance)['state'])

    def get_console_output(self, context, instance):
        """What the guest printed: a banner per boot and its NICs."""
        return self._guest(instance)['console']

    def list_instance_uuids(self):
        return list(self._guests)


def _console(instance, network_info):
    lines = ['nova-lite fake guest %s booted' % instance.uuid]
    for index, vif in enumerate(network_info):
        for subnet in vif.network.subnets:
            for ip in subnet.ips:
                lines.append('net: eth%d %s %s/%d fake' % (
                    index, vif.address, ip.address, subnet.prefixlen))
    return '\n'.join(lines) + '\n'
