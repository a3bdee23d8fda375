"""Database API of server tags (Nova's instance_tag_* functions).

Every function but the batch read checks first that the instance is
live and, for a non-admin, in the caller's project (InstanceNotFound
otherwise), as Nova's _check_instance_exists_in_project. Tags come back
sorted.
"""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from nova_lite.db.api import _instance_row
from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite import exception

_TAGS = models.Tag.__table__
_INSTANCES = models.Instance.__table__


def _check_instance_exists_in_project(context, instance_uuid):
    instance = _instance_row(context, instance_uuid, read_deleted='no')
    if instance is None or (not context.is_admin and
                            instance['project_id'] != context.project_id):
        raise exception.InstanceNotFound(instance_id=instance_uuid)


def _tag_names(context, instance_uuid):
    return list(context.session.execute(
        sa.select(_TAGS.c.tag).where(
            _TAGS.c.resource_id == instance_uuid).order_by(
            _TAGS.c.tag)).scalars())


def _tag_rows(instance_uuid, names):
    return [{'resource_id': instance_uuid, 'tag': name} for name in names]


@writer
def instance_tag_add(context, instance_uuid, tag):
    """Tag the instance; a tag it already has is kept as it is."""
    _check_instance_exists_in_project(context, instance_uuid)
    try:
        with context.session.begin_nested():
            context.session.execute(_TAGS.insert().values(
                resource_id=instance_uuid, tag=tag))
    except db_exc.DBDuplicateEntry:
        pass
    return {'resource_id': instance_uuid, 'tag': tag}


@writer
def instance_tag_set(context, instance_uuid, tags):
    """Replace the instance's tags with ``tags`` (duplicates count
    once); returns the tags it then has."""
    _check_instance_exists_in_project(context, instance_uuid)
    existing = set(_tag_names(context, instance_uuid))
    wanted = set(tags)
    if existing - wanted:
        context.session.execute(_TAGS.delete().where(
            _TAGS.c.resource_id == instance_uuid,
            _TAGS.c.tag.in_(sorted(existing - wanted))))
    if wanted - existing:
        context.session.execute(_TAGS.insert(), _tag_rows(
            instance_uuid, sorted(wanted - existing)))
    return _tag_rows(instance_uuid, _tag_names(context, instance_uuid))


@reader
def instance_tag_get_by_instance_uuid(context, instance_uuid):
    _check_instance_exists_in_project(context, instance_uuid)
    return _tag_rows(instance_uuid, _tag_names(context, instance_uuid))


@writer
def instance_tag_delete(context, instance_uuid, tag):
    """InstanceTagNotFound if the instance does not have ``tag``."""
    _check_instance_exists_in_project(context, instance_uuid)
    if not context.session.execute(_TAGS.delete().where(
            _TAGS.c.resource_id == instance_uuid,
            _TAGS.c.tag == tag)).rowcount:
        raise exception.InstanceTagNotFound(instance_id=instance_uuid,
                                            tag=tag)


@writer
def instance_tag_delete_all(context, instance_uuid):
    _check_instance_exists_in_project(context, instance_uuid)
    context.session.execute(_TAGS.delete().where(
        _TAGS.c.resource_id == instance_uuid))


@reader
def instance_tag_exists(context, instance_uuid, tag):
    _check_instance_exists_in_project(context, instance_uuid)
    return context.session.execute(sa.select(sa.exists().where(
        _TAGS.c.resource_id == instance_uuid,
        _TAGS.c.tag == tag))).scalar()


@reader
def instance_tags_get_many(context, instance_uuids):
    """{uuid: [tag, ...]} of the given instances; a deleted instance has
    none (what the server documents show, read in one statement)."""
    result = {uuid: [] for uuid in instance_uuids}
    if not instance_uuids:
        return result
    rows = context.session.execute(
        sa.select(_TAGS.c.resource_id, _TAGS.c.tag).select_from(
            _TAGS.join(_INSTANCES, sa.and_(
                _INSTANCES.c.uuid == _TAGS.c.resource_id,
                _INSTANCES.c.deleted == 0))).where(
            _TAGS.c.resource_id.in_(list(instance_uuids))).order_by(
            _TAGS.c.tag))
    for uuid, tag in rows:
        result[uuid].append(tag)
    return result
