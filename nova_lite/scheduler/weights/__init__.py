"""Host weighers: one class a module, ``_weigh_object(host_state,
spec_obj)``. Each weigher's raw weights are normalised to [0, 1] over the
hosts being weighed, then multiplied by its multiplier (from config, or
from the host's aggregates' metadata) and summed, as Nova's weights."""

from oslo_log import log as logging
from oslo_utils import importutils

from nova_lite import conf as nova_conf
from nova_lite import exception
from nova_lite.scheduler.filters import utils as filter_utils

LOG = logging.getLogger(__name__)


def normalize(weights, minval=None, maxval=None):
    """``weights`` scaled to [0, 1] between ``minval`` and ``maxval`` (the
    smallest and greatest of them when not given); all 0.0 when the two
    bounds are equal."""
    if not weights:
        return []
    low = float(min(weights) if minval is None else minval)
    high = float(max(weights) if maxval is None else maxval)
    if low == high:
        return [0.0] * len(weights)
    return [(w - low) / (high - low) for w in weights]


def get_weight_multiplier(host_state, name, configured):
    """The multiplier ``name`` for this host: the smallest value its
    aggregates' metadata give that key, else ``configured``."""
    values = filter_utils.aggregate_values_from_key(host_state, name)
    try:
        return filter_utils.validate_num_values(values, configured,
                                                cast_to=float)
    except ValueError as e:
        LOG.warning("Could not decode '%(name)s' weight multiplier: %(e)s",
                    {'name': name, 'e': e})
        return configured


class BaseHostWeigher(object):
    """A weigher: higher raw weights win once multiplied by a positive
    multiplier.

    ``minval``/``maxval``, when set, clamp the raw weights and take the
    place of the smallest/greatest raw weight in the normalisation.
    ``multiplier_name`` is the ``[filter_scheduler]`` option (and aggregate
    metadata key) of the multiplier.
    """

    minval = None
    maxval = None
    multiplier_name = None

    def __init__(self, conf=None):
        self.conf = nova_conf.CONF if conf is None else conf

    def weight_multiplier(self, host_state, configured=None):
        """How much this weigher counts for ``host_state`` (``configured``:
        the option's value, if the caller has read it already)."""
        if self.multiplier_name is None:
            return 1.0
        if configured is None:
            configured = self.conf.filter_scheduler[self.multiplier_name]
        if not host_state.aggregates:
            return configured
        return get_weight_multiplier(host_state, self.multiplier_name,
                                     configured)

    def weighs_request(self, spec_obj):
        """False when every host would get the same weight for this
        request (a group weigher and no such group): it adds nothing
        then, and is skipped."""
        return True

    def _weigh_object(self, host_state, spec_obj):
        """The raw weight of one host."""
        raise NotImplementedError()

    def weigh_objects(self, host_states, spec_obj):
        """The raw weights of the hosts, clamped to [minval, maxval]."""
        weigh = self._weigh_object
        weights = [weigh(host_state, spec_obj) for host_state in host_states]
        if self.minval is not None:
            weights = [max(weight, self.minval) for weight in weights]
        if self.maxval is not None:
            weights = [min(weight, self.maxval) for weight in weights]
        return weights


# Class name -> module of nova_lite.scheduler.weights.
_MODULES = {
    'RAMWeigher': 'ram',
    'CPUWeigher': 'cpu',
    'DiskWeigher': 'disk',
    'IoOpsWeigher': 'io_ops',
    'NumInstancesWeigher': 'num_instances',
    'ServerGroupSoftAffinityWeigher': 'soft_affinity',
    'ServerGroupSoftAntiAffinityWeigher': 'soft_anti_affinity',
}


def load_weighers(names, conf=None):
    """Instantiate the weighers named as in ``[filter_scheduler]
    weight_classes``.

    :raises: SchedulerHostWeigherNotFound for a name that is no weigher.
    """
    weighers = []
    for name in names:
        if name not in _MODULES:
            raise exception.SchedulerHostWeigherNotFound(weigher_name=name)
        cls = importutils.import_class('nova_lite.scheduler.weights.%s.%s'
                                       % (_MODULES[name], name))
        weighers.append(cls(conf))
    return weighers


def weigh_hosts(weighers, host_states, spec_obj):
    """Host states sorted best first, each with its ``weight`` (the sum of
    its weighers' normalised weights times their multipliers) set; hosts of
    equal weight keep their order. A single host is not weighed.

    A weigher whose multiplier is 0 for every host (no aggregate of any
    gives it another) adds nothing and is not run."""
    totals = [0.0] * len(host_states)
    debug = LOG.isEnabledFor(logging.DEBUG)
    # Only these hosts can have a multiplier other than the configured one.
    with_aggregates = [i for i, host_state in enumerate(host_states)
                       if host_state.aggregates]
    if len(host_states) > 1:
        for weigher in weighers:
            if not weigher.weighs_request(spec_obj):
                continue
            configured = (weigher.conf.filter_scheduler[
                weigher.multiplier_name] if weigher.multiplier_name
                else 1.0)
            if not configured and not with_aggregates:
                continue
            raw = weigher.weigh_objects(host_states, spec_obj)
            normalized = normalize(raw, weigher.minval, weigher.maxval)
            if with_aggregates:
                multipliers = [configured] * len(host_states)
                for i in with_aggregates:
                    multipliers[i] = weigher.weight_multiplier(
                        host_states[i], configured)
                totals = [total + multiplier * weight for total, multiplier,
                          weight in zip(totals, multipliers, normalized)]
            else:
                totals = [total + configured * weight
                          for total, weight in zip(totals, normalized)]
            if debug:
                LOG.debug('%(weigher)s: raw weights %(raw)s',
                          {'weigher': type(weigher).__name__,
                           'raw': {h.host: w for h, w in
                                   zip(host_states, raw)}})
    for host_state, total in zip(host_states, totals):
        host_state.weight = total
    return sorted(host_states, key=lambda h: h.weight, reverse=True)
