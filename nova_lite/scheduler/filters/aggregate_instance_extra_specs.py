from oslo_log import log as logging

from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import extra_specs_ops
from nova_lite.scheduler.filters import utils

LOG = logging.getLogger(__name__)

_SCOPE = 'aggregate_instance_extra_specs'


def _metadata_key(spec_key):
    """The aggregate metadata key a flavor extra spec is about: an unscoped
    key as is, an ``aggregate_instance_extra_specs:`` one without its scope,
    None for any other scope."""
    scope, sep, rest = spec_key.partition(':')
    if not sep:
        return spec_key
    return rest if scope == _SCOPE else None


class AggregateInstanceExtraSpecsFilter(filters.BaseHostFilter):
    """Only hosts whose aggregates' metadata satisfy the flavor's unscoped
    and ``aggregate_instance_extra_specs:`` extra specs: for each, some
    value of that key among the host's aggregates must match."""

    def passes_every_host(self, spec_obj):
        return not spec_obj.flavor.obj_get('extra_specs')

    def host_passes(self, host_state, spec_obj):
        especs = spec_obj.flavor.obj_get('extra_specs')
        if not especs:
            return True
        metadata = utils.aggregate_metadata_get_by_host(host_state)
        for spec_key, req in especs.items():
            key = _metadata_key(spec_key)
            if key is None:
                continue
            values = metadata.get(key)
            if not values:
                LOG.debug("%(host_state)s fails flavor extra_specs "
                          "requirements: %(key)s is in no aggregate",
                          {'host_state': host_state, 'key': key})
                return False
            if not any(extra_specs_ops.match(v, req) for v in values):
                LOG.debug("%(host_state)s fails flavor extra_specs "
                          "requirements: %(values)s do not match '%(req)s'",
                          {'host_state': host_state, 'req': req,
                           'values': sorted(values)})
                return False
        return True
