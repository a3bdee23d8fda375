"""GET /servers and /servers/detail: the order (sort_key, sort_dir) and
the pages (limit, marker, servers_links), as Nova gives them."""

import datetime
import urllib.parse as urlparse

import pytest

from tests.unit.api import list_helpers as lh
from tests.unit.api import make_instance


def _hours(hours):
    return lh.T0 + datetime.timedelta(hours=hours)


@pytest.fixture
def servers(flavor):
    """'a'..'d', created an hour apart in the order c, a, d, b; a and b
    on host h1, c and d on h2."""
    made = {}
    for hours, name, host in ((0, 'c', 'h2'), (1, 'a', 'h1'), (2, 'd', 'h2'),
                              (3, 'b', 'h1')):
        made[name] = make_instance(flavor, display_name=name, host=host,
                                   node=host, created_at=_hours(hours))
    return made


# order

def test_default_order_is_newest_first(client, servers):
    assert lh.ordered_names(client) == ['b', 'd', 'a', 'c']


UUIDS = ['%08d-0000-4000-8000-000000000000' % n for n in (3, 1, 2)]


def _created_together(flavor):
    """Servers of one creation time, made in the order of UUIDS."""
    for uuid in UUIDS:
        make_instance(flavor, uuid=uuid, created_at=lh.T0)


def test_servers_created_together_are_in_uuid_order(client, flavor):
    _created_together(flavor)

    resp = lh.list_servers(client)

    assert [server['id'] for server in resp.json['servers']] == sorted(
        UUIDS)


def test_with_no_sort_key_left_the_last_made_comes_first(client, flavor):
    # Nova's default of its database then: created_at, id, both desc.
    _created_together(flavor)

    resp = lh.list_servers(client, 'sort_key=vcpus')

    assert [server['id'] for server in resp.json['servers']] == UUIDS[::-1]


@pytest.mark.parametrize('query, expected', [
    ('sort_key=display_name&sort_dir=asc', ['a', 'b', 'c', 'd']),
    ('sort_key=display_name', ['d', 'c', 'b', 'a']),
    ('sort_dir=asc', ['c', 'a', 'd', 'b']),
    # several keys, each with its direction
    ('sort_key=host&sort_dir=asc&sort_key=display_name&sort_dir=desc',
     ['b', 'a', 'd', 'c']),
    ('sort_key=node&sort_dir=desc&sort_key=created_at&sort_dir=asc',
     ['c', 'd', 'a', 'b']),
    # an ignored key goes with its direction
    ('sort_key=vcpus&sort_dir=desc&sort_key=display_name&sort_dir=asc',
     ['a', 'b', 'c', 'd']),
    ('sort_key=vcpus&sort_dir=asc', ['b', 'd', 'a', 'c']),
])
def test_sort_keys_and_directions(admin, servers, query, expected):
    assert lh.ordered_names(admin, 'all_tenants=1&' + query) == expected


def test_locked_sorts_from_2_73_only(client, flavor):
    make_instance(flavor, display_name='locked', locked=True,
                  locked_by='owner', created_at=_hours(1))
    make_instance(flavor, display_name='free', created_at=_hours(0))
    query = 'sort_key=locked&sort_dir=desc'

    assert lh.ordered_names(client, query, version='2.73') == [
        'locked', 'free']
    query = 'sort_key=locked&sort_dir=asc'
    assert lh.ordered_names(client, query, version='2.73') == [
        'free', 'locked']
    # Ignored before: newest first.
    assert lh.ordered_names(client, query, version='2.72') == [
        'locked', 'free']


def test_a_key_nova_lite_does_not_keep_orders_by_uuid(client, flavor):
    uuids = sorted(make_instance(flavor).uuid for _ in range(3))

    resp = lh.list_servers(client, 'sort_key=kernel_id&sort_dir=asc')

    assert [server['id'] for server in resp.json['servers']] == uuids


def test_an_unknown_sort_key_at_v2_lists_nothing(client, servers):
    # No schema checks it there; Nova's cell query fails, and the cell
    # is left out.
    resp = client.get('/v2/servers?sort_key=bogus')

    assert resp.status_int == 200
    assert resp.json == {'servers': []}


@pytest.mark.parametrize('key', ['host', 'node'])
def test_sorting_by_host_or_node_is_for_admins(client, servers, key):
    assert lh.refused(client, 'sort_key=' + key) == (
        403, 'Only administrators can sort servers by %s' % key)


def test_an_unknown_sort_direction_is_bad_request(client, servers):
    assert lh.refused(client, 'sort_key=display_name&sort_dir=up') == (
        400, "Invalid input received: Unknown sort direction, must be "
             "'desc' or 'asc'")


def test_more_directions_than_keys_is_bad_request(client, servers):
    assert lh.refused(client, 'sort_dir=asc&sort_dir=desc') == (
        400, 'Invalid input received: Sort direction size exceeds sort key '
             'size')


def test_a_direction_that_goes_with_an_ignored_key_is_not_checked(
        client, servers):
    assert lh.ordered_names(client, 'sort_key=vcpus&sort_dir=up') == [
        'b', 'd', 'a', 'c']


def test_a_bad_direction_listing_deleted_servers_lists_nothing(admin,
                                                               servers):
    # Nova checks it in the cell database then, and leaves the cell out.
    servers['a'].destroy()

    assert lh.ordered_names(
        admin, 'all_tenants=1&deleted=true&sort_key=display_name'
               '&sort_dir=up') == []


def test_a_bad_direction_with_an_ip_filter_lists_nothing(client, servers):
    # Nova lists no instance being built then (unless given a marker),
    # where it would check the direction first.
    lh.set_fixed_ips(servers['a'], '10.0.0.1')
    query = 'ip=10&sort_key=display_name&sort_dir=up'

    assert lh.ordered_names(client, query) == []
    assert lh.refused(client, query + '&marker=' + servers['b'].uuid)[0] == (
        400)


def test_a_bad_direction_with_limit_zero_lists_nothing(client, servers):
    assert lh.ordered_names(
        client, 'limit=0&sort_key=display_name&sort_dir=up') == []


def test_ignored_sort_keys_are_bad_request_from_2_75(client, db):
    status, message = lh.refused(client, 'sort_key=vcpus', version='2.75')

    assert status == 400
    assert message.startswith(
        "Invalid input for query parameters sort_key. Value: vcpus.")


# pages

def _next(resp):
    [link] = resp.json['servers_links']
    assert link['rel'] == 'next'
    return link['href']


def test_next_link_keeps_the_query_and_adds_the_marker(client, servers):
    resp = lh.list_servers(client, 'name=^[abc]$&sort_key=display_name'
                                   '&limit=2', detail=True)

    assert [s['name'] for s in resp.json['servers']] == ['c', 'b']
    href = _next(resp)
    url = urlparse.urlsplit(href)
    assert (url.scheme, url.netloc, url.path) == (
        'http', 'localhost', '/v2.1/servers/detail')
    # The parameters in the order of their names, then the marker.
    assert urlparse.parse_qsl(url.query) == [
        ('limit', '2'), ('name', '^[abc]$'), ('sort_key', 'display_name'),
        ('marker', servers['b'].uuid)]


def test_following_the_next_links_lists_every_server_once(client, servers):
    # The next link of a page that has a marker replaces it in place.
    seen, query = [], 'limit=1&sort_key=display_name&sort_dir=asc'
    while True:
        resp = lh.list_servers(client, query)
        seen += [server['name'] for server in resp.json['servers']]
        if 'servers_links' not in resp.json:
            break
        query = urlparse.urlsplit(_next(resp)).query

    assert seen == ['a', 'b', 'c', 'd']


def test_a_page_that_is_not_full_has_no_next_link(client, servers):
    resp = lh.list_servers(client, 'limit=5')

    assert len(resp.json['servers']) == 4
    assert 'servers_links' not in resp.json


def test_limit_zero_lists_nothing(client, servers):
    assert lh.list_servers(client, 'limit=0').json == {'servers': []}


def test_limit_is_capped_at_max_limit(client, conf, servers):
    conf.set_override('max_limit', 2, group='api')

    resp = lh.list_servers(client, 'limit=3')

    assert [s['name'] for s in resp.json['servers']] == ['b', 'd']
    assert 'marker=' + servers['d'].uuid in _next(resp)


def test_the_marker_may_be_a_deleted_server(client, servers):
    servers['d'].destroy()

    resp = lh.list_servers(client, 'marker=' + servers['d'].uuid)

    assert [s['name'] for s in resp.json['servers']] == ['a', 'c']


def test_the_marker_keeps_its_place_in_a_sorted_list(admin, servers):
    query = ('all_tenants=1&sort_key=host&sort_dir=asc&sort_key=created_at'
             '&sort_dir=asc&marker=' + servers['a'].uuid)

    assert lh.ordered_names(admin, query) == ['b', 'c', 'd']


def test_an_unknown_marker_is_bad_request_even_with_limit_zero(client, db):
    assert lh.refused(client, 'limit=0&marker=nope') == (
        400, 'marker [nope] not found')


def test_an_unknown_flavor_lists_nothing_whatever_the_marker(client, db):
    assert lh.list_servers(client, 'flavor=nope&marker=nope').json == {
        'servers': []}


@pytest.mark.parametrize('version', [
    '2.1', '2.3', '2.9', '2.16', '2.19', '2.26', '2.47', '2.63', '2.66',
    '2.69', '2.73', '2.75', '2.79'])
@pytest.mark.parametrize('detail', [False, True])
def test_a_filtered_page_at_every_microversion(admin, servers, version,
                                               detail):
    resp = lh.list_servers(admin, 'all_tenants=1&name=^[a-c]$&limit=2'
                                  '&sort_key=display_name&sort_dir=asc',
                           version=version, detail=detail)

    assert [s['name'] for s in resp.json['servers']] == ['a', 'b']
    assert 'marker=' + servers['b'].uuid in _next(resp)
