"""Client side of the compute RPC API."""

import oslo_messaging as messaging

from nova_lite import rpc

RPC_TOPIC = 'compute'


class ComputeAPI(object):
    """Client of nova-lite-compute; every method targets the instance's
    host (``server=host``).

    API version history:

        * 1.0 - Initial version: build_and_run_instance,
                terminate_instance, get_console_output
    """

    VERSION = '1.0'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version=self.VERSION)
        self.client = rpc.get_client(target)

    def build_and_run_instance(self, ctxt, instance, host, image,
                               request_spec, admin_password=None,
                               injected_files=None, requested_networks=None,
                               block_device_mapping=None, node=None,
                               limits=None):
        """Build and start ``instance`` on ``host`` (a cast)."""
        cctxt = self.client.prepare(server=host, version='1.0')
        cctxt.cast(ctxt, 'build_and_run_instance', instance=instance,
                   image=image, request_spec=request_spec,
                   admin_password=admin_password,
                   injected_files=injected_files,
                   requested_networks=requested_networks,
                   block_device_mapping=block_device_mapping, node=node,
                   limits=limits)

    def terminate_instance(self, ctxt, instance, bdms=None):
        """Destroy ``instance``'s guest and delete its record (a cast)."""
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        cctxt.cast(ctxt, 'terminate_instance', instance=instance, bdms=bdms)

    def get_console_output(self, ctxt, instance, tail_length=None):
        """Return the guest's serial console log (a call)."""
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        return cctxt.call(ctxt, 'get_console_output', instance=instance,
                          tail_length=tail_length)
