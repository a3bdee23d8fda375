from oslo_log import log as logging

from nova_lite.scheduler import filters

LOG = logging.getLogger(__name__)


class ServerGroupAffinityFilter(filters.BaseHostFilter):
    """For a member of an ``affinity`` server group, only the hosts the
    group's members are on; the first member may go anywhere."""

    def passes_every_host(self, spec_obj):
        group = spec_obj.obj_get('instance_group')
        return (group is None or group.obj_get('policy') != 'affinity' or
                not group.obj_get('hosts'))

    def host_passes(self, host_state, spec_obj):
        group = spec_obj.obj_get('instance_group')
        if group is None or group.obj_get('policy') != 'affinity':
            return True
        group_hosts = group.obj_get('hosts') or []
        LOG.debug('Group affinity: check if %(host)s is in %(hosts)s',
                  {'host': host_state.host, 'hosts': group_hosts})
        if not group_hosts:
            return True
        return host_state.host in group_hosts
