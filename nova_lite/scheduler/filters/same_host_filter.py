from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import utils


class SameHostFilter(filters.BaseHostFilter):
    """With the ``same_host`` hint (instance uuids), only hosts where one
    of those instances is."""

    def passes_every_host(self, spec_obj):
        return not spec_obj.get_scheduler_hint('same_host')

    def host_passes(self, host_state, spec_obj):
        uuids = spec_obj.get_scheduler_hint('same_host')
        if not uuids:
            return True
        return utils.instance_uuids_overlap(host_state, uuids)
