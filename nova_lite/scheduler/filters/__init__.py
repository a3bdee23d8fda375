"""Host filters: one class a module, ``host_passes(host_state, spec_obj)``."""

from oslo_utils import importutils


class BaseHostFilter(object):
    """A filter that keeps the hosts for which host_passes() is true."""

    def host_passes(self, host_state, spec_obj):
        raise NotImplementedError()

    def filter_all(self, host_states, spec_obj):
        return [h for h in host_states if self.host_passes(h, spec_obj)]


_MODULES = {
    'ComputeFilter': 'compute_filter',
    'RamFilter': 'ram_filter',
    'DiskFilter': 'disk_filter',
    'CoreFilter': 'core_filter',
}


def load_filters(names):
    """Instantiate filters named as in ``[filter_scheduler] enabled_filters``."""
    filters = []
    for name in names:
        if name not in _MODULES:
            raise ValueError('Unknown scheduler filter %s' % name)
        cls = importutils.import_class('nova_lite.scheduler.filters.%s.%s'
                                       % (_MODULES[name], name))
        filters.append(cls())
    return filters
