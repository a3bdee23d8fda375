"""Host filters: one class a module, ``host_passes(host_state, spec_obj)``,
loaded by class name from ``[filter_scheduler] enabled_filters``."""

from oslo_log import log as logging
from oslo_utils import importutils

from nova_lite import conf as nova_conf
from nova_lite import exception

LOG = logging.getLogger(__name__)


def request_is_rebuild(spec_obj):
    """True when the request asks whether an instance's own host still
    suits it for a rebuild (the ``_nova_check_type`` hint, as Nova)."""
    if spec_obj is None:
        return False
    hints = spec_obj.obj_get('scheduler_hints') or {}
    return hints.get('_nova_check_type') == ['rebuild']


class BaseHostFilter(object):
    """A filter that keeps the hosts for which host_passes() is true."""

    # A rebuild re-checks the instance's current host with its new image:
    # only filters about the request's policy (image, group...) apply, not
    # the ones about the host's usage; those let every host pass then.
    RUN_ON_REBUILD = False

    def __init__(self, conf=None):
        self.conf = nova_conf.CONF if conf is None else conf

    def host_passes(self, host_state, spec_obj):
        """True if ``host_state`` suits the request ``spec_obj``."""
        raise NotImplementedError()

    def passes_every_host(self, spec_obj):
        """True when the request asks nothing this filter checks (no
        zone, no group, no hint...), so that no host need be looked at:
        with a thousand hosts, most of a request's filtering."""
        return False

    def filter_all(self, host_states, spec_obj):
        """The hosts of ``host_states`` that pass, in their order."""
        if (not self.RUN_ON_REBUILD and request_is_rebuild(spec_obj)) or \
                self.passes_every_host(spec_obj):
            return list(host_states)
        return [h for h in host_states if self.host_passes(h, spec_obj)]


# Class name -> module of nova_lite.scheduler.filters.
_MODULES = {
    'ComputeFilter': 'compute_filter',
    'AvailabilityZoneFilter': 'availability_zone_filter',
    'ComputeCapabilitiesFilter': 'compute_capabilities_filter',
    'ImagePropertiesFilter': 'image_props_filter',
    'ServerGroupAntiAffinityFilter': 'server_group_anti_affinity_filter',
    'ServerGroupAffinityFilter': 'server_group_affinity_filter',
    'SameHostFilter': 'same_host_filter',
    'DifferentHostFilter': 'different_host_filter',
    'AggregateInstanceExtraSpecsFilter': 'aggregate_instance_extra_specs',
    'IoOpsFilter': 'io_ops_filter',
}


def load_filters(names, conf=None):
    """Instantiate the filters named as in ``[filter_scheduler]
    enabled_filters``, in that order.

    :raises: SchedulerHostFilterNotFound for a name that is no filter.
    """
    filters = []
    for name in names:
        if name not in _MODULES:
            raise exception.SchedulerHostFilterNotFound(filter_name=name)
        cls = importutils.import_class('nova_lite.scheduler.filters.%s.%s'
                                       % (_MODULES[name], name))
        filters.append(cls(conf))
    return filters
