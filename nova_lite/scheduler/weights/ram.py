from nova_lite.scheduler import weights


class RAMWeigher(weights.BaseHostWeigher):
    """More free RAM weighs more: spreads instances by default, stacks them
    with a negative ``ram_weight_multiplier``."""

    minval = 0
    multiplier_name = 'ram_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return host_state.free_ram_mb
