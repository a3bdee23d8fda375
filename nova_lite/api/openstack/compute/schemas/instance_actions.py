"""Query schemas of the os-instance-actions API, as Nova's."""

import copy

from nova_lite.api import validation as types

_time = types.single_param({'type': 'string', 'format': 'date-time'})

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}

# 2.58: paging and changes-since; unknown parameters refused.
index_query_v258 = {
    'type': 'object',
    'properties': {
        'limit': types.single_param(types.non_negative_integer),
        'marker': types.single_param({'type': 'string'}),
        'changes-since': _time,
    },
    'additionalProperties': False,
}

# 2.66: changes-before.
index_query_v266 = copy.deepcopy(index_query_v258)
index_query_v266['properties']['changes-before'] = _time
