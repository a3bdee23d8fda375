"""JSON-Schema of POST /os-aggregates/{aggregate_id}/images (2.81), as
Nova has it: at least one image, each named by its uuid."""

from nova_lite.api import validation as types

aggregate_images = {
    'type': 'object',
    'properties': {
        'cache': {
            'type': ['array'],
            'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {
                    'id': types.uuid,
                },
                'additionalProperties': False,
                'required': ['id'],
            },
        },
    },
    'required': ['cache'],
    'additionalProperties': False,
}
