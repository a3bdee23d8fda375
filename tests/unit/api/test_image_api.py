"""The read-only Image API (Glance v2) under /image."""

import datetime

import pytest

from tests.unit.api import IMAGE_ID
from tests.unit.api import make_image

OTHER_ID = 'a2459075-d96c-40d5-893e-577ff92e721c'
THIRD_ID = '3a0e6a3c-7e0c-4a38-9d2b-0a0ab41c7d0e'


def make_images(context, count):
    """``count`` images, image-0 the oldest."""
    ids = [IMAGE_ID, OTHER_ID, THIRD_ID][:count]
    start = datetime.datetime(2024, 1, 1)
    for index, image_id in enumerate(ids):
        make_image(context, image_id=image_id, name='image-%d' % index,
                   created_at=start + datetime.timedelta(minutes=index))
    return ids


@pytest.mark.parametrize('path', ['/image', '/image/'])
def test_root_lists_the_version_without_authentication(client, path):
    resp = client.as_user(None).get(path)

    assert resp.status_int == 300
    assert resp.json == {'versions': [{
        'id': 'v2.0', 'status': 'CURRENT',
        'links': [{'rel': 'self', 'href': 'http://localhost/image/v2/'}]}]}


def test_images_need_a_token(client, image):
    resp = client.as_user(None).get('/image/v2/images')

    assert resp.status_int == 401


def test_show_returns_the_glance_image_document(client, admin_context):
    make_image(admin_context, properties={'os_distro': 'cirros'},
               created_at=datetime.datetime(2024, 1, 2, 3, 4, 5))

    resp = client.get('/image/v2/images/%s' % IMAGE_ID)

    assert resp.status_int == 200
    assert resp.content_type == 'application/json'
    assert resp.json == {
        'id': IMAGE_ID, 'name': 'cirros', 'status': 'active',
        'visibility': 'public', 'protected': False, 'checksum': '0' * 32,
        'owner': 'admin-project', 'size': 13267968,
        'virtual_size': 117440512, 'min_ram': 0, 'min_disk': 0,
        'disk_format': 'qcow2', 'container_format': 'bare',
        'created_at': '2024-01-02T03:04:05Z',
        'updated_at': '2024-01-02T03:04:05Z', 'tags': [],
        'self': '/v2/images/%s' % IMAGE_ID,
        'file': '/v2/images/%s/file' % IMAGE_ID,
        'schema': '/v2/schemas/image', 'os_distro': 'cirros'}


def test_show_never_reveals_the_store_location(client, image):
    body = client.get('/image/v2/images/%s' % IMAGE_ID).json

    assert 'file:///images/x' not in str(body)


@pytest.mark.parametrize('image_id', [OTHER_ID, 'cirros'])
def test_show_of_a_missing_image_is_not_found(client, image, image_id):
    resp = client.get('/image/v2/images/%s' % image_id)

    assert resp.status_int == 404


def test_another_projects_private_image_is_not_found(client, admin,
                                                     admin_context):
    make_image(admin_context, visibility='private', owner='other')

    assert client.get('/image/v2/images/%s' % IMAGE_ID).status_int == 404
    assert admin.get('/image/v2/images/%s' % IMAGE_ID).status_int == 200


def test_list_is_newest_first_with_first_and_schema(client, admin_context):
    make_images(admin_context, 3)

    resp = client.get('/image/v2/images')

    assert resp.status_int == 200
    body = resp.json
    assert [i['name'] for i in body['images']] == [
        'image-2', 'image-1', 'image-0']
    assert body['first'] == '/v2/images'
    assert body['schema'] == '/v2/schemas/images'
    assert 'next' not in body


def test_list_filters_by_name(client, admin_context):
    make_images(admin_context, 3)

    body = client.get('/image/v2/images?name=image-1').json

    assert [i['id'] for i in body['images']] == [OTHER_ID]


def test_list_filters_by_a_custom_property(client, admin_context):
    make_image(admin_context, properties={'os_distro': 'cirros'})
    make_image(admin_context, image_id=OTHER_ID, name='other')

    body = client.get('/image/v2/images?os_distro=cirros').json

    assert [i['id'] for i in body['images']] == [IMAGE_ID]


def test_list_filters_by_any_of_several_ids(client, admin_context):
    make_images(admin_context, 3)

    body = client.get('/image/v2/images?id=in:%s,%s' % (
        IMAGE_ID, THIRD_ID)).json

    assert sorted(i['id'] for i in body['images']) == sorted(
        [IMAGE_ID, THIRD_ID])


def test_list_pages_with_limit_and_next(client, admin_context):
    make_images(admin_context, 3)

    first = client.get('/image/v2/images?limit=2').json
    assert [i['name'] for i in first['images']] == ['image-2', 'image-1']
    assert first['next'] == '/v2/images?limit=2&marker=%s' % OTHER_ID

    second = client.get('/image' + first['next']).json
    assert [i['name'] for i in second['images']] == ['image-0']
    assert 'next' not in second


def test_list_sorts_by_the_given_key(client, admin_context):
    make_images(admin_context, 3)

    body = client.get('/image/v2/images?sort_key=name&sort_dir=asc').json
    assert [i['name'] for i in body['images']] == [
        'image-0', 'image-1', 'image-2']

    body = client.get('/image/v2/images?sort=name:desc').json
    assert [i['name'] for i in body['images']] == [
        'image-2', 'image-1', 'image-0']


@pytest.mark.parametrize('query', [
    'limit=x', 'limit=-1', 'marker=%s' % THIRD_ID, 'sort_key=colour',
    'sort_dir=up', 'sort=name&sort_key=name'])
def test_list_refuses_bad_paging_and_sorting(client, image, query):
    resp = client.get('/image/v2/images?' + query)

    assert resp.status_int == 400


def test_list_leaves_out_others_private_images(client, admin,
                                               admin_context):
    make_image(admin_context, visibility='private', owner='other')
    make_image(admin_context, image_id=OTHER_ID, name='mine',
               visibility='private', owner='demo-project')

    body = client.get('/image/v2/images').json
    assert [i['id'] for i in body['images']] == [OTHER_ID]
    assert len(admin.get('/image/v2/images').json['images']) == 2


@pytest.mark.parametrize('method', ['POST', 'PUT', 'PATCH', 'DELETE'])
def test_the_api_is_read_only(client, image, method):
    resp = client.request(method, '/image/v2/images/%s' % IMAGE_ID)

    assert resp.status_int == 405
    assert resp.headers['Allow'] == 'GET'


@pytest.mark.parametrize('path', [
    '/image/v1/images', '/image/v2/schemas/image',
    '/image/v2/images/%s/file' % IMAGE_ID])
def test_other_paths_are_not_found(client, image, path):
    assert client.get(path).status_int == 404
