from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import utils


class DifferentHostFilter(filters.BaseHostFilter):
    """With the ``different_host`` hint (instance uuids), only hosts where
    none of those instances is."""

    def host_passes(self, host_state, spec_obj):
        uuids = spec_obj.get_scheduler_hint('different_host')
        if not uuids:
            return True
        return not utils.instance_uuids_overlap(host_state, uuids)
