"""Helpers every API controller and view shares: the server status derived
from vm/task state, paging parameters, timestamps and links."""

import collections
import re
import urllib.parse as urlparse

from oslo_log import log as logging
from oslo_utils import strutils
from oslo_utils import timeutils

from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite import exception

LOG = logging.getLogger(__name__)

# Task states of Nova that nova-lite's services never set; they stay in the
# table so a status filter such as ?status=PASSWORD means what it means in
# Nova instead of being rejected as unknown.
_UPDATING_PASSWORD = 'updating_password'
_RESIZE_MIGRATING = 'resize_migrating'
_RESIZE_MIGRATED = 'resize_migrated'
_RESIZE_FINISH = 'resize_finish'
_RESIZE_REVERTING = 'resize_reverting'

# The API status of a server is a function of (vm_state, task_state); a
# task state missing from a vm state's row gives that row's 'default'.
_STATE_MAP = {
    vm_states.ACTIVE: {
        'default': 'ACTIVE',
        task_states.REBOOTING: 'REBOOT',
        task_states.REBOOT_PENDING: 'REBOOT',
        task_states.REBOOT_STARTED: 'REBOOT',
        task_states.REBOOTING_HARD: 'HARD_REBOOT',
        task_states.REBOOT_PENDING_HARD: 'HARD_REBOOT',
        task_states.REBOOT_STARTED_HARD: 'HARD_REBOOT',
        _UPDATING_PASSWORD: 'PASSWORD',
        task_states.REBUILDING: 'REBUILD',
        task_states.REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
        task_states.REBUILD_SPAWNING: 'REBUILD',
        task_states.MIGRATING: 'MIGRATING',
        task_states.RESIZE_PREP: 'RESIZE',
        _RESIZE_MIGRATING: 'RESIZE',
        _RESIZE_MIGRATED: 'RESIZE',
        _RESIZE_FINISH: 'RESIZE',
    },
    vm_states.BUILDING: {
        'default': 'BUILD',
    },
    vm_states.STOPPED: {
        'default': 'SHUTOFF',
        task_states.RESIZE_PREP: 'RESIZE',
        _RESIZE_MIGRATING: 'RESIZE',
        _RESIZE_MIGRATED: 'RESIZE',
        _RESIZE_FINISH: 'RESIZE',
        task_states.REBUILDING: 'REBUILD',
        task_states.REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
        task_states.REBUILD_SPAWNING: 'REBUILD',
    },
    vm_states.RESIZED: {
        'default': 'VERIFY_RESIZE',
        _RESIZE_REVERTING: 'REVERT_RESIZE',
    },
    vm_states.PAUSED: {
        'default': 'PAUSED',
        task_states.MIGRATING: 'MIGRATING',
    },
    vm_states.SUSPENDED: {
        'default': 'SUSPENDED',
    },
    vm_states.RESCUED: {
        'default': 'RESCUE',
    },
    vm_states.ERROR: {
        'default': 'ERROR',
        task_states.REBUILDING: 'REBUILD',
        task_states.REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
        task_states.REBUILD_SPAWNING: 'REBUILD',
    },
    vm_states.DELETED: {
        'default': 'DELETED',
    },
    vm_states.SOFT_DELETED: {
        'default': 'SOFT_DELETED',
    },
    vm_states.SHELVED: {
        'default': 'SHELVED',
    },
    vm_states.SHELVED_OFFLOADED: {
        'default': 'SHELVED_OFFLOADED',
    },
}


def status_from_state(vm_state, task_state='default'):
    """The API status of a server in ``vm_state`` doing ``task_state``."""
    task_map = _STATE_MAP.get(vm_state, {'default': 'UNKNOWN'})
    status = task_map.get(task_state, task_map['default'])
    if status == 'UNKNOWN':
        LOG.error('status is UNKNOWN from vm_state=%(vm_state)s '
                  'task_state=%(task_state)s. Bad upgrade or db corrupted?',
                  {'vm_state': vm_state, 'task_state': task_state})
    return status


def task_and_vm_state_from_status(statuses):
    """The (sorted) vm states and task states a list of API statuses
    covers; 'default' among the task states means "any task state"."""
    wanted = {status.lower() for status in statuses}
    vm_state_set, task_state_set = set(), set()
    for vm_state, task_map in _STATE_MAP.items():
        for task_state, status in task_map.items():
            if status.lower() in wanted:
                vm_state_set.add(vm_state)
                task_state_set.add(task_state)
    return sorted(vm_state_set), sorted(task_state_set)


# paging and query parameters

def _int_param(request, name):
    """A non-negative int query parameter; 400 otherwise."""
    value = request.GET[name]
    try:
        number = int(str(value))
    except ValueError:
        raise exception.InvalidInput(
            message='%s must be an integer' % name)
    if number < 0:
        raise exception.InvalidInput(message='%s must be >= 0' % name)
    return number


def get_limit_and_marker(request, max_limit):
    """(limit, marker) of a list request: limit capped at ``max_limit``."""
    limit = max_limit
    if 'limit' in request.GET:
        limit = min(max_limit, _int_param(request, 'limit'))
    return limit, request.GET.get('marker')


def get_sort_params(params, default_key='created_at', default_dir='desc'):
    """The sort_key and sort_dir values of a request, with defaults."""
    sort_keys = [key.strip() for key in params.getall('sort_key')]
    sort_dirs = [value.strip() for value in params.getall('sort_dir')]
    if not sort_keys and default_key:
        sort_keys.append(default_key)
    if not sort_dirs and default_dir:
        sort_dirs.append(default_dir)
    return sort_keys, sort_dirs


def is_all_tenants(search_opts):
    """Whether a list request asks for every project's resources; a bare
    ``all_tenants`` (empty value) counts as yes."""
    if 'all_tenants' not in search_opts:
        return False
    value = search_opts['all_tenants']
    if not value:
        return True
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError as err:
        # Nova gives strutils' words alone.
        raise exception.InvalidInput(message=str(err))


def get_id_from_href(href):
    """The last path segment of a URL, or the value itself: 'http://x/
    flavors/42' and '42' both give '42'."""
    return urlparse.urlsplit('%s' % href).path.split('/')[-1]


# formatting

def isotime(at=None):
    """ISO 8601 UTC time with 'Z', as Nova's utils.isotime; None means
    now (Nova shows a never-updated server's 'updated' as the present)."""
    if at is None:
        at = timeutils.utcnow()
    text = at.strftime('%Y-%m-%dT%H:%M:%S')
    zone = at.tzinfo.tzname(None) if at.tzinfo else 'UTC'
    return text + ('Z' if zone in ('UTC', 'UTC+00:00') else zone)


def naive_time(at):
    """A timestamp as Nova serialises a naive datetime in JSON (no zone,
    microseconds), or None."""
    if at is None:
        return None
    return at.replace(tzinfo=None).strftime('%Y-%m-%dT%H:%M:%S.%f')


def url_join(*parts):
    """Join URL parts with single slashes; an empty last part keeps a
    trailing slash."""
    parts = parts or ('',)
    clean = [part.strip('/') for part in parts if part]
    if not parts[-1]:
        clean.append('')
    return '/'.join(clean)


def remove_trailing_version_from_href(href):
    """'http://host/v2.1' -> 'http://host' (the bookmark base)."""
    parsed = urlparse.urlsplit(href)
    url_parts = parsed.path.rsplit('/', 1)
    if not re.match(r'^v([0-9]+|[0-9]+\.[0-9]+)(/.*|$)', url_parts.pop()):
        raise ValueError('href %s does not contain version' % href)
    parsed = list(parsed)
    parsed[2] = url_join(*url_parts)
    return urlparse.urlunsplit(parsed)


class ComputeAPIController(object):
    """Base of the controllers that call the compute API, which is built
    on first use: it needs the RPC transport."""

    def __init__(self, conf, compute=None):
        self.conf = conf
        self._compute = compute

    @property
    def compute_api(self):
        if self._compute is None:
            from nova_lite.compute import api as compute_api
            self._compute = compute_api.API(self.conf)
        return self._compute


class ViewBuilder(object):
    """Bodies and links of one kind of API resource, built from the
    request's own URL. Subclasses give ``basic`` and ``show`` (each
    returning ``{member_name: {...}}``)."""

    _collection_name = None
    _member_name = None
    _id_key = 'uuid'

    def __init__(self, conf):
        self.conf = conf

    def index(self, request, items):
        return self._list_view(self.basic, request, items,
                               self._collection_name)

    def detail(self, request, items):
        return self._list_view(self.show, request, items,
                               self._collection_name + '/detail')

    def _list_view(self, func, request, items, collection_name):
        """The list body, with a next link when the page is full."""
        items = list(items)
        body = {self._collection_name: [
            func(request, item)[self._member_name] for item in items]}
        links = self._get_collection_links(
            request, items, collection_name, self.conf.api.max_limit,
            id_key=self._id_key)
        if links:
            body[self._collection_name + '_links'] = links
        return body

    def _get_project_id(self, request):
        """The project id if the client put it in the URL, else ''."""
        project_id = request.environ['nova.context'].project_id
        if project_id and project_id in request.url:
            return project_id
        return ''

    def _get_links(self, request, identifier, collection_name):
        return [
            {'rel': 'self',
             'href': self._get_href_link(request, identifier,
                                         collection_name)},
            {'rel': 'bookmark',
             'href': self._get_bookmark_link(request, identifier,
                                             collection_name)},
        ]

    def _get_href_link(self, request, identifier, collection_name):
        return url_join(request.application_url,
                        self._get_project_id(request), collection_name,
                        str(identifier))

    def _get_bookmark_link(self, request, identifier, collection_name):
        base_url = remove_trailing_version_from_href(request.application_url)
        return url_join(base_url, self._get_project_id(request),
                        collection_name, str(identifier))

    def _get_next_link(self, request, identifier, collection_name):
        params = collections.OrderedDict(sorted(request.params.items()))
        params['marker'] = identifier
        url = url_join(request.application_url,
                       self._get_project_id(request), collection_name)
        return '%s?%s' % (url, urlparse.urlencode(params))

    def _get_collection_links(self, request, items, collection_name,
                              max_limit, id_key='uuid'):
        """A 'next' link when the page is full: ``limit`` (capped at
        ``max_limit``) items came back."""
        try:
            limit = int(request.params.get('limit', max_limit))
        except ValueError:
            limit = max_limit
        max_items = min(limit, max_limit)
        if not max_items or max_items != len(items):
            return []
        last = items[-1]
        last_id = _item_id(last, id_key)
        return [{'rel': 'next',
                 'href': self._get_next_link(request, last_id,
                                             collection_name)}]


def _item_id(item, id_key):
    if isinstance(item, dict):
        return item.get(id_key, item.get('id'))
    return getattr(item, id_key)
