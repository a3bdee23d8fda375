from nova_lite.scheduler import weights


class NumInstancesWeigher(weights.BaseHostWeigher):
    """More instances weigh more: a positive
    ``num_instances_weight_multiplier`` packs, a negative one spreads; the
    default 0.0 leaves the choice alone."""

    multiplier_name = 'num_instances_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return host_state.num_instances
