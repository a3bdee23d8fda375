from nova_lite.scheduler import weights


class CPUWeigher(weights.BaseHostWeigher):
    """More free vCPUs (the total oversubscribed by cpu_allocation_ratio,
    less those used) weigh more: spreads instances by default, stacks them
    with a negative ``cpu_weight_multiplier``."""

    minval = 0
    multiplier_name = 'cpu_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return (host_state.vcpus_total * host_state.cpu_allocation_ratio -
                host_state.vcpus_used)
