"""Query schemas of the limits API, as Nova's."""

import copy

from nova_lite.api import validation as types

index_query = {
    'type': 'object',
    'properties': {'tenant_id': types.common_query_param},
    'additionalProperties': True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False
