"""The instance list of the compute API, as Nova's compute API get_all
and nova/compute/instance_list.py: the list options as database filters,
a total order, the IP address filters applied to the network info."""

import re

from nova_lite.db import utils as db_utils
from nova_lite import exception
from nova_lite import objects

# List options the database knows under another name.
_RENAMED = {'image': 'image_ref', 'name': 'display_name',
            'tenant_id': 'project_id'}


def get_all(context, search_opts, limit=None, marker=None, sort_keys=None,
            sort_dirs=None, expected_attrs=()):
    """The instances ``search_opts`` select, at most ``limit`` after the
    instance ``marker``. Deleted instances are listed too unless
    ``search_opts`` has ``deleted``. FlavorNotFound when ``flavor`` is no
    flavor the caller sees; MarkerNotFound; InvalidInput for a bad sort
    direction."""
    filters = _db_filters(context, search_opts)
    ip_filters = {version: filters.pop(key) for version, key in
                  ((4, 'ip'), (6, 'ip6')) if key in filters}
    if not (limit == 0 or filters.get('deleted') or
            (ip_filters and marker is None)):
        # Nova checks the sort while it lists the instances still being
        # built, a step it skips in these three cases.
        db_utils.process_sort_params(sort_keys, sort_dirs,
                                     default_dir='desc')
    sort_keys, sort_dirs = _total_order(sort_keys, sort_dirs)
    if 'deleted' not in filters:
        context = _reading_deleted(context)
    try:
        instances = objects.InstanceList.get_by_filters(
            context, filters, sort_keys=sort_keys, sort_dirs=sort_dirs,
            limit=None if ip_filters else limit, marker=marker,
            expected_attrs=list(expected_attrs))
    except exception.InvalidInput:
        # The cell database refuses the sort: Nova leaves out the cells
        # whose query fails, which lists nothing here.
        return objects.InstanceList(context, objects=[])
    if ip_filters:
        instances = _ip_filter(instances, ip_filters, limit)
    return instances


def _db_filters(context, search_opts):
    filters = {}
    for option, value in search_opts.items():
        if option == 'flavor':
            filters['instance_type_id'] = _flavor_db_id(context, value)
        else:
            filters[_RENAMED.get(option, option)] = value
    return filters


def _flavor_db_id(context, flavorid):
    """The database id of the flavor ``flavorid`` if the caller sees it
    (public, shared with its project, or an administrator)."""
    flavor = objects.Flavor.get_by_flavor_id(context, flavorid)
    if not flavor.is_visible_to(context):
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return flavor.id


def _total_order(sort_keys, sort_dirs):
    """Nova's default order (newest first) when no key is left, and the
    uuid (ascending) appended, so that pages never repeat or skip an
    instance."""
    if not sort_keys:
        sort_keys, sort_dirs = ['created_at', 'id'], ['desc', 'desc']
    if 'uuid' in sort_keys:
        return list(sort_keys), list(sort_dirs or ())
    return list(sort_keys) + ['uuid'], list(sort_dirs or ()) + ['asc']


def _reading_deleted(context):
    """``context`` that reads deleted rows as well."""
    values = context.to_dict()
    values['read_deleted'] = 'yes'
    return context.from_dict(values)


def _ip_filter(instances, ip_filters, limit):
    """The instances with a fixed IP that the ``ip`` (IPv4) or ``ip6``
    regular expression matches from its start, as Nova filters them; at
    most ``limit``."""
    patterns = {version: re.compile(str(pattern))
                for version, pattern in ip_filters.items()}
    matched = []
    for instance in instances:
        if any(ip.version in patterns and
               patterns[ip.version].match(ip.address)
               for ip in instance.get_network_info().fixed_ips()):
            matched.append(instance)
            if limit and len(matched) == limit:
                break
    return objects.InstanceList(objects=matched)
