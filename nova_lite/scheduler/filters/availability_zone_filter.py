from oslo_log import log as logging

from nova_lite.scheduler import filters

LOG = logging.getLogger(__name__)


class AvailabilityZoneFilter(filters.BaseHostFilter):
    """Only hosts in the availability zone the request asks for.

    A host's zones are the ``availability_zone`` metadata of its
    aggregates; a host in no zoned aggregate is in the default zone
    (``[api] default_availability_zone``). A request naming no zone passes
    every host.
    """

    def passes_every_host(self, spec_obj):
        return not spec_obj.obj_get('availability_zone')

    def host_passes(self, host_state, spec_obj):
        wanted = spec_obj.obj_get('availability_zone')
        if not wanted:
            return True
        host_zones = {agg.availability_zone
                      for agg in host_state.aggregates
                      if agg.availability_zone}
        if not host_zones:
            host_zones = {self.conf.api.default_availability_zone}
        if wanted in host_zones:
            return True
        LOG.debug("Availability zone '%(az)s' requested, %(host_state)s is "
                  "in %(host_zones)s",
                  {'az': wanted, 'host_state': host_state,
                   'host_zones': sorted(host_zones)})
        return False
