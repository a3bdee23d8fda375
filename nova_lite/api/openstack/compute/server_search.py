"""What a server list query means, as Nova reads it: the filters a
user may give (an admin any), the status, changes-since/-before, deleted
and all_tenants options, and the sort keys."""

from oslo_utils import strutils
from oslo_utils import timeutils

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import servers as schema
from nova_lite.api.openstack import wsgi
from nova_lite import exception
from nova_lite.policies import servers as server_policies

TAG_SEARCH_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')

# Search options any user may give; admins may give any column.
_USER_SEARCH_OPTIONS = ('reservation_id', 'name', 'status', 'image',
                        'flavor', 'ip', 'changes-since', 'all_tenants')


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
    if wsgi.is_supported(req, '2.83'):
        options += ('availability_zone', 'config_drive', 'key_name',
                    'created_at', 'launched_at', 'terminated_at',
                    'power_state', 'task_state', 'vm_state', 'progress',
                    'user_id')
    if wsgi.is_supported(req, '2.90'):
        options += ('hostname',)
    return options


def search_options(req):
    """(the list request's options as the compute API's get_all takes
    them, whether every project is asked for), as Nova reads them; None
    when they can match nothing (an unknown status before 2.38)."""
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
    _changes_filters(search_opts)
    _deleted_filter(context, search_opts)
    if wsgi.is_supported(req, '2.26'):
        for option in TAG_SEARCH_FILTERS:
            if option in search_opts:
                search_opts[option] = search_opts[option].split(',')
    all_tenants = common.is_all_tenants(search_opts)
    search_opts.pop('all_tenants', None)
    if 'locked' in search_opts:
        search_opts['locked'] = _is_locked(search_opts['locked'])
    _tenant_filter(req, context, search_opts, all_tenants)
    return search_opts, all_tenants


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


def _changes_filters(search_opts):
    """changes-since and changes-before as times, the first no later
    than the second. (Outside /v2 the query schema has checked them.)"""
    for option in ('changes-since', 'changes-before'):
        if option in search_opts:
            try:
                search_opts[option] = timeutils.parse_isotime(
                    search_opts[option])
            except ValueError:
                raise exception.Invalid('Invalid filter field: %s.' % option)
    since = search_opts.get('changes-since')
    before = search_opts.get('changes-before')
    if since and before and before < since:
        raise exception.Invalid('The value of changes-since must be less '
                                'than or equal to changes-before.')


def _deleted_filter(context, search_opts):
    """Live servers only, unless an administrator asks for the deleted
    ones, or changes-since / changes-before (which list the servers
    deleted in that time too) are given."""
    if 'deleted' in search_opts:
        search_opts['deleted'] = strutils.bool_from_string(
            search_opts['deleted'], default=False)
    elif not ('changes-since' in search_opts or
              'changes-before' in search_opts):
        search_opts['deleted'] = False
    if search_opts.get('vm_state') == ['deleted']:
        if not context.is_admin:
            raise exception.Forbidden(
                'Only administrators may list deleted instances')
        search_opts['deleted'] = True


def _tenant_filter(req, context, search_opts, all_tenants):
    """all_tenants (admins) lifts the own-project restriction;
    tenant_id counts only with it."""
    if all_tenants:
        action = 'detail' if req.path.endswith('/detail') else 'index'
        context.can(server_policies.SERVERS % (action + ':get_all_tenants'))
        return
    search_opts.pop('tenant_id', None)
    if context.project_id:
        search_opts['project_id'] = context.project_id
    else:
        search_opts['user_id'] = context.user_id


def _is_locked(value):
    """The ``locked`` filter as a boolean; 400 with strutils' own words
    for anything else, as Nova."""
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError as err:
        raise exception.InvalidInput(message=str(err))


def sort_params(req):
    """The sort keys and directions of the request, as Nova gives them to
    the compute API: the keys Nova ignores dropped with their direction;
    host and node only for administrators (403)."""
    context = req.environ['nova.context']
    sort_keys, sort_dirs = common.get_sort_params(req.params)
    ignored = (schema.SERVER_LIST_IGNORE_SORT_KEY_V273
               if wsgi.is_supported(req, '2.73')
               else schema.SERVER_LIST_IGNORE_SORT_KEY)
    for key in list(sort_keys):
        if key in ignored:
            index = sort_keys.index(key)
            if len(sort_dirs) > index:
                sort_dirs.pop(index)
            sort_keys.pop(index)
        elif key in ('host', 'node') and not context.is_admin:
            raise exception.Forbidden(
                'Only administrators can sort servers by %s' % key)
    return sort_keys, sort_dirs
