from oslo_log import log as logging

from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import utils

LOG = logging.getLogger(__name__)


class ServerGroupAntiAffinityFilter(filters.BaseHostFilter):
    """For a member of an ``anti-affinity`` server group, only hosts with
    fewer of the group's members than its ``max_server_per_host`` rule
    (1 when unset)."""

    def passes_every_host(self, spec_obj):
        group = spec_obj.obj_get('instance_group')
        return group is None or group.obj_get('policy') != 'anti-affinity'

    def host_passes(self, host_state, spec_obj):
        group = spec_obj.obj_get('instance_group')
        if group is None or group.obj_get('policy') != 'anti-affinity':
            return True
        # A move (resize to the same host) may check the host the instance
        # is on: it must not count against itself.
        if spec_obj.obj_get('instance_uuid') in host_state.instances:
            return True
        rules = group.obj_get('rules') or {}
        max_server_per_host = int(rules.get('max_server_per_host', 1))
        on_host = utils.group_members_on_host(host_state, group)
        LOG.debug('Group anti-affinity: %(count)d member(s) of group '
                  '%(group)s on %(host)s, at most %(max)d allowed',
                  {'count': len(on_host), 'host': host_state.host,
                   'group': group.obj_get('uuid', 'n/a'),
                   'max': max_server_per_host})
        return len(on_host) < max_server_per_host
