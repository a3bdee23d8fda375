"""Listing servers: GET /servers and /servers/detail with their
filters, sorting and paging."""

from oslo_utils import timeutils
from oslo_utils import uuidutils
import pytest

from nova_lite import objects
from tests.unit.api import make_instance


def test_index_lists_id_name_and_links(client, flavor):
    instance = make_instance(flavor, display_name='web')

    resp = client.get('/v2.1/servers')

    assert resp.status_int == 200
    assert resp.json == {'servers': [{
        'id': instance.uuid, 'name': 'web',
        'links': [
            {'rel': 'self',
             'href': 'http://localhost/v2.1/servers/' + instance.uuid},
            {'rel': 'bookmark',
             'href': 'http://localhost/servers/' + instance.uuid}]}]}


def test_index_lists_only_the_callers_project(client, flavor):
    make_instance(flavor, project_id='other')

    assert client.get('/v2.1/servers').json == {'servers': []}


def test_index_adds_a_next_link_when_the_page_is_full(client, flavor):
    make_instance(flavor)
    make_instance(flavor)

    resp = client.get('/v2.1/servers?limit=1')

    last = resp.json['servers'][-1]['id']
    assert resp.json['servers_links'] == [{
        'rel': 'next',
        'href': 'http://localhost/v2.1/servers?limit=1&marker=%s' % last}]


def test_index_continues_after_the_marker(client, flavor):
    first = make_instance(flavor)
    second = make_instance(flavor)
    page = client.get('/v2.1/servers?limit=1').json['servers']

    rest = client.get('/v2.1/servers?marker=%s' % page[0]['id'])

    ids = {first.uuid, second.uuid} - {page[0]['id']}
    assert [s['id'] for s in rest.json['servers']] == list(ids)


def test_index_with_an_unknown_marker_is_bad_request(client, flavor):
    missing = uuidutils.generate_uuid()

    resp = client.get('/v2.1/servers?marker=%s' % missing)

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'marker [%s] not found' % missing


def test_index_with_an_invalid_limit_is_bad_request(client, db):
    resp = client.get('/v2.1/servers?limit=-1')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for query parameters limit. Value: -1.')


def test_index_filters_by_name(client, flavor):
    make_instance(flavor, display_name='web-1')
    make_instance(flavor, display_name='db-1')

    resp = client.get('/v2.1/servers?name=web')

    assert [s['name'] for s in resp.json['servers']] == ['web-1']


def test_index_filters_by_status(client, flavor):
    make_instance(flavor, display_name='on', vm_state='active')
    make_instance(flavor, display_name='off', vm_state='stopped')

    resp = client.get('/v2.1/servers?status=SHUTOFF')

    assert [s['name'] for s in resp.json['servers']] == ['off']


def test_index_with_unknown_status_is_empty_before_2_38(client, flavor):
    make_instance(flavor)

    resp = client.get('/v2.1/servers?status=NOPE')

    assert resp.json == {'servers': []}


def test_index_with_unknown_status_is_bad_request_from_2_38(client, flavor):
    resp = client.at_version('2.38').get('/v2.1/servers?status=NOPE')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == 'Invalid status value'


def test_index_all_tenants_is_forbidden_to_users(client, db):
    resp = client.get('/v2.1/servers?all_tenants=1')

    assert resp.status_int == 403
    assert resp.json['forbidden']['message'] == (
        "Policy doesn't allow os_compute_api:servers:index:get_all_tenants "
        "to be performed.")


def test_index_all_tenants_shows_admins_every_project(admin, flavor):
    make_instance(flavor, project_id='p1')
    make_instance(flavor, project_id='p2')

    assert admin.get('/v2.1/servers').json == {'servers': []}
    assert len(admin.get('/v2.1/servers?all_tenants=1').json['servers']) == 2


def test_index_ignores_unknown_parameters_before_2_75(client, flavor):
    make_instance(flavor)

    resp = client.get('/v2.1/servers?bogus=1')

    assert len(resp.json['servers']) == 1


def test_index_refuses_unknown_parameters_from_2_75(client, db):
    resp = client.at_version('2.75').get('/v2.1/servers?bogus=1')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "'bogus' does not match any of the regexes: '^_'")


def test_index_sorts_by_the_requested_key(client, flavor):
    make_instance(flavor, display_name='b')
    make_instance(flavor, display_name='a')

    resp = client.get('/v2.1/servers?sort_key=display_name&sort_dir=asc')

    assert [s['name'] for s in resp.json['servers']] == ['a', 'b']


def test_index_sorting_by_host_is_for_admins(client, db):
    resp = client.get('/v2.1/servers?sort_key=host')

    assert resp.status_int == 403


def test_detail_lists_full_documents(client, flavor):
    make_instance(flavor)

    servers = client.get('/v2.1/servers/detail').json['servers']

    assert servers[0]['status'] == 'ACTIVE'
    assert 'OS-EXT-STS:vm_state' in servers[0]


def test_detail_gives_admins_the_host_status_at_2_16(admin, flavor,
                                                     admin_context):
    objects.Service(admin_context, host='compute1',
                    binary='nova-lite-compute', topic='compute',
                    last_seen_up=timeutils.utcnow()).create()
    make_instance(flavor, project_id='admin-project', host='compute1')

    servers = admin.at_version('2.16').get(
        '/v2.1/servers/detail').json['servers']

    assert servers[0]['host_status'] == 'UP'


# tag filters (2.26) and the locked filter (2.73)

def _tagged_servers(flavor):
    """Servers named after their tags."""
    for tags in ([], ['a'], ['b'], ['a', 'b'], ['a', 'b', 'c']):
        make_instance(flavor, display_name='-'.join(tags) or 'none',
                      tags=tags)


def _names(client, query, version='2.26'):
    resp = client.at_version(version).get('/v2.1/servers?' + query)
    assert resp.status_int == 200, resp.body
    return sorted(server['name'] for server in resp.json['servers'])


@pytest.mark.parametrize('query, names', [
    # every one of the tags
    ('tags=a', ['a', 'a-b', 'a-b-c']),
    ('tags=a,b', ['a-b', 'a-b-c']),
    ('tags=a,z', []),
    # at least one of them
    ('tags-any=a,b', ['a', 'a-b', 'a-b-c', 'b']),
    ('tags-any=c,z', ['a-b-c']),
    # not every one of them
    ('not-tags=a,b', ['a', 'b', 'none']),
    ('not-tags=a', ['b', 'none']),
    # none of them
    ('not-tags-any=a,c', ['b', 'none']),
    # together
    ('tags=a&not-tags-any=c', ['a', 'a-b']),
    ('tags-any=a,b&not-tags=a,b', ['a', 'b']),
])
def test_tag_filters_from_2_26(client, flavor, query, names):
    _tagged_servers(flavor)

    assert _names(client, query) == names


def test_tag_filters_are_ignored_before_2_26(client, flavor):
    _tagged_servers(flavor)

    assert len(_names(client, 'tags=z&tags-any=z', version='2.25')) == 5


def test_tag_filters_apply_to_the_detail_list(client, flavor):
    _tagged_servers(flavor)

    resp = client.at_version('2.26').get('/v2.1/servers/detail?tags=a,b')

    assert sorted((server['name'], server['tags'])
                  for server in resp.json['servers']) == [
        ('a-b', ['a', 'b']), ('a-b-c', ['a', 'b', 'c'])]


def test_locked_filter_from_2_73(client, flavor):
    make_instance(flavor, display_name='locked', locked=True,
                  locked_by='owner')
    make_instance(flavor, display_name='free')

    assert _names(client, 'locked=true', '2.73') == ['locked']
    assert _names(client, 'locked=0', '2.73') == ['free']
    # Before 2.73 the filter is not one.
    assert _names(client, 'locked=true', '2.72') == ['free', 'locked']


def test_a_locked_filter_that_is_no_boolean_is_bad_request(client, db):
    resp = client.at_version('2.73').get('/v2.1/servers?locked=maybe')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', "
        "'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")
