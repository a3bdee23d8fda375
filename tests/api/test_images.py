"""/images: Nova's image proxy, until microversion 2.35."""

import uuid

import pytest

from tests.api import clients


def test_list_shows_the_image(member_a, image_id):
    images = member_a.images.list_images()['images']
    assert [image['name'] for image in images
            if image['id'] == image_id] == ['nova-lite-test']


def test_detail_shows_the_image_active(member_a, image_id):
    images = {image['id']: image
              for image in member_a.images.list_images(detail=True)['images']}
    assert images[image_id]['status'] == 'ACTIVE'


def test_list_filters_by_name(member_a, image_id):
    assert [image['id'] for image in member_a.images.list_images(
        name='nova-lite-test')['images']] == [image_id]
    assert member_a.images.list_images(name='other')['images'] == []


def test_show_shows_the_image(member_a, image_id):
    image = member_a.images.show_image(image_id)['image']
    assert (image['name'], image['minDisk'], image['progress']) == (
        'nova-lite-test', 0, 100)


def test_show_of_an_unknown_image_is_404(member_a):
    with clients.refused(404, 'Image not found.'):
        member_a.images.show_image(str(uuid.uuid4()))


@pytest.mark.microversion('2.35')
def test_images_are_served_at_2_35(member_a, image_id):
    member_a.images.show_image(image_id)


@pytest.mark.microversion('2.36')
def test_images_are_gone_from_2_36(member_a, image_id):
    with clients.refused(404):
        member_a.images.show_image(image_id)
    with clients.refused(404):
        member_a.images.list_images()
