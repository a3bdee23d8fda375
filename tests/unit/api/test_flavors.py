"""The flavors API: list, detail and show, as Nova answers them."""

from tests.unit.api import make_flavor


def test_index_lists_id_name_and_links(client, flavor):
    resp = client.get('/v2.1/flavors')

    assert resp.status_int == 200
    assert resp.json == {'flavors': [{
        'id': '1', 'name': 'm1.tiny',
        'links': [{'rel': 'self', 'href': 'http://localhost/v2.1/flavors/1'},
                  {'rel': 'bookmark', 'href': 'http://localhost/flavors/1'}],
    }]}


def test_index_at_2_55_adds_the_description(client, admin_context):
    make_flavor(admin_context, description='small')

    flavors = client.at_version('2.55').get('/v2.1/flavors').json['flavors']

    assert flavors[0]['description'] == 'small'


def test_show_returns_the_flavor_document(client, flavor):
    resp = client.get('/v2.1/flavors/1')

    assert resp.status_int == 200
    assert resp.json == {'flavor': {
        'id': '1', 'name': 'm1.tiny', 'ram': 512, 'disk': 1, 'vcpus': 1,
        'swap': '', 'OS-FLV-EXT-DATA:ephemeral': 0,
        'OS-FLV-DISABLED:disabled': False,
        'os-flavor-access:is_public': True, 'rxtx_factor': 1.0,
        'links': [{'rel': 'self', 'href': 'http://localhost/v2.1/flavors/1'},
                  {'rel': 'bookmark', 'href': 'http://localhost/flavors/1'}],
    }}


def test_show_swap_is_zero_from_2_75(client, flavor):
    flavor_doc = client.at_version('2.75').get(
        '/v2.1/flavors/1').json['flavor']

    assert flavor_doc['swap'] == 0


def test_show_keeps_a_nonzero_swap(client, admin_context):
    make_flavor(admin_context, swap=512)

    assert client.get('/v2.1/flavors/1').json['flavor']['swap'] == 512


def test_show_at_2_61_adds_extra_specs(client, admin_context):
    make_flavor(admin_context, extra_specs={'hw:cpu_policy': 'shared'})

    flavor_doc = client.at_version('2.61').get(
        '/v2.1/flavors/1').json['flavor']

    assert flavor_doc['extra_specs'] == {'hw:cpu_policy': 'shared'}
    assert flavor_doc['description'] is None


def test_show_of_a_missing_flavor_is_not_found(client, db):
    resp = client.get('/v2.1/flavors/42')

    assert resp.status_int == 404
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'Flavor 42 could not be found.'}}


def test_private_flavors_are_hidden_from_users(client, admin,
                                               admin_context):
    make_flavor(admin_context, flavorid='p', name='private',
                is_public=False)

    assert client.get('/v2.1/flavors/p').status_int == 404
    assert client.get('/v2.1/flavors').json == {'flavors': []}
    assert admin.get('/v2.1/flavors/p').status_int == 200


def test_admins_list_private_flavors_with_is_public_none(admin,
                                                         admin_context):
    make_flavor(admin_context, flavorid='1')
    make_flavor(admin_context, flavorid='p', name='private',
                is_public=False)

    default = admin.get('/v2.1/flavors').json['flavors']
    everything = admin.get('/v2.1/flavors?is_public=none').json['flavors']

    assert [f['id'] for f in default] == ['1']
    assert [f['id'] for f in everything] == ['1', 'p']


def test_detail_filters_by_min_ram_and_min_disk(client, admin_context):
    make_flavor(admin_context, flavorid='1', name='small')
    make_flavor(admin_context, flavorid='2', name='big', memory_mb=4096,
                root_gb=40)

    by_ram = client.get('/v2.1/flavors/detail?minRam=1024').json['flavors']
    by_disk = client.get('/v2.1/flavors/detail?minDisk=20').json['flavors']

    assert [f['name'] for f in by_ram] == ['big']
    assert [f['name'] for f in by_disk] == ['big']


def test_an_invalid_min_ram_is_bad_request(client, db):
    resp = client.get('/v2.1/flavors?minRam=lots')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == 'Invalid minRam filter [lots]'


def test_index_pages_with_limit_and_marker(client, admin_context):
    for flavorid in ('1', '2', '3'):
        make_flavor(admin_context, flavorid=flavorid, name='f' + flavorid)

    first = client.get('/v2.1/flavors?limit=2').json
    rest = client.get('/v2.1/flavors?marker=2').json

    assert [f['id'] for f in first['flavors']] == ['1', '2']
    assert first['flavors_links'] == [{
        'rel': 'next',
        'href': 'http://localhost/v2.1/flavors?limit=2&marker=2'}]
    assert [f['id'] for f in rest['flavors']] == ['3']


def test_an_unknown_marker_is_bad_request(client, flavor):
    resp = client.get('/v2.1/flavors?marker=9')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == 'marker [9] not found'


def test_an_invalid_sort_key_is_bad_request(client, db):
    resp = client.get('/v2.1/flavors?sort_key=colour')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for query parameters sort_key. Value: colour.')


def test_sort_dir_desc_reverses_the_order(client, admin_context):
    make_flavor(admin_context, flavorid='1', name='a')
    make_flavor(admin_context, flavorid='2', name='b')

    flavors = client.get('/v2.1/flavors?sort_dir=desc').json['flavors']

    assert [f['id'] for f in flavors] == ['2', '1']
