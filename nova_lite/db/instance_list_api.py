"""Database API of instance lists (Nova's instance_get_all_by_filters_sort):
which instances a set of filters selects, in which order, from where.

Filters, as Nova's database applies them:

- exact matches on _EXACT_FILTERS; a list value matches any of its
  items;
- regular expressions, found anywhere in the column's text, on
  _REGEX_FILTERS, on ``reservation_id`` (nova-lite keeps it in the system
  metadata) and on the columns nova-lite does not keep
  (_CONSTANT_COLUMNS, whose value is the same for every instance);
- ``changes-since`` / ``changes-before``: bounds of ``updated_at``;
- ``deleted`` True / False, with ``soft_deleted`` to count the
  SOFT_DELETED instances as deleted or not; without ``deleted``, the
  context's read_deleted;
- the tag filters ``tags``, ``tags-any``, ``not-tags``, ``not-tags-any``
  (lists of tags).

A context that is not an administrator's only sees its project (its user
without a project). Any other key is ignored, as Nova ignores the names
that are no column of its instances table.
"""

import re

from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import utils as sqlalchemyutils
from oslo_utils import timeutils
import sqlalchemy as sa

from nova_lite.compute import vm_states
from nova_lite.db.api import _instance_dict
from nova_lite.db.api import _instance_query
from nova_lite.db.api import _metadata_dicts
from nova_lite.db.api import reader
from nova_lite.db import models
from nova_lite.db import utils as db_utils
from nova_lite import exception

_INSTANCE = models.Instance

_EXACT_FILTERS = ('project_id', 'user_id', 'image_ref', 'vm_state',
                  'instance_type_id', 'uuid', 'host', 'task_state', 'locked')
_REGEX_FILTERS = (
    'display_name', 'display_description', 'hostname', 'key_name',
    'power_state', 'node', 'launch_index', 'launched_at', 'terminated_at',
    'created_at', 'availability_zone', 'config_drive', 'access_ip_v4',
    'access_ip_v6', 'auto_disk_config', 'progress', 'locked_by')
# Columns of Nova's instances that nova-lite does not keep: images boot
# without separate kernel and ramdisk, the root device name is not
# recorded (as the server documents show them).
_CONSTANT_COLUMNS = {'kernel_id': '', 'ramdisk_id': '',
                     'root_device_name': None}


def _has_tags(tags, match_any=False):
    """The WHERE clause "the instance has every one of ``tags``" (with
    ``match_any``: at least one of them)."""
    tag_table = models.Tag.__table__

    def has(*names):
        return sa.exists().where(
            tag_table.c.resource_id == _INSTANCE.uuid,
            tag_table.c.tag.in_(names))
    if match_any:
        return has(*tags)
    return sa.and_(*[has(tag) for tag in tags])


def _tag_clauses(filters):
    """Nova's tag filters, each a list of tags: ``tags`` (has all),
    ``tags-any`` (has one), ``not-tags`` (lacks one at least),
    ``not-tags-any`` (has none)."""
    clauses = []
    for name, match_any, negate in (('tags', False, False),
                                    ('tags-any', True, False),
                                    ('not-tags', False, True),
                                    ('not-tags-any', True, True)):
        if filters.get(name):
            clause = _has_tags(filters[name], match_any)
            clauses.append(sa.not_(clause) if negate else clause)
    return clauses


def _deleted_clause(filters):
    """The WHERE clause of the ``deleted`` filter: deleted instances and,
    unless ``soft_deleted`` is given empty, SOFT_DELETED ones; or live
    instances, SOFT_DELETED ones only with a ``soft_deleted`` given.
    (Nova takes the value's truth as it comes: 'false' is true.)"""
    soft_deleted = _INSTANCE.vm_state == vm_states.SOFT_DELETED
    if filters['deleted']:
        if filters.get('soft_deleted', True):
            return sa.or_(_INSTANCE.deleted != 0, soft_deleted)
        return _INSTANCE.deleted != 0
    if filters.get('soft_deleted', False):
        return _INSTANCE.deleted == 0
    return sa.and_(_INSTANCE.deleted == 0,
                   sa.or_(sa.not_(soft_deleted), _INSTANCE.vm_state.is_(None)))


def _changes_clauses(filters):
    clauses = []
    if filters.get('changes-since'):
        clauses.append(_INSTANCE.updated_at >= timeutils.normalize_time(
            filters['changes-since']))
    if filters.get('changes-before'):
        clauses.append(_INSTANCE.updated_at <= timeutils.normalize_time(
            filters['changes-before']))
    return clauses


def _exact_clauses(filters):
    clauses = []
    for key in _EXACT_FILTERS:
        if key not in filters:
            continue
        column, value = getattr(_INSTANCE, key), filters[key]
        if isinstance(value, (list, tuple, set, frozenset)):
            clauses.append(column.in_(list(value)))
        else:
            clauses.append(column == value)
    return clauses


def _regex_clauses(context, filters):
    """The clauses of the regular expression filters; None when one can
    match nothing (a column nova-lite does not keep)."""
    clauses = []
    for key in _REGEX_FILTERS:
        if key in filters:
            clauses.append(db_utils.regex_match(
                context, getattr(_INSTANCE, key), str(filters[key])))
    if 'reservation_id' in filters:
        sysmeta = models.InstanceSystemMetadata
        clauses.append(sa.exists().where(
            sysmeta.instance_uuid == _INSTANCE.uuid,
            sysmeta.key == 'reservation_id',
            db_utils.regex_match(context, sysmeta.value,
                                 str(filters['reservation_id']))))
    for key, value in _CONSTANT_COLUMNS.items():
        if key in filters and (value is None or not re.search(
                db_utils.escape_bar(str(filters[key])), value, re.IGNORECASE)):
            return None
    return clauses


def _filter_clauses(context, filters):
    """Every WHERE clause of ``filters``; None if they match nothing."""
    filters = dict(filters)
    if not context.is_admin:
        if context.project_id:
            filters['project_id'] = context.project_id
        else:
            filters['user_id'] = context.user_id
    regex = _regex_clauses(context, filters)
    if regex is None:
        return None
    clauses = _changes_clauses(filters) + _tag_clauses(filters)
    if 'deleted' in filters:
        clauses.append(_deleted_clause(filters))
    return clauses + _exact_clauses(filters) + regex


def _sorted(query, order, limit, marker_row):
    """``query`` ordered by ``order`` ((key, direction) pairs) and paged."""
    try:
        return sqlalchemyutils.paginate_query(
            query, _INSTANCE, limit, [key for key, _dir in order],
            marker=marker_row, sort_dirs=[sort_dir for _key, sort_dir
                                          in order])
    except db_exc.InvalidSortKey:
        raise exception.InvalidInput(reason='Sort key supplied was not '
                                            'valid.')


@reader
def instance_get_all_by_filters(context, filters, sort_keys=None,
                                sort_dirs=None, limit=None, marker=None):
    """The instances ``filters`` select (see the module's docstring), as
    dicts with their metadata, sorted by ``sort_keys`` / ``sort_dirs``
    then newest first, at most ``limit`` after the instance ``marker``
    (MarkerNotFound if there is none, even deleted)."""
    marker_row = None
    if marker is not None:
        marker_row = _instance_query(context, 'yes').filter_by(
            uuid=marker).first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
    keys, dirs = db_utils.process_sort_params(sort_keys, sort_dirs,
                                              default_dir='desc')
    # A column every instance has the same value of orders nothing.
    order = [(key, sort_dir) for key, sort_dir in zip(keys, dirs)
             if key not in _CONSTANT_COLUMNS]
    clauses = _filter_clauses(context, filters)
    if clauses is None:
        return []
    query = _instance_query(
        context, 'yes' if 'deleted' in filters else None).filter(*clauses)
    rows = _sorted(query, order, limit, marker_row).all()
    extras = _metadata_dicts(context, [row.uuid for row in rows])
    return [_instance_dict(row, *extras[row.uuid]) for row in rows]
