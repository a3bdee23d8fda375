"""Client side of the compute RPC API."""

import oslo_messaging as messaging

from nova_lite import conf as nova_conf
from nova_lite import rpc

RPC_TOPIC = 'compute'


class ComputeAPI(object):
    """Client of nova-lite-compute; every method targets the instance's
    host (``server=host``).

    API version history:

        * 1.0 - Initial version: build_and_run_instance,
                terminate_instance, get_console_output
        * 1.1 - Server actions: reboot_instance, stop_instance,
                start_instance, pause_instance, unpause_instance,
                suspend_instance, resume_instance, rebuild_instance
        * 1.2 - build_and_run_instance: host_list (the alternates)
        * 1.3 - get_host_uptime
        * 1.4 - cache_images
    """

    VERSION = '1.4'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version=self.VERSION)
        self.client = rpc.get_client(target)

    def build_and_run_instance(self, ctxt, instance, host, image,
                               request_spec, admin_password=None,
                               injected_files=None, requested_networks=None,
                               block_device_mapping=None, node=None,
                               limits=None, host_list=None):
        """Build and start ``instance`` on ``host`` (a cast);
        ``host_list``: the Selections to reschedule to if it fails."""
        cctxt = self.client.prepare(server=host, version='1.2')
        cctxt.cast(ctxt, 'build_and_run_instance', instance=instance,
                   image=image, request_spec=request_spec,
                   admin_password=admin_password,
                   injected_files=injected_files,
                   requested_networks=requested_networks,
                   block_device_mapping=block_device_mapping, node=node,
                   limits=limits, host_list=host_list)

    def terminate_instance(self, ctxt, instance, bdms=None):
        """Destroy ``instance``'s guest and delete its record (a cast)."""
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        cctxt.cast(ctxt, 'terminate_instance', instance=instance, bdms=bdms)

    def get_console_output(self, ctxt, instance, tail_length=None):
        """Return the guest's serial console log (a call)."""
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        return cctxt.call(ctxt, 'get_console_output', instance=instance,
                          tail_length=tail_length)

    def get_host_uptime(self, ctxt, host):
        """What ``uptime`` prints on ``host`` (a call)."""
        cctxt = self.client.prepare(server=host, version='1.3')
        return cctxt.call(ctxt, 'get_host_uptime')

    def cache_images(self, ctxt, host, image_ids):
        """Have ``host`` cache the images ``image_ids`` (a call, which may
        take as long as the downloads: ``long_rpc_timeout``); returns
        {image id: 'cached', 'existing', 'unsupported' or 'error'}."""
        conf = nova_conf.CONF
        cctxt = self.client.prepare(
            server=host, version='1.4',
            call_monitor_timeout=conf.rpc_response_timeout,
            timeout=conf.long_rpc_timeout)
        return cctxt.call(ctxt, 'cache_images', image_ids=image_ids)

    def _cast_to_host(self, ctxt, instance, method, **kwargs):
        cctxt = self.client.prepare(server=instance.host, version='1.1')
        cctxt.cast(ctxt, method, instance=instance, **kwargs)

    def reboot_instance(self, ctxt, instance, reboot_type,
                        block_device_info=None):
        """Reboot the guest, SOFT or HARD (a cast)."""
        self._cast_to_host(ctxt, instance, 'reboot_instance',
                           block_device_info=block_device_info,
                           reboot_type=reboot_type)

    def stop_instance(self, ctxt, instance, clean_shutdown=True):
        """Power the guest off, cleanly first if asked (a cast)."""
        self._cast_to_host(ctxt, instance, 'stop_instance',
                           clean_shutdown=clean_shutdown)

    def start_instance(self, ctxt, instance):
        """Power a stopped guest on (a cast)."""
        self._cast_to_host(ctxt, instance, 'start_instance')

    def pause_instance(self, ctxt, instance):
        """Pause the guest's vCPUs (a cast)."""
        self._cast_to_host(ctxt, instance, 'pause_instance')

    def unpause_instance(self, ctxt, instance):
        """Unpause the guest (a cast)."""
        self._cast_to_host(ctxt, instance, 'unpause_instance')

    def suspend_instance(self, ctxt, instance):
        """Save the guest's memory to disk and stop it (a cast)."""
        self._cast_to_host(ctxt, instance, 'suspend_instance')

    def resume_instance(self, ctxt, instance):
        """Restore a suspended guest (a cast)."""
        self._cast_to_host(ctxt, instance, 'resume_instance')

    def rebuild_instance(self, ctxt, instance, orig_image_ref, image_ref,
                         image, admin_password, preserve_ephemeral=False):
        """Re-create the guest from ``image_ref`` on its host (a cast)."""
        self._cast_to_host(ctxt, instance, 'rebuild_instance',
                           orig_image_ref=orig_image_ref,
                           image_ref=image_ref, image=image,
                           admin_password=admin_password,
                           preserve_ephemeral=preserve_ephemeral)
