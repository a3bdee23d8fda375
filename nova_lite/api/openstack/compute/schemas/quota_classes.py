"""Request schemas of the os-quota-class-sets API, as Nova's: a quota
class takes the limits of os-quota-sets (without ``force``); 2.50 drops
the nova-network resources, 2.57 the personality file ones."""

from nova_lite.api.openstack.compute.schemas import quota_sets
from nova_lite import quota


def _update(hidden):
    resources = {name: quota_sets.quota_limit for name in quota.RESOURCES
                 if name not in hidden}
    return {
        'type': 'object',
        'properties': {
            'quota_class_set': {'type': 'object', 'properties': resources,
                                'additionalProperties': False},
        },
        'required': ['quota_class_set'],
        'additionalProperties': False,
    }


update = _update(())
update_v250 = _update(quota.FILTERED_V236)
update_v257 = _update(quota.FILTERED_V257)
