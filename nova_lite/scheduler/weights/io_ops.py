from nova_lite.scheduler import weights


class IoOpsWeigher(weights.BaseHostWeigher):
    """More I/O operations in flight weigh more; the default negative
    ``io_ops_weight_multiplier`` turns that into a preference for the
    least busy hosts."""

    minval = 0
    multiplier_name = 'io_ops_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj):
        return host_state.num_io_ops
