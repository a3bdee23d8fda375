"""Aggregate documents, as Nova shows them at each microversion."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack import wsgi

# 2.41: the aggregate's uuid.
UUID_MICROVERSION = '2.41'

_TIME_FIELDS = ('created_at', 'updated_at', 'deleted_at')


def aggregate(req, aggregate, with_members=True):
    """The document of ``aggregate``; the answer to a create has neither
    hosts nor metadata."""
    body = {field: common.naive_time(aggregate.obj_get(field))
            for field in _TIME_FIELDS}
    body.update({
        'deleted': bool(aggregate.obj_get('deleted', False)),
        'id': aggregate.id,
        'name': aggregate.name,
        'availability_zone': aggregate.availability_zone,
    })
    if with_members:
        body['hosts'] = list(aggregate.hosts or [])
        body['metadata'] = dict(aggregate.metadata or {})
    if wsgi.is_supported(req, UUID_MICROVERSION):
        body['uuid'] = aggregate.uuid
    return {'aggregate': body}
