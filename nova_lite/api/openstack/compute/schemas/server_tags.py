"""Request schemas of the server tags API, as Nova's."""

from nova_lite.api import validation as types
from nova_lite.objects import tag as tag_obj

# PUT /servers/{id}/tags: every tag the server is to have.
update_all = {
    'type': 'object',
    'properties': {
        'tags': {
            'type': 'array',
            'items': types.tag,
            'maxItems': tag_obj.MAX_TAG_COUNT,
        },
    },
    'required': ['tags'],
    'additionalProperties': False,
}

# PUT /servers/{id}/tags/{tag}: the tag is in the URL, there is no body.
update = {
    'type': 'null',
}
