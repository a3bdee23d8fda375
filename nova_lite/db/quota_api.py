"""Database API of quotas (Nova's quota_* functions): the limits set per
project, per user in a project and per quota class, and the usage
counted from the instances, key pair and server group tables (Nova's
counting quota driver)."""

import sqlalchemy as sa

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models


def _rows(context, project_id, user_id):
    if user_id is None:
        return context.session.query(models.Quota).filter_by(
            project_id=project_id)
    return context.session.query(models.ProjectUserQuota).filter_by(
        project_id=project_id, user_id=user_id)


@reader
def quota_get_all(context, project_id, user_id=None):
    """{resource: hard limit} set for the project (or for the user in
    it)."""
    return {row.resource: row.hard_limit
            for row in _rows(context, project_id, user_id)}


@writer
def quota_set(context, project_id, resource, limit, user_id=None):
    """Set the project's (or the user's) limit of ``resource``."""
    row = _rows(context, project_id, user_id).filter_by(
        resource=resource).first()
    if row is not None:
        row.hard_limit = limit
    elif user_id is None:
        context.session.add(models.Quota(
            project_id=project_id, resource=resource, hard_limit=limit))
    else:
        context.session.add(models.ProjectUserQuota(
            project_id=project_id, user_id=user_id, resource=resource,
            hard_limit=limit))


@writer
def quota_destroy_all(context, project_id, user_id=None):
    """Forget the limits set for the project, its users' included (or
    for the one user in it)."""
    _rows(context, project_id, user_id).delete(synchronize_session=False)
    if user_id is None:
        context.session.query(models.ProjectUserQuota).filter_by(
            project_id=project_id).delete(synchronize_session=False)


@reader
def quota_class_get_all_by_name(context, class_name):
    """{resource: hard limit} of the quota class."""
    return {row.resource: row.hard_limit
            for row in context.session.query(models.QuotaClass).filter_by(
                class_name=class_name)}


@writer
def quota_class_set(context, class_name, resource, limit):
    """Set the quota class's limit of ``resource``."""
    row = context.session.query(models.QuotaClass).filter_by(
        class_name=class_name, resource=resource).first()
    if row is None:
        context.session.add(models.QuotaClass(
            class_name=class_name, resource=resource, hard_limit=limit))
    else:
        row.hard_limit = limit


@reader
def quota_usage(context, project_id, user_id=None):
    """{resource: in use} of the countable resources, for the project or
    the user in it. Key pairs belong to users: a project holds none."""
    inst = models.Instance
    query = context.session.query(
        sa.func.count(inst.id), sa.func.coalesce(sa.func.sum(inst.vcpus), 0),
        sa.func.coalesce(sa.func.sum(inst.memory_mb), 0)).filter(
            inst.project_id == project_id, inst.deleted == 0)
    groups = context.session.query(sa.func.count(
        models.InstanceGroup.id)).filter_by(project_id=project_id)
    if user_id is not None:
        query = query.filter(inst.user_id == user_id)
        groups = groups.filter_by(user_id=user_id)
    instances, cores, ram = query.one()
    key_pairs = 0
    if user_id is not None:
        key_pairs = context.session.query(sa.func.count(
            models.KeyPair.id)).filter_by(user_id=user_id,
                                          deleted=0).scalar()
    return {'instances': instances, 'cores': int(cores), 'ram': int(ram),
            'key_pairs': key_pairs, 'server_groups': groups.scalar()}
