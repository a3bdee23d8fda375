"""Request schemas of the os-services API, as Nova's."""

import copy

from nova_lite.api import validation as types

_reason = {'type': 'string', 'minLength': 1, 'maxLength': 255}

# Before 2.53: PUT /os-services/{action} names the service in the body.
update = {
    'type': 'object',
    'properties': {
        'host': types.fqdn,
        'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'disabled_reason': _reason,
    },
    'required': ['host', 'binary'],
    'additionalProperties': False,
}

update_v211 = copy.deepcopy(update)
update_v211['properties']['forced_down'] = types.boolean

# From 2.53: PUT /os-services/{uuid} says what to change.
update_v253 = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': _reason,
        'forced_down': types.boolean,
    },
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {
        'host': types.common_query_param,
        'binary': types.common_query_param,
    },
    'additionalProperties': True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False
