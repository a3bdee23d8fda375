from nova_lite.scheduler import weights


class DiskWeigher(weights.BaseHostWeigher):
    """More free disk weighs more: spreads instances by default, stacks
    them with a negative ``disk_weight_multiplier``."""

    minval = 0
    multiplier_name = 'disk_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return host_state.free_disk_mb
