"""The image proxy API (GET /images...), which ends at 2.35."""

from tempest.lib.api_schema.response.compute.v2_1 import images \
    as images_v21

from tests.unit.api import IMAGE_ID
from tests.unit.api import make_image
from tests.unit.api import tempest_validate

OTHER_ID = 'a2459075-d96c-40d5-893e-577ff92e721c'


def test_show_returns_the_image_document(client, image):
    resp = client.get('/v2.1/images/%s' % IMAGE_ID)

    assert resp.status_int == 200
    body = resp.json['image']
    assert body['id'] == IMAGE_ID
    assert body['name'] == 'cirros'
    assert (body['status'], body['progress']) == ('ACTIVE', 100)
    assert (body['minRam'], body['minDisk']) == (0, 0)
    assert body['metadata'] == {}
    assert body['OS-EXT-IMG-SIZE:size'] == 13267968
    assert body['created'].endswith('Z')
    assert body['links'] == [
        {'rel': 'self', 'href': 'http://localhost/v2.1/images/' + IMAGE_ID},
        {'rel': 'bookmark', 'href': 'http://localhost/images/' + IMAGE_ID},
        {'rel': 'alternate', 'type': 'application/vnd.openstack.image',
         'href': 'http://localhost:9292/images/' + IMAGE_ID}]


def test_a_never_updated_image_was_updated_when_created(client, image):
    # Glance sets updated_at when it creates an image; tempest's schema
    # wants a date, never null.
    resp = client.get('/v2.1/images/%s' % IMAGE_ID)

    tempest_validate(images_v21.get_image, resp)
    body = resp.json['image']
    assert body['updated'] == body['created']


def test_a_never_updated_image_was_updated_when_created_in_the_list(
        client, image):
    resp = client.get('/v2.1/images/detail')

    tempest_validate(images_v21.list_images_details, resp)
    [body] = resp.json['images']
    assert body['updated'] == body['created']


def test_a_queued_image_is_saving(client, admin_context):
    make_image(admin_context, status='queued')

    body = client.get('/v2.1/images/%s' % IMAGE_ID).json['image']

    assert (body['status'], body['progress']) == ('SAVING', 25)


def test_a_snapshot_image_links_its_server(client, admin_context):
    server = 'd1c0b1a2-3e4f-4a5b-9c6d-7e8f9a0b1c2d'
    make_image(admin_context, properties={'instance_uuid': server})

    body = client.get('/v2.1/images/%s' % IMAGE_ID).json['image']

    assert body['server']['id'] == server
    assert body['metadata'] == {'instance_uuid': server}


def test_show_of_a_missing_image_is_not_found(client, db):
    resp = client.get('/v2.1/images/%s' % OTHER_ID)

    assert resp.status_int == 404
    assert resp.json == {'itemNotFound': {'code': 404,
                                          'message': 'Image not found.'}}


def test_index_lists_id_name_and_links(client, image):
    images = client.get('/v2.1/images').json['images']

    assert [(i['id'], i['name']) for i in images] == [(IMAGE_ID, 'cirros')]
    assert len(images[0]['links']) == 3


def test_detail_filters_by_name_and_status(client, admin_context):
    make_image(admin_context)
    make_image(admin_context, image_id=OTHER_ID, name='fedora',
               status='queued')

    by_name = client.get('/v2.1/images/detail?name=fedora').json['images']
    by_status = client.get('/v2.1/images/detail?status=ACTIVE').json[
        'images']

    assert [i['id'] for i in by_name] == [OTHER_ID]
    assert [i['id'] for i in by_status] == [IMAGE_ID]


def test_index_pages_with_limit(client, admin_context):
    make_image(admin_context)
    make_image(admin_context, image_id=OTHER_ID, name='fedora')

    body = client.get('/v2.1/images?limit=1').json

    assert len(body['images']) == 1
    assert body['images_links'][0]['rel'] == 'next'


def test_an_invalid_limit_is_bad_request(client, image):
    resp = client.get('/v2.1/images?limit=x')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == 'limit must be an integer'


def test_the_image_api_is_gone_from_2_36(client, image):
    resp = client.at_version('2.36').get('/v2.1/images/%s' % IMAGE_ID)

    assert resp.status_int == 404
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'The resource could not be found.'}}
    assert client.at_version('2.35').get('/v2.1/images').status_int == 200
