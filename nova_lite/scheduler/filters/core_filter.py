from nova_lite.scheduler import filters


class CoreFilter(filters.BaseHostFilter):
    """Only hosts with enough vCPUs left, oversubscribed by
    cpu_allocation_ratio."""

    def host_passes(self, host_state, spec_obj):
        limit = host_state.vcpus_total * host_state.cpu_allocation_ratio
        host_state.limits['vcpu'] = int(limit)
        return limit - host_state.vcpus_used >= spec_obj.flavor.vcpus
