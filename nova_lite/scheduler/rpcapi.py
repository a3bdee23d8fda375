"""Client side of the scheduler RPC API."""

import oslo_messaging as messaging

from nova_lite import rpc

RPC_TOPIC = 'scheduler'


class SchedulerAPI(object):
    """Client of nova-lite-scheduler.

    API version history:

        * 1.0 - Initial version: select_destinations
    """

    VERSION = '1.0'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version=self.VERSION)
        self.client = rpc.get_client(target)

    def select_destinations(self, ctxt, spec_obj, instance_uuids,
                            return_alternates=True):
        """Choose hosts for ``instance_uuids`` (a call: waits for them).

        :returns: one list of Selection per instance: the chosen host
                  first, then alternates for rescheduling.
        """
        cctxt = self.client.prepare(version='1.0')
        return cctxt.call(ctxt, 'select_destinations', spec_obj=spec_obj,
                          instance_uuids=instance_uuids,
                          return_alternates=return_alternates)
