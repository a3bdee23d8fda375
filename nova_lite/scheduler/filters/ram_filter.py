from nova_lite.scheduler import filters


class RamFilter(filters.BaseHostFilter):
    """Only hosts with enough RAM left, oversubscribed by
    ram_allocation_ratio."""

    def host_passes(self, host_state, spec_obj):
        requested = spec_obj.flavor.memory_mb
        limit = host_state.total_usable_ram_mb * \
            host_state.ram_allocation_ratio
        used = host_state.total_usable_ram_mb - host_state.free_ram_mb
        host_state.limits['memory_mb'] = int(limit)
        return limit - used >= requested
