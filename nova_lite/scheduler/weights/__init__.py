"""Host weighers: one class a module; weights are normalised to [0, 1] and
multiplied by each weigher's configurable multiplier, as Nova."""

from oslo_utils import importutils


class BaseHostWeigher(object):
    def weight_multiplier(self, conf):
        return 1.0

    def _weigh_object(self, host_state, spec_obj):
        raise NotImplementedError()


_MODULES = {'RAMWeigher': 'ram'}


def load_weighers(names):
    weighers = []
    for name in names:
        if name not in _MODULES:
            raise ValueError('Unknown scheduler weigher %s' % name)
        weighers.append(importutils.import_class(
            'nova_lite.scheduler.weights.%s.%s' % (_MODULES[name], name))())
    return weighers


def _normalize(values):
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / (high - low) for v in values]


def weigh_hosts(weighers, host_states, spec_obj, conf):
    """Host states sorted best first."""
    totals = [0.0] * len(host_states)
    for weigher in weighers:
        raw = [weigher._weigh_object(h, spec_obj) for h in host_states]
        multiplier = weigher.weight_multiplier(conf)
        for i, value in enumerate(_normalize(raw) if raw else []):
            totals[i] += multiplier * value
    ranked = sorted(zip(totals, range(len(host_states))),
                    key=lambda pair: pair[0], reverse=True)
    return [host_states[i] for _, i in ranked]
