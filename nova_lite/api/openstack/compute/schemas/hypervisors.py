"""Query schemas of the os-hypervisors API, as Nova's."""

from nova_lite.api import validation as types

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}

# 2.33: paging.
index_query_v233 = {
    'type': 'object',
    'properties': types.pagination_parameters,
    'additionalProperties': True,
}

# 2.53: the search and servers routes become query parameters, and
# unknown parameters are refused.
index_query_v253 = {
    'type': 'object',
    'properties': {
        'limit': types.single_param(types.non_negative_integer),
        'marker': types.single_param({'type': 'string'}),
        'hypervisor_hostname_pattern': types.single_param(types.fqdn),
        'with_servers': types.single_param(types.boolean),
    },
    'additionalProperties': False,
}

show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}

show_query_v253 = {
    'type': 'object',
    'properties': {'with_servers': types.single_param(types.boolean)},
    'additionalProperties': False,
}
