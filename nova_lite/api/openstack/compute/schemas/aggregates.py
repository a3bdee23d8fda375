"""JSON-Schemas of the os-aggregates API, as Nova has them.

A zone name is a name without ':' (the create of a server reads
``zone:host`` out of its availability_zone); this format is defined here
as only aggregates use it. A new aggregate name may keep leading and
trailing spaces (they are stripped), and so may a zone name in the legacy
v2 API.
"""

import copy

from nova_lite.api import validation as types
from nova_lite import exception

AZ_NAME_REASON = ('printable characters except :.Can not start or end with '
                  'whitespace.')
AZ_NAME_WITH_SPACES_REASON = ('printable characters except :, with at '
                              'least one non space character')


def _is_printable_az_name(instance):
    return (isinstance(instance, str) and ':' not in instance and
            all(types._is_printable(char) for char in instance))


@types.FORMAT_CHECKER.checks('az_name', raises=exception.InvalidName)
def _validate_az_name(instance):
    """Printable, no ':', not starting or ending with whitespace."""
    if (_is_printable_az_name(instance) and
            not (instance and (types._is_space(instance[0]) or
                               types._is_space(instance[-1])))):
        return True
    raise exception.InvalidName(reason=AZ_NAME_REASON)


@types.FORMAT_CHECKER.checks('az_name_with_leading_trailing_spaces',
                             raises=exception.InvalidName)
def _validate_az_name_with_spaces(instance):
    """Printable, no ':', at least one character that is not a space."""
    if (_is_printable_az_name(instance) and
            not all(types._is_space(char) for char in instance)):
        return True
    raise exception.InvalidName(reason=AZ_NAME_WITH_SPACES_REASON)


az_name = {
    'type': 'string', 'format': 'az_name', 'minLength': 1, 'maxLength': 255,
}

az_name_with_leading_trailing_spaces = {
    'type': 'string', 'format': 'az_name_with_leading_trailing_spaces',
    'minLength': 1, 'maxLength': 255,
}

_availability_zone = {'oneOf': [az_name, {'type': 'null'}]}
_availability_zone_with_spaces = {
    'oneOf': [az_name_with_leading_trailing_spaces, {'type': 'null'}]}


# Metadata whose null values delete their keys.
metadata_with_null = copy.deepcopy(types.metadata)
metadata_with_null['patternProperties']['^[a-zA-Z0-9-_:. ]{1,255}$'][
    'type'] = ['string', 'null']

create = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'availability_zone': _availability_zone,
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

# The legacy v2 API: names and zones may have leading and trailing
# spaces.
create_v20 = copy.deepcopy(create)
create_v20['properties']['aggregate']['properties'].update(
    name=types.name_with_leading_trailing_spaces,
    availability_zone=_availability_zone_with_spaces)

update = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': types.name_with_leading_trailing_spaces,
                'availability_zone': _availability_zone,
            },
            'additionalProperties': False,
            'anyOf': [
                {'required': ['name']},
                {'required': ['availability_zone']},
            ],
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}


update_v20 = copy.deepcopy(update)
update_v20['properties']['aggregate']['properties'][
    'availability_zone'] = _availability_zone_with_spaces


def _host_action(action):
    return {
        'type': 'object',
        'properties': {
            action: {
                'type': 'object',
                'properties': {'host': types.fqdn},
                'required': ['host'],
                'additionalProperties': False,
            },
        },
        'required': [action],
        'additionalProperties': False,
    }


add_host = _host_action('add_host')
remove_host = _host_action('remove_host')

set_metadata = {
    'type': 'object',
    'properties': {
        'set_metadata': {
            'type': 'object',
            'properties': {'metadata': metadata_with_null},
            'required': ['metadata'],
            'additionalProperties': False,
        },
    },
    'required': ['set_metadata'],
    'additionalProperties': False,
}
