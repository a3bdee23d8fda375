"""JSON-Schemas of the os-keypairs API: create bodies and the query
strings of list, show and delete, per microversion, as Nova has them."""

import copy

from nova_lite.api import validation as types

# A printable name of letters, digits, '_', '-' and spaces, not starting
# or ending with a space.
keypair_name = {
    'allOf': [
        types.name,
        {
            'type': 'string',
            'pattern': r'^[_\- a-zA-Z0-9]+$',
            'minLength': 1,
            'maxLength': 255,
        },
    ],
}

# 2.92: '@' and '.' too, so a key may be named after an e-mail address or
# a file.
keypair_name_v292 = copy.deepcopy(keypair_name)
keypair_name_v292['allOf'][1]['pattern'] = r'^[_\-\@\. a-zA-Z0-9]+$'

create = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': keypair_name,
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

# The legacy v2 API: any name with a character that is not a space.
create_v20 = copy.deepcopy(create)
create_v20['properties']['keypair']['properties']['name'] = (
    types.name_with_leading_trailing_spaces)

# 2.2: the key's type.
create_v22 = copy.deepcopy(create)
create_v22['properties']['keypair']['properties']['type'] = {
    'type': 'string', 'enum': ['ssh', 'x509'],
}

# 2.10: admins may create a key for another user.
create_v210 = copy.deepcopy(create_v22)
create_v210['properties']['keypair']['properties']['user_id'] = {
    'type': 'string',
}

# 2.92: key pairs are imported only, their names may have '@' and '.'.
create_v292 = copy.deepcopy(create_v210)
create_v292['properties']['keypair']['properties']['name'] = keypair_name_v292
create_v292['properties']['keypair']['required'] = ['name', 'public_key']

# Unknown query parameters are dropped before 2.75 and refused from it.
index_query_v20 = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}
index_query_v210 = {
    'type': 'object',
    'properties': {
        'user_id': types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}
index_query_v235 = copy.deepcopy(index_query_v210)
index_query_v235['properties'].update(types.pagination_parameters)
index_query_v275 = copy.deepcopy(index_query_v235)
index_query_v275['additionalProperties'] = False

# show and delete take only user_id.
show_query_v20 = index_query_v20
show_query_v210 = index_query_v210
show_query_v275 = copy.deepcopy(show_query_v210)
show_query_v275['additionalProperties'] = False

delete_query_v20 = index_query_v20
delete_query_v210 = index_query_v210
delete_query_v275 = show_query_v275
