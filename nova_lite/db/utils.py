"""Helpers of the database API that read no rows (Nova's
nova/db/utils.py): sort parameters and the regular expression filters
of lists."""

import sqlalchemy as sa

from nova_lite import exception

_DEFAULT_SORT_KEYS = ('created_at', 'id')


def process_sort_params(sort_keys, sort_dirs, default_keys=_DEFAULT_SORT_KEYS,
                        default_dir='asc'):
    """The sort keys and directions a query applies, as Nova's: one
    direction per key (missing ones are the first direction given, else
    ``default_dir``), then ``default_keys`` not given yet in that first
    direction. InvalidInput for a direction other than 'asc' or 'desc'
    and for more directions than keys."""
    first_dir = sort_dirs[0] if sort_dirs else default_dir
    keys = list(sort_keys or ())
    dirs = []
    for sort_dir in sort_dirs or ():
        if sort_dir not in ('asc', 'desc'):
            raise exception.InvalidInput(
                reason="Unknown sort direction, must be 'desc' or 'asc'")
        dirs.append(sort_dir)
    if not sort_dirs:
        dirs = [first_dir] * len(keys)
    if len(dirs) > len(keys):
        raise exception.InvalidInput(
            reason='Sort direction size exceeds sort key size')
    dirs += [first_dir] * (len(keys) - len(dirs))
    for key in default_keys:
        if key not in keys:
            keys.append(key)
            dirs.append(first_dir)
    return keys, dirs


def regex_match(context, column, pattern):
    """The clause "``column`` matches the regular expression ``pattern``"
    of the database, as Nova's: MySQL's REGEXP (with '|' taken as itself,
    as Nova escapes it there), PostgreSQL's ``~``, LIKE '%pattern%'
    elsewhere. On sqlite, oslo.db's REGEXP (Python's re.search on the
    text of the value) is made to answer as MySQL's: case-insensitive,
    '|' escaped, and a NULL matches nothing."""
    dialect = context.session.get_bind().dialect.name
    if dialect == 'sqlite':
        return sa.and_(column.isnot(None), column.op('REGEXP')(
            _text('(?i)' + escape_bar(pattern))))
    if dialect == 'mysql':
        return column.op('REGEXP')(_text(escape_bar(pattern)))
    if dialect == 'postgresql':
        return column.op('~')(_text(pattern))
    return column.like('%' + pattern + '%')


def escape_bar(pattern):
    """``pattern`` with '|' taken as itself, as Nova makes it for MySQL."""
    return pattern.replace('|', '\\|')


def _text(pattern):
    # A string whatever the column's type (integers, times, booleans).
    return sa.literal(pattern, type_=sa.String())
