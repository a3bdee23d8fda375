from nova_lite.scheduler import filters


class DiskFilter(filters.BaseHostFilter):
    """Only hosts with enough disk left for root, ephemeral and swap."""

    def host_passes(self, host_state, spec_obj):
        flavor = spec_obj.flavor
        requested_mb = (flavor.root_gb + flavor.ephemeral_gb) * 1024 + \
            flavor.swap
        total_mb = host_state.total_usable_disk_gb * 1024
        limit_mb = total_mb * host_state.disk_allocation_ratio
        used_mb = total_mb - host_state.free_disk_mb
        host_state.limits['disk_gb'] = int(limit_mb / 1024)
        return limit_mb - used_mb >= requested_mb
