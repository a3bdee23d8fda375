"""Request schemas of the server metadata API, as Nova's."""

import copy

from nova_lite.api import validation as types

# POST and PUT of /metadata: the items to merge, or all of them.
create = {
    'type': 'object',
    'properties': {'metadata': types.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

update_all = copy.deepcopy(create)

# PUT of /metadata/{key}: that one item.
_one_item = copy.deepcopy(types.metadata)
_one_item.update({'minProperties': 1, 'maxProperties': 1})

update = {
    'type': 'object',
    'properties': {'meta': _one_item},
    'required': ['meta'],
    'additionalProperties': False,
}
