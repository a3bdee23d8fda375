"""Request schemas of the os-quota-sets API, as Nova's."""

import copy

from nova_lite.api import validation as types
from nova_lite import quota

quota_limit = {
    'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
    # -1 is unlimited; the largest is the database's largest integer.
    'minimum': -1, 'maximum': 0x7FFFFFFF,
}


def _update(hidden):
    resources = {name: quota_limit for name in quota.RESOURCES
                 if name not in hidden}
    resources['force'] = types.boolean
    return {
        'type': 'object',
        'properties': {
            'quota_set': {'type': 'object', 'properties': resources,
                          'additionalProperties': False},
        },
        'required': ['quota_set'],
        'additionalProperties': False,
    }


update = _update(())
update_v236 = _update(quota.FILTERED_V236)
update_v257 = _update(quota.FILTERED_V257)

# show, detail, update and delete take the user_id query parameter.
query = {
    'type': 'object',
    'properties': {'user_id': types.common_query_param},
    'additionalProperties': True,
}

query_v275 = copy.deepcopy(query)
query_v275['additionalProperties'] = False
