from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import extra_specs_ops

LOG = logging.getLogger(__name__)

_SCOPE = 'capabilities'


def _capability(host_state, path):
    """The value at ``path`` (keys) under the host: an attribute of the
    host state or, failing that, one of its stats, then keys of nested
    dicts; a JSON string on the way (``cpu_info``) is decoded. None when
    anything on the path is missing."""
    cap = host_state
    for key in path:
        if isinstance(cap, str):
            try:
                cap = jsonutils.loads(cap)
            except ValueError:
                LOG.debug('%(host_state)s: %(cap)r is not JSON',
                          {'host_state': host_state, 'cap': cap})
                return None
        if isinstance(cap, dict):
            cap = cap.get(key)
        elif getattr(cap, key, None) is not None:
            cap = getattr(cap, key)
        else:
            cap = (getattr(cap, 'stats', None) or {}).get(key)
        if cap is None:
            return None
    return cap


def _capability_path(host_state, key):
    """The path of a flavor extra spec key under the host, or None when the
    key is no capability: ``capabilities:a:b`` is a, b; an unscoped key is
    one when the host has such an attribute or stat."""
    path = key.split(':')
    if len(path) == 1:
        has_it = hasattr(host_state, key) or key in (host_state.stats or {})
        return path if has_it else None
    return path[1:] if path[0] == _SCOPE else None


class ComputeCapabilitiesFilter(filters.BaseHostFilter):
    """Only hosts whose capabilities satisfy the flavor's
    ``capabilities:`` extra specs, matched with the extra specs
    operators."""

    def passes_every_host(self, spec_obj):
        return not spec_obj.flavor.obj_get('extra_specs')

    def host_passes(self, host_state, spec_obj):
        especs = spec_obj.flavor.obj_get('extra_specs')
        for key, req in (especs or {}).items():
            path = _capability_path(host_state, key)
            if path is None:
                continue
            cap = _capability(host_state, path)
            if cap is None or not extra_specs_ops.match(str(cap), req):
                LOG.debug("%(host_state)s fails flavor extra_specs "
                          "requirements: '%(key)s' is '%(cap)s', wanted "
                          "'%(req)s'", {'host_state': host_state,
                                        'key': key, 'cap': cap, 'req': req})
                return False
        return True
