"""Database API: the only place that opens sessions (oslo.db enginefacade).

Objects call these functions; the compute service never does (its object
methods are remoted to the conductor).
"""

import functools

from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova_lite import exception
from nova_lite.db import models
from nova_lite.db import placement_models

context_manager = enginefacade.transaction_context()
# The binary of a service that may not open the database, once set by
# disable_db_access(); checked where every transaction starts.
_db_access_denied_to = None


def _guarded(transaction):
    """``transaction`` (a reader or writer decorator) that first makes
    sure this process may open the database at all."""
    def decorator(func):
        in_transaction = transaction(func)

        @functools.wraps(func)
        def guarded(*args, **kwargs):
            if _db_access_denied_to:
                raise exception.DBNotAllowed(binary=_db_access_denied_to)
            return in_transaction(*args, **kwargs)
        return guarded
    return decorator


reader = _guarded(context_manager.reader)
writer = _guarded(context_manager.writer)


def configure(conf):
    """Point the engine at ``conf.database.connection``."""
    context_manager.configure(connection=conf.database.connection,
                              sqlite_fk=True)


def sqlite_for_several_processes(engine):
    """Set a new sqlite ``engine`` up for several writers: on one machine
    the four services share one sqlite file. A transaction that reads and
    then writes cannot wait for another writer (sqlite fails it at once
    with "database is locked"), so every transaction takes the write lock
    when it begins, and waits for it up to 30 s."""
    if engine.dialect.name != 'sqlite':
        return

    @sa.event.listens_for(engine, 'connect')
    def _connect(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute('PRAGMA busy_timeout = 30000')
        cursor.close()

    # Our BEGIN must run before oslo.db's own listener, which emits a plain
    # BEGIN unless the connection is marked as in a transaction; SQLAlchemy
    # ignores insert=True on engines, so the others are re-added after ours.
    def _begin(connection):
        if 'in_transaction' not in connection.info:
            connection.exec_driver_sql('BEGIN IMMEDIATE')
            connection.info['in_transaction'] = True

    others = list(engine.dispatch.begin)
    for listener in others:
        sa.event.remove(engine, 'begin', listener)
    sa.event.listen(engine, 'begin', _begin)
    for listener in others:
        sa.event.listen(engine, 'begin', listener)


context_manager.append_on_engine_create(sqlite_for_several_processes)


def get_engine():
    return context_manager.writer.get_engine()


def _query(context, model, read_deleted=None):
    query = context.session.query(model)
    read_deleted = read_deleted or context.read_deleted
    if issubclass(model, models.SoftDeleteBase):
        if read_deleted == 'no':
            query = query.filter(model.deleted == 0)
        elif read_deleted == 'only':
            query = query.filter(model.deleted != 0)
    return query


# services

# Moved, in the same transaction, by every change to a service that the
# scheduler acts on (not by heartbeats), so that it reads services again
# at its next request instead of within SERVICE_REFRESH_SECONDS.
SERVICES_SEQUENCE = 'services'
_SCHEDULING_FIELDS = ('disabled', 'disabled_reason', 'forced_down')


def _bump_services_sequence(context):
    sequence = placement_models.ChangeSequence
    context.session.query(sequence).filter_by(
        name=SERVICES_SEQUENCE).update(
            {'value': sequence.value + 1}, synchronize_session=False)


@writer
def service_create(context, values):
    values.setdefault('uuid', uuidutils.generate_uuid())
    service = models.Service(**values)
    try:
        context.session.add(service)
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.NovaException(
            'Service %(binary)s on host %(host)s already exists.' % values)
    _bump_services_sequence(context)
    return service


def _service(context, **where):
    service = _query(context, models.Service).filter_by(**where).first()
    if service is None:
        raise exception.ServiceNotFound(service_id=list(where.values())[0])
    return service


@reader
def service_get(context, service_id):
    return _service(context, id=service_id)


@reader
def service_get_by_uuid(context, uuid):
    return _service(context, uuid=uuid)


@reader
def service_get_by_host_and_binary(context, host, binary):
    return _query(context, models.Service).filter_by(
        host=host, binary=binary).first()


@reader
def service_get_all(context, binary=None):
    query = _query(context, models.Service)
    if binary:
        query = query.filter_by(binary=binary)
    return query.order_by(models.Service.id).all()


@writer
def service_update(context, service_id, values):
    service = _service(context, id=service_id)
    service.update(values)
    if any(field in values for field in _SCHEDULING_FIELDS):
        _bump_services_sequence(context)
    return service


@writer
def service_destroy(context, service_id):
    service = _service(context, id=service_id)
    service.soft_delete(context.session)
    _bump_services_sequence(context)
    _query(context, models.ComputeNode).filter_by(
        service_id=service_id).update(
            {'deleted': models.ComputeNode.id,
             'deleted_at': timeutils.utcnow()}, synchronize_session=False)


# compute nodes

@writer
def compute_node_create(context, values):
    values.setdefault('uuid', uuidutils.generate_uuid())
    node = models.ComputeNode(**values)
    context.session.add(node)
    context.session.flush()
    return node


@writer
def compute_node_update(context, node_id, values):
    node = _query(context, models.ComputeNode).filter_by(id=node_id).first()
    if node is None:
        raise exception.ComputeHostNotFound(host=node_id)
    node.update(values)
    return node


@reader
def compute_node_get_by_host_and_nodename(context, host, nodename):
    node = _query(context, models.ComputeNode).filter_by(
        host=host, hypervisor_hostname=nodename).first()
    if node is None:
        raise exception.ComputeHostNotFound(host=host)
    return node


@reader
def compute_node_get_all(context, host=None):
    query = _query(context, models.ComputeNode)
    if host is not None:
        query = query.filter_by(host=host)
    return query.order_by(models.ComputeNode.id).all()


@reader
def compute_hosts_for_scheduler(context):
    """The live compute nodes, each with what the scheduler needs of it
    and of its service (None if the node has none), in one Core
    statement: the scheduler reads a thousand of them at once."""
    node = models.ComputeNode.__table__
    service = models.Service.__table__
    joined = node.outerjoin(service, sa.and_(
        service.c.host == node.c.host, service.c.deleted == 0,
        service.c.binary == 'nova-lite-compute'))
    return context.session.execute(sa.select(
        node.c.uuid, node.c.host, node.c.hypervisor_hostname,
        node.c.hypervisor_type, node.c.hypervisor_version, node.c.cpu_info,
        service.c.id.label('service_id'), service.c.disabled,
        service.c.disabled_reason, service.c.forced_down,
        sa.func.coalesce(service.c.last_seen_up, service.c.updated_at,
                         service.c.created_at).label('last_seen')).select_from(
        joined).where(node.c.deleted == 0).order_by(node.c.id)).all()


# images

@writer
def image_create(context, values):
    image = models.Image(**values)
    context.session.add(image)
    context.session.flush()
    return image


@reader
def image_get(context, image_uuid):
    image = _query(context, models.Image).filter_by(uuid=image_uuid).first()
    if image is None:
        raise exception.ImageNotFound(image_id=image_uuid)
    return image


@reader
def image_get_all(context):
    return _query(context, models.Image).order_by(
        models.Image.created_at.desc(), models.Image.id.desc()).all()


@writer
def image_destroy(context, image_uuid):
    image = _query(context, models.Image).filter_by(uuid=image_uuid).first()
    if image is None:
        raise exception.ImageNotFound(image_id=image_uuid)
    image.soft_delete(context.session)


# instances

def _instance_query(context, read_deleted=None):
    return _query(context, models.Instance, read_deleted)


# Every build saves its instance five times and every GET reads it:
# those statements are SQLAlchemy Core, a fraction of the ORM's cost.
_INSTANCES = models.Instance.__table__


def _not_deleted(context, table, read_deleted=None):
    """The WHERE clause of ``read_deleted`` ('no', 'yes', 'only')."""
    read_deleted = read_deleted or context.read_deleted
    if read_deleted == 'no':
        return table.c.deleted == 0
    if read_deleted == 'only':
        return table.c.deleted != 0
    return sa.true()


def _instance_row(context, uuid, read_deleted=None):
    """The instance row of ``uuid`` as a dict, None if there is none."""
    row = context.session.execute(sa.select(_INSTANCES).where(
        _INSTANCES.c.uuid == uuid,
        _not_deleted(context, _INSTANCES, read_deleted))).mappings().first()
    return dict(row) if row is not None else None


def _metadata_dicts(context, instance_uuids):
    """{uuid: (metadata, system_metadata)} for the given instances."""
    result = {uuid: ({}, {}) for uuid in instance_uuids}
    if not instance_uuids:
        return result
    for index, model in enumerate((models.InstanceMetadata,
                                   models.InstanceSystemMetadata)):
        table = model.__table__
        where = [table.c.instance_uuid.in_(instance_uuids)]
        if 'deleted' in table.c:
            where.append(_not_deleted(context, table))
        for uuid, key, value in context.session.execute(sa.select(
                table.c.instance_uuid, table.c.key, table.c.value).where(
                *where)):
            result[uuid][index][key] = value
    return result


def _instance_dict(instance, metadata=None, system_metadata=None):
    values = dict(instance)
    values['metadata'] = metadata or {}
    values['system_metadata'] = system_metadata or {}
    return values


@writer
def instance_create(context, values):
    """Create an instance row with its metadata and ``tags`` (a list of
    names, duplicates once); return it as a dict, with its sorted tags."""
    values = dict(values)
    metadata = values.pop('metadata', None) or {}
    system_metadata = values.pop('system_metadata', None) or {}
    tags = sorted(set(values.pop('tags', None) or ()))
    values.setdefault('uuid', uuidutils.generate_uuid())
    instance = models.Instance(**values)
    context.session.add(instance)
    context.session.flush()
    _set_metadata(context, instance.uuid, metadata, system_metadata)
    if tags:
        context.session.execute(models.Tag.__table__.insert(), [
            {'resource_id': instance.uuid, 'tag': tag} for tag in tags])
    values = _instance_dict(instance, metadata, system_metadata)
    values['tags'] = tags
    return values


def _set_metadata(context, uuid, metadata, system_metadata):
    for key, value in metadata.items():
        context.session.add(models.InstanceMetadata(
            instance_uuid=uuid, key=key, value=value))
    for key, value in system_metadata.items():
        context.session.add(models.InstanceSystemMetadata(
            instance_uuid=uuid, key=key, value=value))


@reader
def instance_get_by_uuid(context, uuid, read_deleted=None):
    instance = _instance_row(context, uuid, read_deleted)
    if instance is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    md, sysmd = _metadata_dicts(context, [uuid])[uuid]
    return _instance_dict(instance, md, sysmd)


@writer
def instance_update(context, uuid, values, expected=None):
    """Update an instance; ``expected`` maps column -> allowed values.

    The check and the update are one UPDATE statement, so two services
    racing on task_state cannot both win (Nova's expected_task_state).
    """
    values = dict(values)
    metadata = values.pop('metadata', None)
    system_metadata = values.pop('system_metadata', None)
    where = [_INSTANCES.c.uuid == uuid, _not_deleted(context, _INSTANCES)]
    for column, allowed in (expected or {}).items():
        allowed = list(allowed) if isinstance(allowed, (list, tuple, set)) \
            else [allowed]
        col = _INSTANCES.c[column]
        conds = [col.in_([a for a in allowed if a is not None])]
        if None in allowed:
            conds.append(col.is_(None))
        where.append(sa.or_(*conds))
    if values:
        values['updated_at'] = timeutils.utcnow()
        if not context.session.execute(_INSTANCES.update().where(
                *where).values(values)).rowcount:
            current = _instance_row(context, uuid)
            if current is None:
                raise exception.InstanceNotFound(instance_id=uuid)
            column = next(iter(expected))
            raise exception.InstanceInvalidState(
                instance_uuid=uuid, attr=column,
                state=current[column], method='update')
    if metadata is not None:
        _query(context, models.InstanceMetadata).filter_by(
            instance_uuid=uuid).delete()
        _set_metadata(context, uuid, metadata, {})
    if system_metadata is not None:
        context.session.query(models.InstanceSystemMetadata).filter_by(
            instance_uuid=uuid).delete()
        _set_metadata(context, uuid, {}, system_metadata)
    if metadata is None and system_metadata is None:
        # Most saves are state changes: the metadata tables are not read
        # back, and the caller keeps the metadata it has.
        instance = _instance_row(context, uuid)
        if instance is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        return instance
    return instance_get_by_uuid(context, uuid)


@writer
def instance_destroy(context, uuid):
    """Soft-delete an instance and the rows that hang off it."""
    instance = _instance_query(context).filter_by(uuid=uuid).first()
    if instance is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    now = timeutils.utcnow()
    instance.update({'vm_state': 'deleted', 'task_state': None,
                     'terminated_at': now})
    instance.soft_delete(context.session)
    for model in (models.InstanceMetadata, models.BlockDeviceMapping):
        _query(context, model).filter_by(instance_uuid=uuid).update(
            {'deleted': model.id, 'deleted_at': now},
            synchronize_session=False)
    # The request spec stays, as Nova keeps it until the instance is
    # archived: a deleted server that is listed still shows what it asked
    # the scheduler for (2.96, 2.100).
    # Tags have no deleted column: they go, as in Nova.
    context.session.query(models.Tag).filter_by(resource_id=uuid).delete()
    # A deleted server leaves its server group at once.
    context.session.query(models.InstanceGroupMember).filter_by(
        instance_uuid=uuid).delete(synchronize_session=False)
    return _instance_dict(instance)


# The rows keyed by an instance's uuid, in the order they can go.
_INSTANCE_CHILDREN = (
    models.InstanceMetadata, models.InstanceSystemMetadata,
    models.InstanceFault, models.BlockDeviceMapping,
    models.InstanceInfoCache, models.RequestSpec)


@writer
def instance_purge(context, uuid):
    """Remove an instance that never was a server a user could see (a
    create refused once its rows were written) and every row about it,
    as Nova's build request leaves nothing behind."""
    actions = sa.select(models.InstanceAction.id).where(
        models.InstanceAction.instance_uuid == uuid)
    context.session.query(models.InstanceActionEvent).filter(
        models.InstanceActionEvent.action_id.in_(actions)).delete(
            synchronize_session=False)
    context.session.query(models.InstanceAction).filter_by(
        instance_uuid=uuid).delete(synchronize_session=False)
    for model in _INSTANCE_CHILDREN:
        context.session.query(model).filter_by(instance_uuid=uuid).delete(
            synchronize_session=False)
    context.session.query(models.Tag).filter_by(resource_id=uuid).delete(
        synchronize_session=False)
    context.session.query(models.InstanceGroupMember).filter_by(
        instance_uuid=uuid).delete(synchronize_session=False)
    context.session.query(models.Instance).filter_by(uuid=uuid).delete(
        synchronize_session=False)


def dispose():
    """Drop pooled connections (after fork, or at the end of a test)."""
    get_engine().dispose()


def disable_db_access(binary):
    """Refuse every database call of this process from now on, for
    services that must reach the database only through the conductor
    (compute)."""
    global _db_access_denied_to
    _db_access_denied_to = binary
