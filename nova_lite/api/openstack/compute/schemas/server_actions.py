"""JSON-Schemas of the server actions: reboot and rebuild (per
microversion). os-start, os-stop, pause, unpause, suspend and resume take
no body beyond their name, as in Nova."""

import copy

from nova_lite.api import validation as types

reboot = {
    'type': 'object',
    'properties': {
        'reboot': {
            'type': 'object',
            'properties': {
                'type': {'type': 'string',
                         'enum': ['HARD', 'Hard', 'hard',
                                  'SOFT', 'Soft', 'soft']},
            },
            'required': ['type'],
            'additionalProperties': False,
        },
    },
    'required': ['reboot'],
    'additionalProperties': False,
}

# Like create, the fields nova-lite cannot honour (personality, trusted
# certificates) are refused, not ignored.
base_rebuild = {
    'type': 'object',
    'properties': {
        'rebuild': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'imageRef': {'type': 'string', 'format': 'uuid'},
                'adminPass': {'type': 'string'},
                'metadata': types.metadata,
                'preserve_ephemeral': types.boolean,
                'OS-DCF:diskConfig': types.disk_config,
                'accessIPv4': types.accessIPv4,
                'accessIPv6': types.accessIPv6,
            },
            'required': ['imageRef'],
            'additionalProperties': False,
        },
    },
    'required': ['rebuild'],
    'additionalProperties': False,
}

# The legacy v2 API: the name may have leading and trailing spaces.
rebuild_v20 = copy.deepcopy(base_rebuild)
rebuild_v20['properties']['rebuild']['properties']['name'] = (
    types.name_with_leading_trailing_spaces)

rebuild_v219 = copy.deepcopy(base_rebuild)
rebuild_v219['properties']['rebuild']['properties']['description'] = \
    types.description

rebuild_v254 = copy.deepcopy(rebuild_v219)
rebuild_v254['properties']['rebuild']['properties']['key_name'] = {
    'oneOf': [types.name, {'type': 'null'}]}

rebuild_v257 = copy.deepcopy(rebuild_v254)
rebuild_v257['properties']['rebuild']['properties']['user_data'] = {
    'oneOf': [{'type': 'string', 'format': 'base64', 'maxLength': 65535},
              {'type': 'null'}]}

rebuild_v290 = copy.deepcopy(rebuild_v257)
rebuild_v290['properties']['rebuild']['properties']['hostname'] = \
    types.hostname

rebuild_v294 = copy.deepcopy(rebuild_v290)
rebuild_v294['properties']['rebuild']['properties']['hostname'] = types.fqdn

REBUILD_SCHEMAS = (
    ('2.0', '2.0', rebuild_v20),
    ('2.1', '2.18', base_rebuild),
    ('2.19', '2.53', rebuild_v219),
    ('2.54', '2.56', rebuild_v254),
    ('2.57', '2.89', rebuild_v257),
    ('2.90', '2.93', rebuild_v290),
    ('2.94', None, rebuild_v294),
)
