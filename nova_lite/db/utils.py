"""Helpers of the database API that touch no database (Nova's
nova/db/utils.py)."""

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
