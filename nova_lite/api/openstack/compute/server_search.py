"""What a server list query means, as Nova reads it: the filters a
user may give (an admin any), the status, deleted and all_tenants
options, the filters the database applies and the sort key."""

from oslo_utils import strutils

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import servers as schema
from nova_lite.api.openstack import wsgi
from nova_lite import exception
from nova_lite.policies import servers as server_policies

TAG_SEARCH_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')

# Search options any user may give; admins may give any column.
_USER_SEARCH_OPTIONS = ('reservation_id', 'name', 'status', 'image',
                        'flavor', 'ip', 'changes-since', 'all_tenants')

# List filters the database can apply: query name -> filter name.
_DB_FILTERS = {
    'name': 'name', 'display_name': 'name',
    'image': 'image_ref', 'image_ref': 'image_ref',
    'user_id': 'user_id', 'project_id': 'project_id',
    'tenant_id': 'project_id', 'host': 'host', 'node': 'node',
    'uuid': 'uuid', 'vm_state': 'vm_state', 'task_state': 'task_state',
    'deleted': 'deleted', 'hostname': 'hostname',
}
# Sort keys of Nova that are columns here too.
_SORTABLE = frozenset((
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone',
    'config_drive', 'created_at', 'display_description', 'display_name',
    'host', 'hostname', 'image_ref', 'instance_type_id', 'key_name',
    'launch_index', 'launched_at', 'locked', 'node', 'power_state',
    'progress', 'project_id', 'task_state', 'terminated_at', 'updated_at',
    'user_id', 'uuid', 'vm_state'))


def _allowed_search_options(req):
    options = _USER_SEARCH_OPTIONS
    if wsgi.is_supported(req, '2.5'):
        options += ('ip6',)
    if wsgi.is_supported(req, '2.26'):
        options += TAG_SEARCH_FILTERS
    if wsgi.is_supported(req, '2.66'):
        options += ('changes-before',)
    if wsgi.is_supported(req, '2.73'):
        options += ('locked',)
    if wsgi.is_supported(req, '2.90'):
        options += ('hostname',)
    return options


def search_options(req):
    """The list request's filters, as Nova reads them; None when they
    can match nothing (an unknown status before 2.38)."""
    context = req.environ['nova.context']
    search_opts = dict(req.GET.items())
    for key in ('sort_key', 'sort_dir', 'limit', 'marker'):
        search_opts.pop(key, None)
    if not context.can(server_policies.SERVERS % 'allow_all_filters',
                       fatal=False):
        # Users' other options are dropped, not refused.
        allowed = _allowed_search_options(req)
        search_opts = {key: value for key, value in search_opts.items()
                       if key in allowed}
    elif req.is_legacy_v2():
        # No query schema drops the unknown names at /v2 (Nova has none
        # for 2.0); Nova's database ignores them.
        known = schema.query_params_v21['properties']
        search_opts = {key: value for key, value in search_opts.items()
                       if key in known or key.startswith('_')}
    for option in search_opts:
        if (option in schema.JOINED_TABLE_QUERY_PARAMS_SERVERS or
                option.startswith('_')):
            raise exception.Invalid('Invalid filter field: %s.' % option)
    if not _status_filter(req, search_opts):
        return None
    _deleted_filter(context, search_opts)
    _tenant_filter(req, context, search_opts)
    return search_opts


def _status_filter(req, search_opts):
    """Turn 'status' into vm/task states; False if no state matches."""
    search_opts.pop('status', None)
    if 'status' not in req.GET:
        return True
    vm_state, task_state = common.task_and_vm_state_from_status(
        req.GET.getall('status'))
    if not vm_state and not task_state:
        if wsgi.is_supported(req, '2.38'):
            raise exception.Invalid('Invalid status value')
        return False
    search_opts['vm_state'] = vm_state
    # 'default' means any task state: no task state filter then.
    if 'default' not in task_state:
        search_opts['task_state'] = task_state
    return True


def _deleted_filter(context, search_opts):
    if 'deleted' not in search_opts:
        # changes-since would include deleted servers; it is refused
        # later, so only live servers are listed by default.
        search_opts['deleted'] = False
    else:
        search_opts['deleted'] = strutils.bool_from_string(
            search_opts['deleted'], default=False)
    if search_opts.get('vm_state') == ['deleted']:
        if not context.is_admin:
            raise exception.Forbidden(
                'Only administrators may list deleted instances')
        search_opts['deleted'] = True


def _tenant_filter(req, context, search_opts):
    """all_tenants (admins) lifts the own-project restriction;
    tenant_id counts only with it."""
    all_tenants = common.is_all_tenants(search_opts)
    search_opts.pop('all_tenants', None)
    if all_tenants:
        action = 'detail' if req.path.endswith('/detail') else 'index'
        context.can(server_policies.SERVERS % (action + ':get_all_tenants'))
        search_opts['all_tenants'] = True
    else:
        search_opts.pop('tenant_id', None)


def db_filters(search_opts):
    """The filters of compute API get_all: the tag filters as lists of
    tags (comma separated), ``locked`` as a boolean."""
    filters = {}
    for option, value in search_opts.items():
        if option in ('all_tenants',):
            filters[option] = value
        elif option in _DB_FILTERS:
            if option in ('image', 'image_ref'):
                value = common.get_id_from_href(value)
            filters[_DB_FILTERS[option]] = value
        elif option in ('ip', 'ip6'):
            filters[option] = value
        elif option in TAG_SEARCH_FILTERS:
            filters[option] = value.split(',')
        elif option == 'locked':
            filters[option] = _is_locked(value)
        else:
            raise exception.Invalid('Filtering by %s is not supported.' %
                                    option)
    return filters


def _is_locked(value):
    """The ``locked`` filter as a boolean; 400 with strutils' own words
    for anything else, as Nova."""
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError as err:
        raise exception.InvalidInput(message=str(err))


def sort_params(req):
    """The (sort_key, sort_dir) the database applies: the first usable
    key; ignored keys dropped; host and node only for admins."""
    context = req.environ['nova.context']
    sort_keys, sort_dirs = common.get_sort_params(req.params)
    ignored = (schema.SERVER_LIST_IGNORE_SORT_KEY_V273
               if wsgi.is_supported(req, '2.73')
               else schema.SERVER_LIST_IGNORE_SORT_KEY)
    for key in sort_keys:
        if key in ('host', 'node') and not context.is_admin:
            raise exception.Forbidden(
                'Only administrators can sort servers by %s' % key)
    for index, key in enumerate(sort_keys):
        if key in ignored or key not in _SORTABLE:
            continue
        sort_dir = sort_dirs[min(index, len(sort_dirs) - 1)]
        if sort_dir not in ('asc', 'desc'):
            raise exception.InvalidInput(
                reason="Unknown sort direction, must be 'desc' or 'asc'")
        return key, sort_dir
    return 'created_at', 'desc'
