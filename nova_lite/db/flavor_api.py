"""Database API of flavors (Nova's flavor_* functions of its API
database): the flavors, their extra specs and, for private flavors, the
projects they are shared with."""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite.db import utils as db_utils
from nova_lite import exception


def _flavor_query(context):
    return context.session.query(models.Flavor)


def _flavor(context, flavorid):
    flavor = _flavor_query(context).filter_by(flavorid=flavorid).first()
    if flavor is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return flavor


@writer
def flavor_create(context, values, extra_specs=None):
    flavor = models.Flavor(**values)
    try:
        context.session.add(flavor)
        context.session.flush()
    except db_exc.DBDuplicateEntry as e:
        # The columns of the unique constraint that failed (the message
        # names every column of the INSERT).
        if 'flavorid' in (e.columns or []):
            raise exception.FlavorIdExists(flavor_id=values['flavorid'])
        raise exception.FlavorExists(name=values['name'])
    for key, value in (extra_specs or {}).items():
        context.session.add(models.FlavorExtraSpecs(
            flavor_id=flavor.id, key=key, value=value))
    return flavor


@reader
def flavor_get_by_flavor_id(context, flavorid):
    return _flavor(context, flavorid)


@reader
def flavor_get_all(context, is_public=True, min_memory_mb=None,
                   min_root_gb=None, project_id=None, name=None):
    """``is_public`` True: the public flavors and, with ``project_id``,
    the private ones shared with that project; False: the private ones;
    None: all. ``name`` is a regular expression the name matches."""
    query = _flavor_query(context).filter_by(disabled=False)
    if is_public and project_id is not None:
        shared = context.session.query(models.FlavorProject.flavor_id
                                       ).filter_by(project_id=project_id)
        query = query.filter(sa.or_(models.Flavor.is_public.is_(True),
                                    models.Flavor.id.in_(shared)))
    elif is_public is not None:
        query = query.filter_by(is_public=is_public)
    if min_memory_mb:
        query = query.filter(models.Flavor.memory_mb >= min_memory_mb)
    if min_root_gb:
        query = query.filter(models.Flavor.root_gb >= min_root_gb)
    if name is not None:
        query = query.filter(
            db_utils.regex_match(context, models.Flavor.name, name))
    return query.order_by(models.Flavor.flavorid).all()


@reader
def flavor_extra_specs_get(context, flavor_id):
    rows = context.session.query(models.FlavorExtraSpecs).filter_by(
        flavor_id=flavor_id).all()
    return {row.key: row.value for row in rows}


@writer
def flavor_destroy(context, flavorid):
    flavor = _flavor(context, flavorid)
    for model in (models.FlavorExtraSpecs, models.FlavorProject):
        context.session.query(model).filter_by(flavor_id=flavor.id).delete()
    context.session.delete(flavor)


@writer
def flavor_update(context, flavorid, values):
    flavor = _flavor(context, flavorid)
    flavor.update(values)
    return flavor


@writer
def flavor_extra_specs_update(context, flavorid, specs):
    """Set the flavor's extra specs ``specs`` (others stay)."""
    flavor = _flavor(context, flavorid)
    rows = {row.key: row for row in context.session.query(
        models.FlavorExtraSpecs).filter_by(flavor_id=flavor.id)}
    for key, value in specs.items():
        if key in rows:
            rows[key].value = value
        else:
            context.session.add(models.FlavorExtraSpecs(
                flavor_id=flavor.id, key=key, value=value))


@writer
def flavor_extra_specs_delete(context, flavorid, key):
    """FlavorExtraSpecsNotFound if the flavor has no such spec."""
    flavor = _flavor(context, flavorid)
    if not context.session.query(models.FlavorExtraSpecs).filter_by(
            flavor_id=flavor.id, key=key).delete():
        raise exception.FlavorExtraSpecsNotFound(flavor_id=flavorid,
                                                 extra_specs_key=key)


@reader
def flavor_access_get(context, flavorid):
    """The projects the flavor is shared with, in the order they were
    added."""
    flavor = _flavor(context, flavorid)
    return [row.project_id for row in context.session.query(
        models.FlavorProject).filter_by(flavor_id=flavor.id).order_by(
            models.FlavorProject.id)]


@writer
def flavor_access_add(context, flavorid, project_id):
    flavor = _flavor(context, flavorid)
    try:
        context.session.add(models.FlavorProject(flavor_id=flavor.id,
                                                 project_id=project_id))
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.FlavorAccessExists(flavor_id=flavorid,
                                           project_id=project_id)


@writer
def flavor_access_remove(context, flavorid, project_id):
    flavor = _flavor(context, flavorid)
    if not context.session.query(models.FlavorProject).filter_by(
            flavor_id=flavor.id, project_id=project_id).delete():
        raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                             project_id=project_id)
