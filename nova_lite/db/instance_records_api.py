"""Database API of what a build and its life record beside an instance:
its faults, actions and their events, block device mappings and request
spec."""

import sqlalchemy as sa

from nova_lite.db.api import _query
from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite import exception


@writer
def instance_fault_create(context, values):
    fault = models.InstanceFault(**values)
    context.session.add(fault)
    context.session.flush()
    return dict(fault)


@reader
def instance_fault_get_latest(context, instance_uuids):
    """{uuid: newest fault dict} for the instances that have one."""
    result = {}
    if not instance_uuids:
        return result
    rows = context.session.query(models.InstanceFault).filter(
        models.InstanceFault.instance_uuid.in_(instance_uuids)).order_by(
            models.InstanceFault.created_at.desc(),
            models.InstanceFault.id.desc())
    for row in rows:
        result.setdefault(row.instance_uuid, dict(row))
    return result


@writer
def action_start(context, values):
    action = models.InstanceAction(**values)
    context.session.add(action)
    context.session.flush()
    return dict(action)


def _actions(context, instance_uuid):
    return context.session.query(models.InstanceAction).filter_by(
        instance_uuid=instance_uuid)


def _action_by_request(context, instance_uuid, request_id):
    """The instance's newest action of ``request_id``, or None."""
    return _actions(context, instance_uuid).filter_by(
        request_id=request_id).order_by(
            models.InstanceAction.id.desc()).first()


@writer
def action_event_start(context, instance_uuid, request_id, values):
    """Add an event, started, to the action of ``request_id`` (Nova's
    event_start); None if the request started no action of the instance.
    """
    action = _action_by_request(context, instance_uuid, request_id)
    if action is None:
        return None
    event = models.InstanceActionEvent(action_id=action.id, **values)
    context.session.add(event)
    action.updated_at = values['start_time']
    context.session.flush()
    return dict(event)


@writer
def action_event_finish(context, instance_uuid, request_id, values):
    """Finish the event ``values['event']`` of the action of
    ``request_id`` (Nova's event_finish): its newest unfinished one, else
    a new one (its start could not be recorded); None if the request
    started no action of the instance. An Error marks the action."""
    action = _action_by_request(context, instance_uuid, request_id)
    if action is None:
        return None
    model = models.InstanceActionEvent
    event = context.session.query(model).filter_by(
        action_id=action.id, event=values['event'], finish_time=None).order_by(
            model.id.desc()).first()
    if event is None:
        event = model(action_id=action.id)
        context.session.add(event)
    else:
        # It keeps the start it was recorded with.
        values = {k: v for k, v in values.items() if k != 'start_time'}
    event.update(values)
    if values.get('result') == 'Error':
        action.message = 'Error'
    action.finish_time = values['finish_time']
    action.updated_at = values['finish_time']
    context.session.flush()
    return dict(event)


@reader
def actions_get(context, instance_uuid, limit=None, marker=None,
                changes_since=None, changes_before=None):
    """The instance's actions as dicts, newest first; after the action
    of request ``marker`` (MarkerNotFound if it has none), updated within
    [changes_since, changes_before]."""
    action = models.InstanceAction
    query = _actions(context, instance_uuid)
    if changes_since is not None:
        query = query.filter(action.updated_at >= changes_since)
    if changes_before is not None:
        query = query.filter(action.updated_at <= changes_before)
    query = query.order_by(action.created_at.desc(), action.id.desc())
    if marker is not None:
        row = _action_by_request(context, instance_uuid, marker)
        if row is None:
            raise exception.MarkerNotFound(marker=marker)
        query = query.filter(sa.or_(
            action.created_at < row.created_at,
            sa.and_(action.created_at == row.created_at,
                    action.id < row.id)))
    if limit is not None:
        query = query.limit(limit)
    return [dict(row) for row in query]


@reader
def action_get_by_request_id(context, instance_uuid, request_id):
    row = _action_by_request(context, instance_uuid, request_id)
    return dict(row) if row is not None else None


@reader
def action_events_get(context, action_id):
    event = models.InstanceActionEvent
    return [dict(row) for row in context.session.query(event).filter_by(
        action_id=action_id).order_by(event.created_at.desc(),
                                      event.id.desc())]


# block device mappings and request specs

@writer
def block_device_mapping_create(context, values):
    bdm = models.BlockDeviceMapping(**values)
    context.session.add(bdm)
    context.session.flush()
    return dict(bdm)


@reader
def block_device_mapping_get_all_by_instance(context, instance_uuid):
    return [dict(row) for row in _query(
        context, models.BlockDeviceMapping).filter_by(
            instance_uuid=instance_uuid).order_by(
                models.BlockDeviceMapping.id)]


@writer
def request_spec_create(context, instance_uuid, spec):
    row = models.RequestSpec(instance_uuid=instance_uuid, spec=spec)
    context.session.add(row)
    context.session.flush()
    return dict(row)


@reader
def request_spec_get(context, instance_uuid):
    row = context.session.query(models.RequestSpec).filter_by(
        instance_uuid=instance_uuid).first()
    if row is None:
        raise exception.NotFound(
            'RequestSpec for instance %s not found.' % instance_uuid)
    return dict(row)


@reader
def request_spec_get_all_by_instance_uuids(context, instance_uuids):
    """The request spec rows of those instances that have one."""
    if not instance_uuids:
        return []
    return [dict(row) for row in context.session.query(
        models.RequestSpec).filter(
            models.RequestSpec.instance_uuid.in_(instance_uuids))]


@writer
def request_spec_update(context, instance_uuid, spec):
    context.session.query(models.RequestSpec).filter_by(
        instance_uuid=instance_uuid).update({'spec': spec})
