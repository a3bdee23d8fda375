from oslo_log import log as logging

from nova_lite.scheduler import filters

LOG = logging.getLogger(__name__)


class ComputeFilter(filters.BaseHostFilter):
    """Only hosts whose compute service is up and enabled."""

    def host_passes(self, host_state, spec_obj):
        if host_state.service_disabled:
            LOG.debug('%s is disabled', host_state)
            return False
        if not host_state.service_up:
            LOG.debug('%s is down', host_state)
            return False
        return True
