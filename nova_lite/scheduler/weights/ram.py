from nova_lite.scheduler import weights


class RAMWeigher(weights.BaseHostWeigher):
    """More free RAM weighs more (spreads); a negative multiplier stacks."""

    def weight_multiplier(self, conf):
        return conf.filter_scheduler.ram_weight_multiplier

    def _weigh_object(self, host_state, spec_obj):
        return host_state.free_ram_mb
