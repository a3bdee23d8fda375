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
