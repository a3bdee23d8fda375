from nova_lite.scheduler.filters import utils
from nova_lite.scheduler import weights


class ServerGroupSoftAntiAffinityWeigher(weights.BaseHostWeigher):
    """For a member of a ``soft-anti-affinity`` server group, hosts with
    fewer of the group's members weigh more; no effect for other
    requests."""

    multiplier_name = 'soft_anti_affinity_weight_multiplier'

    def weighs_request(self, spec_obj):
        group = spec_obj.obj_get('instance_group')
        return (group is not None and
                group.obj_get('policy') == 'soft-anti-affinity')

    def _weigh_object(self, host_state, spec_obj):
        group = spec_obj.obj_get('instance_group')
        if group is None or group.obj_get('policy') != 'soft-anti-affinity':
            return 0
        return -len(utils.group_members_on_host(host_state, group))
