"""JSON-Schemas of the os-server-groups API, per microversion, as Nova
has them."""

import copy

from nova_lite.api import validation as types

# Before 2.64 the policy is a list of exactly one policy; 'legacy' is
# Nova's internal policy and cannot be asked for.
create = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'policies': {
                    'type': 'array',
                    'items': [{
                        'type': 'string',
                        'enum': ['anti-affinity', 'affinity'],
                    }],
                    'uniqueItems': True,
                    'minItems': 1,
                    'maxItems': 1,
                    'additionalItems': False,
                },
            },
            'required': ['name', 'policies'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}

# 2.15: the soft policies.
create_v215 = copy.deepcopy(create)
create_v215['properties']['server_group']['properties']['policies'][
    'items'][0]['enum'].extend(['soft-anti-affinity', 'soft-affinity'])

# 2.64: one 'policy' string, and rules.
create_v264 = copy.deepcopy(create_v215)
_group_v264 = create_v264['properties']['server_group']
del _group_v264['properties']['policies']
_group_v264['required'] = ['name', 'policy']
_group_v264['properties']['policy'] = {
    'type': 'string',
    'enum': ['anti-affinity', 'affinity', 'soft-anti-affinity',
             'soft-affinity'],
}
_group_v264['properties']['rules'] = {
    'type': 'object',
    'properties': {
        'max_server_per_host': types.positive_integer,
    },
    'additionalProperties': False,
}

# Unknown query parameters are dropped before 2.75 and refused from it.
index_query = {
    'type': 'object',
    'properties': {
        'all_projects': types.multi_params({'type': 'string'}),
        'limit': types.multi_params(types.non_negative_integer),
        'offset': types.multi_params(types.non_negative_integer),
    },
    'additionalProperties': True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False
