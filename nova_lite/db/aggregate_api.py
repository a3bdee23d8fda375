"""Database API of host aggregates (Nova's aggregates of its API
database): a named set of hosts with metadata.

Every write to an aggregate, its hosts or its metadata also moves the
'aggregates' change sequence, in the same transaction: the scheduler
reloads aggregates when it sees that counter move, so a change and its
bump commit (or roll back) together.
"""

from oslo_db import exception as db_exc
from oslo_utils import timeutils

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite.db import placement_models
from nova_lite import exception

AGGREGATES_SEQUENCE = 'aggregates'


def _bump_change_sequence(context):
    sequence = placement_models.ChangeSequence
    context.session.query(sequence).filter_by(
        name=AGGREGATES_SEQUENCE).update(
            {'value': sequence.value + 1}, synchronize_session=False)


def _aggregate_dicts(context, aggregates):
    """The rows as dicts with their ``hosts`` (list) and ``metadata``."""
    ids = [aggregate.id for aggregate in aggregates]
    hosts = {aggregate_id: [] for aggregate_id in ids}
    metadata = {aggregate_id: {} for aggregate_id in ids}
    if ids:
        for row in context.session.query(models.AggregateHost).filter(
                models.AggregateHost.aggregate_id.in_(ids)).order_by(
                    models.AggregateHost.id):
            hosts[row.aggregate_id].append(row.host)
        for row in context.session.query(models.AggregateMetadata).filter(
                models.AggregateMetadata.aggregate_id.in_(ids)):
            metadata[row.aggregate_id][row.key] = row.value
    result = []
    for aggregate in aggregates:
        values = dict(aggregate)
        values['hosts'] = hosts[aggregate.id]
        values['metadata'] = metadata[aggregate.id]
        result.append(values)
    return result


def _get_aggregate(context, aggregate_id):
    aggregate = context.session.query(models.Aggregate).filter_by(
        id=aggregate_id).first()
    if aggregate is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)
    return aggregate


def _set_metadata(context, aggregate_id, metadata):
    """Set the given keys (a None value deletes the key); the other keys
    stay."""
    rows = {row.key: row for row in context.session.query(
        models.AggregateMetadata).filter_by(aggregate_id=aggregate_id)}
    for key, value in metadata.items():
        row = rows.get(key)
        if value is None:
            if row is not None:
                context.session.delete(row)
        elif row is not None:
            row.value = value
        else:
            context.session.add(models.AggregateMetadata(
                aggregate_id=aggregate_id, key=key, value=value))


def _ordered(query):
    return query.order_by(models.Aggregate.id).all()


@writer
def aggregate_create(context, values, metadata=None):
    """Create an aggregate with its metadata; AggregateNameExists if the
    name is taken."""
    query = context.session.query(models.Aggregate)
    if query.filter_by(name=values['name']).first() is not None:
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    aggregate = models.Aggregate(**values)
    try:
        context.session.add(aggregate)
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    _set_metadata(context, aggregate.id, metadata or {})
    _bump_change_sequence(context)
    context.session.flush()
    return _aggregate_dicts(context, [aggregate])[0]


@reader
def aggregate_get(context, aggregate_id):
    """The aggregate; AggregateNotFound if there is none."""
    return _aggregate_dicts(context, [_get_aggregate(context,
                                                     aggregate_id)])[0]


@reader
def aggregate_get_by_uuid(context, aggregate_uuid):
    aggregate = context.session.query(models.Aggregate).filter_by(
        uuid=aggregate_uuid).first()
    if aggregate is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_uuid)
    return _aggregate_dicts(context, [aggregate])[0]


@reader
def aggregate_get_all(context):
    return _aggregate_dicts(context, _ordered(
        context.session.query(models.Aggregate)))


@reader
def aggregate_get_by_host(context, host, key=None):
    """The aggregates ``host`` is in; with ``key``, only those having
    that metadata key."""
    query = context.session.query(models.Aggregate).join(
        models.AggregateHost,
        models.AggregateHost.aggregate_id == models.Aggregate.id).filter(
            models.AggregateHost.host == host)
    if key is not None:
        query = query.join(
            models.AggregateMetadata,
            models.AggregateMetadata.aggregate_id == models.Aggregate.id
        ).filter(models.AggregateMetadata.key == key)
    return _aggregate_dicts(context, _ordered(query))


@reader
def aggregate_get_by_metadata(context, key=None, value=None):
    """The aggregates with a metadata item of that key and/or value."""
    query = context.session.query(models.Aggregate).join(
        models.AggregateMetadata,
        models.AggregateMetadata.aggregate_id == models.Aggregate.id)
    if key is not None:
        query = query.filter(models.AggregateMetadata.key == key)
    if value is not None:
        query = query.filter(models.AggregateMetadata.value == value)
    return _aggregate_dicts(context, _ordered(query.distinct()))


@writer
def aggregate_update(context, aggregate_id, values):
    """Rename the aggregate; AggregateNameExists if the name is taken."""
    aggregate = _get_aggregate(context, aggregate_id)
    name = values.get('name')
    if name is not None and name != aggregate.name:
        other = context.session.query(models.Aggregate).filter_by(
            name=name).first()
        if other is not None:
            raise exception.AggregateNameExists(aggregate_name=name)
    aggregate.update(values)
    try:
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=name)
    _bump_change_sequence(context)
    return _aggregate_dicts(context, [aggregate])[0]


@writer
def aggregate_metadata_update(context, aggregate_id, metadata):
    """Set (or, with a None value, delete) metadata keys; the aggregate
    counts as updated."""
    aggregate = _get_aggregate(context, aggregate_id)
    _set_metadata(context, aggregate_id, metadata)
    aggregate.updated_at = timeutils.utcnow()
    _bump_change_sequence(context)
    context.session.flush()
    return _aggregate_dicts(context, [aggregate])[0]


@writer
def aggregate_host_add(context, aggregate_id, host):
    """Put ``host`` in the aggregate; AggregateHostExists if it is
    already there."""
    _get_aggregate(context, aggregate_id)
    exists = context.session.query(models.AggregateHost).filter_by(
        aggregate_id=aggregate_id, host=host).first()
    if exists is not None:
        raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                            host=host)
    try:
        context.session.add(models.AggregateHost(aggregate_id=aggregate_id,
                                                 host=host))
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                            host=host)
    _bump_change_sequence(context)


@writer
def aggregate_host_delete(context, aggregate_id, host):
    """Take ``host`` out of the aggregate; AggregateHostNotFound if it
    is not in it."""
    _get_aggregate(context, aggregate_id)
    count = context.session.query(models.AggregateHost).filter_by(
        aggregate_id=aggregate_id, host=host).delete(
            synchronize_session=False)
    if not count:
        raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                              host=host)
    _bump_change_sequence(context)


@writer
def aggregate_destroy(context, aggregate_id):
    """Delete the aggregate and its metadata (the API refuses to delete
    one that still has hosts)."""
    aggregate = _get_aggregate(context, aggregate_id)
    for model in (models.AggregateMetadata, models.AggregateHost):
        context.session.query(model).filter_by(
            aggregate_id=aggregate_id).delete(synchronize_session=False)
    context.session.delete(aggregate)
    _bump_change_sequence(context)
