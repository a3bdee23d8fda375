"""Selection: one host the scheduler chose, with what to claim on it."""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Selection(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: allocation_request
    VERSION = '1.1'

    fields = {
        'compute_node_uuid': fields.UUIDField(),
        'service_host': fields.StringField(),
        'nodename': fields.StringField(),
        'limits': fields.DictOfIntegersField(default={}),
        # Placement's allocation request for this host, JSON:
        # {"allocations": {provider uuid: {"resources": {rc: n}}}}
        'allocation_request': fields.StringField(nullable=True),
    }

    @classmethod
    def from_host_state(cls, host_state, resources):
        request = {'allocations': {host_state.uuid: {
            'resources': resources}}}
        return cls(compute_node_uuid=host_state.uuid,
                   service_host=host_state.host,
                   nodename=host_state.nodename,
                   limits={k: v for k, v in host_state.limits.items()
                           if v is not None},
                   allocation_request=jsonutils.dumps(request))

    def allocations(self):
        """{provider uuid: {rc: n}} to claim for this selection."""
        request = jsonutils.loads(self.allocation_request or '{}')
        return {rp: alloc['resources'] for rp, alloc in
                request.get('allocations', {}).items()}
