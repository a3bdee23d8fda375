"""Database API of server groups (Nova's instance groups of its API
database): a group's policy, rules and member instances.

Groups are hard-deleted, as in Nova's API database. A caller who is not
an admin sees only the groups of their own project: another project's
group is "not found" to them.
"""

from oslo_db import exception as db_exc
from oslo_serialization import jsonutils
import sqlalchemy as sa

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite import exception


def _group_query(context):
    query = context.session.query(models.InstanceGroup)
    if not context.is_admin:
        query = query.filter_by(project_id=context.project_id)
    return query


def _members_by_group(context, group_ids):
    """{group id: [instance uuid]} in the order the members joined."""
    members = {group_id: [] for group_id in group_ids}
    if not group_ids:
        return members
    rows = context.session.query(models.InstanceGroupMember).filter(
        models.InstanceGroupMember.group_id.in_(group_ids)).order_by(
            models.InstanceGroupMember.id)
    for row in rows:
        members[row.group_id].append(row.instance_uuid)
    return members


def _group_dicts(context, groups):
    members = _members_by_group(context, [group.id for group in groups])
    result = []
    for group in groups:
        values = dict(group)
        values['rules'] = jsonutils.loads(group.rules) if group.rules else {}
        values['members'] = members[group.id]
        result.append(values)
    return result


def _get_group(context, group_uuid):
    group = _group_query(context).filter_by(uuid=group_uuid).first()
    if group is None:
        raise exception.InstanceGroupNotFound(group_uuid=group_uuid)
    return group


def _add_members(context, group_id, instance_uuids):
    """Add the instances not yet in the group; return every one asked."""
    existing = {row.instance_uuid for row in context.session.query(
        models.InstanceGroupMember).filter(
            models.InstanceGroupMember.group_id == group_id,
            models.InstanceGroupMember.instance_uuid.in_(
                set(instance_uuids)))}
    for instance_uuid in instance_uuids:
        if instance_uuid not in existing:
            context.session.add(models.InstanceGroupMember(
                group_id=group_id, instance_uuid=instance_uuid))
            existing.add(instance_uuid)
    context.session.flush()
    return list(instance_uuids)


@writer
def instance_group_create(context, values, members=None):
    """Create a group (``rules`` a dict) with its first members;
    InstanceGroupIdExists if its uuid is taken."""
    values = dict(values)
    values['rules'] = jsonutils.dumps(values.get('rules') or {})
    group = models.InstanceGroup(**values)
    try:
        context.session.add(group)
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.InstanceGroupIdExists(group_uuid=values['uuid'])
    if members:
        _add_members(context, group.id, members)
    return _group_dicts(context, [group])[0]


@reader
def instance_group_get_by_uuid(context, group_uuid):
    """The group; InstanceGroupNotFound if there is none the caller may
    see."""
    return _group_dicts(context, [_get_group(context, group_uuid)])[0]


@reader
def instance_group_get_by_name(context, name):
    """The caller's (first) group of that name; InstanceGroupNotFound if
    there is none."""
    group = _group_query(context).filter_by(name=name).order_by(
        models.InstanceGroup.id).first()
    if group is None:
        raise exception.InstanceGroupNotFound(group_uuid=name)
    return _group_dicts(context, [group])[0]


@reader
def instance_group_get_by_instance(context, instance_uuid):
    """The group the instance is a member of; InstanceGroupNotFound if
    it is in none the caller may see."""
    member = context.session.query(models.InstanceGroupMember).filter_by(
        instance_uuid=instance_uuid).order_by(
            models.InstanceGroupMember.id).first()
    group = None
    if member is not None:
        group = _group_query(context).filter_by(id=member.group_id).first()
    if group is None:
        raise exception.InstanceGroupNotFound(group_uuid='')
    return _group_dicts(context, [group])[0]


@reader
def instance_group_get_all(context, project_id=None):
    """The groups the caller may see, of one project if given, oldest
    first."""
    query = _group_query(context)
    if project_id is not None:
        query = query.filter_by(project_id=project_id)
    return _group_dicts(context,
                        query.order_by(models.InstanceGroup.id).all())


@reader
def instance_group_count(context, project_id, user_id=None):
    """{'project': {'server_groups': n}[, 'user': {...}]}: the groups of
    the project, and of the user in it, for quotas."""
    query = context.session.query(sa.func.count(
        models.InstanceGroup.id)).filter_by(project_id=project_id)
    counts = {'project': {'server_groups': query.scalar()}}
    if user_id:
        counts['user'] = {'server_groups': query.filter_by(
            user_id=user_id).scalar()}
    return counts


@writer
def instance_group_update(context, group_uuid, values):
    """Change a group's name, policy or rules, and add ``members``."""
    values = dict(values)
    members = values.pop('members', None)
    group = _get_group(context, group_uuid)
    if 'rules' in values:
        values['rules'] = jsonutils.dumps(values['rules'] or {})
    if values:
        group.update(values)
    if members:
        _add_members(context, group.id, members)
    context.session.flush()
    return _group_dicts(context, [group])[0]


@writer
def instance_group_members_add(context, group_uuid, instance_uuids):
    """Make the instances members of the group (whoever owns it);
    InstanceGroupNotFound if it does not exist."""
    group = context.session.query(models.InstanceGroup).filter_by(
        uuid=group_uuid).first()
    if group is None:
        raise exception.InstanceGroupNotFound(group_uuid=group_uuid)
    return _add_members(context, group.id, instance_uuids)


@writer
def instance_group_destroy(context, group_uuid):
    """Delete the group and its memberships; InstanceGroupNotFound if
    there is none the caller may see."""
    group = _get_group(context, group_uuid)
    context.session.query(models.InstanceGroupMember).filter_by(
        group_id=group.id).delete(synchronize_session=False)
    context.session.delete(group)
