from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import utils


class DifferentHostFilter(filters.BaseHostFilter):
    """With the ``different_host`` hint (instance uuids), only hosts where
    none of those instances is."""

    def passes_every_host(self, spec_obj):
        return not spec_obj.get_scheduler_hint('different_host')

    def host_passes(self, host_state, spec_obj):
        uuids = spec_obj.get_scheduler_hint('different_host')
        if not uuids:
            return True
        return not utils.instance_uuids_overlap(host_state, uuids)
