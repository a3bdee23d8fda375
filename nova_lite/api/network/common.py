"""What the collections of the Networking API share: Neutron's error
body, its query filters, ``fields`` and paging."""

import urllib.parse as urlparse

from oslo_utils import strutils

# Query parameters that are not attribute filters.
QUERY_CONTROLS = ('fields', 'limit', 'marker', 'page_reverse', 'sort_key',
                  'sort_dir')


class NeutronError(Exception):
    """An error answered with Neutron's body,
    ``{"NeutronError": {"type", "message", "detail"}}``."""

    def __init__(self, status, error_type, message, headers=None):
        super(NeutronError, self).__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message
        self.headers = headers or {}

    def body(self):
        return {'NeutronError': {'type': self.error_type,
                                 'message': self.message, 'detail': ''}}


def not_found(resource, resource_id):
    """Neutron's 404 of a missing (or invisible) network, subnet, port."""
    return NeutronError(404, '%sNotFound' % resource,
                        '%s %s could not be found.' % (resource,
                                                       resource_id))


def bad_request(message):
    return NeutronError(400, 'BadRequest', message)


def collection(req, name, items):
    """``{name: [...], name_links: [...]}``: the items matching the
    query's filters, one page of them, with the fields asked for."""
    params = req.GET
    filters = query_filters(params)
    items = [item for item in items if matches(item, filters)]
    items, next_marker = _page(items, params)
    body = {name: [select_fields(item, params) for item in items]}
    if next_marker is not None:
        query = [(key, value) for key, value in params.items()
                 if key != 'marker'] + [('marker', next_marker)]
        body['%s_links' % name] = [{
            'rel': 'next',
            'href': '%s?%s' % (req.path_url, urlparse.urlencode(query))}]
    return body


def member(req, name, item):
    """``{name: {...}}`` with the fields asked for."""
    return {name: select_fields(item, req.GET)}


def query_filters(params):
    """{attribute: [accepted values]} of the query; ``fixed_ips`` gives
    {'ip_address'|'subnet_id'|'ip_address_substr': {values}} instead."""
    filters = {}
    for key in params.keys():
        if key in QUERY_CONTROLS or key in filters:
            continue
        filters[key] = params.getall(key)
    if 'fixed_ips' in filters:
        filters['fixed_ips'] = _fixed_ips_filter(filters['fixed_ips'])
    return filters


def _fixed_ips_filter(values):
    by_key = {}
    for value in values:
        key, sep, expected = value.partition('=')
        if not sep or key not in ('ip_address', 'subnet_id',
                                  'ip_address_substr'):
            raise bad_request("Invalid input for fixed_ips. Reason: "
                              "'%s' is not a valid filter." % value)
        by_key.setdefault(key, set()).add(expected)
    return by_key


def matches(item, filters):
    """Whether a resource passes every filter, as Neutron filters: a
    repeated parameter accepts any of its values, a parameter naming no
    attribute of the resource is ignored."""
    for key, wanted in filters.items():
        if key not in item:
            continue
        if key == 'fixed_ips':
            if not _fixed_ips_match(item[key], wanted):
                return False
        elif not any(_equal(item[key], value) for value in wanted):
            return False
    return True


def _equal(actual, wanted):
    if isinstance(actual, bool):
        return actual == strutils.bool_from_string(wanted)
    if isinstance(actual, list):
        return wanted in actual
    return actual is not None and str(actual) == wanted


def _fixed_ips_match(fixed_ips, by_key):
    """``fixed_ips=ip_address=X`` (or ``subnet_id=``,
    ``ip_address_substr=``): some address must match each key given."""
    for key, expected in by_key.items():
        if key == 'ip_address_substr':
            found = any(part in ip['ip_address'] for ip in fixed_ips
                        for part in expected)
        else:
            found = any(ip[key] in expected for ip in fixed_ips)
        if not found:
            return False
    return True


def select_fields(item, params):
    """Only the attributes named by ``fields`` (all without it)."""
    fields = params.getall('fields')
    if not fields:
        return item
    return {key: value for key, value in item.items() if key in fields}


def _page(items, params):
    """(page, marker of the next page or None) from ``limit`` and
    ``marker`` (the id of the previous page's last item)."""
    marker = params.get('marker')
    if marker is not None:
        ids = [item['id'] for item in items]
        if marker not in ids:
            raise bad_request('Bad marker request: %s is not in the '
                              'collection.' % marker)
        items = items[ids.index(marker) + 1:]
    limit = params.get('limit')
    if limit is None:
        return items, None
    try:
        limit = int(limit)
        if limit < 0:
            raise ValueError(limit)
    except ValueError:
        raise bad_request("Bad limit request: Limit must be an integer 0 "
                          "or greater and not '%s'." % limit)
    if limit == 0 or len(items) <= limit:
        return items, None
    return items[:limit], items[limit - 1]['id']
