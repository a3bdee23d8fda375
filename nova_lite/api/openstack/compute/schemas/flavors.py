"""Request schemas of flavor management and flavor extra specs, as
Nova's."""

import copy

from nova_lite.api import validation as types

_positive = {
    'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
    'minimum': 1, 'maximum': 0x7FFFFFFF,
}
_non_negative = dict(_positive, minimum=0)

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': types.name,
                # Generated (a uuid) when null or missing.
                'id': {
                    'type': ['string', 'number', 'null'],
                    'minLength': 1, 'maxLength': 255,
                    'pattern': '^(?! )[a-zA-Z0-9. _-]+(?<! )$',
                },
                'ram': _positive,
                'vcpus': _positive,
                'disk': _non_negative,
                'OS-FLV-EXT-DATA:ephemeral': _non_negative,
                'swap': _non_negative,
                'rxtx_factor': {
                    'type': ['number', 'string'],
                    'pattern': r'^[0-9]+(\.[0-9]+)?$',
                    # Draft 4: a minimum of 0, 0 itself excluded.
                    'minimum': 0, 'exclusiveMinimum': True,
                    'maximum': 3.40282e+38,
                },
                'os-flavor-access:is_public': types.boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

# The legacy v2 API: the name may have leading and trailing spaces.
create_v20 = copy.deepcopy(create)
create_v20['properties']['flavor']['properties']['name'] = (
    types.name_with_leading_trailing_spaces)

_description = {'type': ['string', 'null'], 'minLength': 0,
                'maxLength': 65535, 'format': 'description'}

# 2.55: a description.
create_v255 = copy.deepcopy(create)
create_v255['properties']['flavor']['properties']['description'] = \
    _description

# 2.102: rxtx_factor is gone.
create_v2102 = copy.deepcopy(create_v255)
del create_v2102['properties']['flavor']['properties']['rxtx_factor']

update = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {'description': _description},
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

# The keys a flavor list may be sorted by.
VALID_SORT_KEYS = [
    'created_at', 'description', 'disabled', 'ephemeral_gb', 'flavorid',
    'id', 'is_public', 'memory_mb', 'name', 'root_gb', 'rxtx_factor', 'swap',
    'updated_at', 'vcpu_weight', 'vcpus']

index_query = {
    'type': 'object',
    'properties': {
        'limit': types.multi_params(types.non_negative_integer),
        'marker': types.multi_params({'type': 'string'}),
        'is_public': types.multi_params({'type': 'string'}),
        'minRam': types.multi_params({'type': 'string'}),
        'minDisk': types.multi_params({'type': 'string'}),
        'sort_key': types.multi_params({'type': 'string',
                                        'enum': VALID_SORT_KEYS}),
        'sort_dir': types.multi_params({'type': 'string',
                                        'enum': ['asc', 'desc']}),
    },
    # Unknown parameters are dropped before 2.75 and refused from it.
    'additionalProperties': True,
}
index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False

# 2.102: a name filter (a regular expression); no sorting by rxtx_factor.
index_query_v2102 = copy.deepcopy(index_query_v275)
index_query_v2102['properties']['name'] = types.multi_params(
    {'type': 'string'})
index_query_v2102['properties']['sort_key']['items']['enum'].remove(
    'rxtx_factor')

_extra_specs = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': ['string', 'number'],
                                      'maxLength': 255},
    },
    'additionalProperties': False,
}

extra_specs_create = {
    'type': 'object',
    'properties': {'extra_specs': _extra_specs},
    'required': ['extra_specs'],
    'additionalProperties': False,
}

extra_spec_update = dict(_extra_specs, minProperties=1, maxProperties=1)
