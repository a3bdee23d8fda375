from oslo_log import log as logging

from nova_lite.scheduler import filters

LOG = logging.getLogger(__name__)


class IoOpsFilter(filters.BaseHostFilter):
    """Only hosts with fewer than ``[filter_scheduler] max_io_ops_per_host``
    I/O-heavy operations (builds, resizes, snapshots...) in flight."""

    def host_passes(self, host_state, spec_obj):
        max_io_ops = self.conf.filter_scheduler.max_io_ops_per_host
        if host_state.num_io_ops < max_io_ops:
            return True
        LOG.debug('%(host_state)s fails I/O ops check: max I/O operations '
                  'per host is %(max_io_ops)s',
                  {'host_state': host_state, 'max_io_ops': max_io_ops})
        return False
