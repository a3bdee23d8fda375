"""JSON-Schemas of the os-aggregates API, as Nova has them (v2.1).

Two formats of Nova's are defined here, as only aggregates use them: a
zone name is a name without ':' (the create of a server reads
``zone:host`` out of its availability_zone), and a new aggregate name
may keep leading and trailing spaces (they are stripped).
"""

import copy

from nova_lite.api import validation as types
from nova_lite import exception

AZ_NAME_REASON = ('printable characters except :.Can not start or end with '
                  'whitespace.')
NAME_WITH_SPACES_REASON = types.NAME_WITH_SPACES_REASON


def _is_printable_name(instance, allow_colon):
    return (isinstance(instance, str) and
            all(types._is_printable(char) for char in instance) and
            (allow_colon or ':' not in instance))


@types.FORMAT_CHECKER.checks('az_name', raises=exception.InvalidName)
def _validate_az_name(instance):
    """Printable, no ':', not starting or ending with whitespace."""
    if (_is_printable_name(instance, allow_colon=False) and
            not (instance and (types._is_space(instance[0]) or
                               types._is_space(instance[-1])))):
        return True
    raise exception.InvalidName(reason=AZ_NAME_REASON)


@types.FORMAT_CHECKER.checks('name_with_leading_trailing_spaces',
                             raises=exception.InvalidName)
def _validate_name_with_spaces(instance):
    """Printable with at least one character that is not a space."""
    if (_is_printable_name(instance, allow_colon=True) and
            not all(types._is_space(char) for char in instance)):
        return True
    raise exception.InvalidName(reason=NAME_WITH_SPACES_REASON)


az_name = {
    'type': 'string', 'format': 'az_name', 'minLength': 1, 'maxLength': 255,
}

name_with_leading_trailing_spaces = {
    'type': 'string', 'format': 'name_with_leading_trailing_spaces',
    'minLength': 1, 'maxLength': 255,
}

_availability_zone = {'oneOf': [az_name, {'type': 'null'}]}


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

update = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': name_with_leading_trailing_spaces,
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
