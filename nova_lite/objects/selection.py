"""Selection: one host the scheduler chose, with the claim's limits."""

from oslo_versionedobjects import fields

from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Selection(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'compute_node_uuid': fields.UUIDField(),
        'service_host': fields.StringField(),
        'nodename': fields.StringField(),
        'limits': fields.DictOfIntegersField(default={}),
    }

    @classmethod
    def from_host_state(cls, host_state):
        return cls(compute_node_uuid=host_state.uuid,
                   service_host=host_state.host,
                   nodename=host_state.nodename,
                   limits={k: v for k, v in host_state.limits.items()
                           if v is not None})
