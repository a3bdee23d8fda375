"""The compute manager's answer to a pre-cache request: what became of
each image on this host."""

import pytest

from nova_lite.compute import manager
from nova_lite import exception
from nova_lite.virt import driver as virt_driver
from tests.unit import fakes

IMAGE_1 = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
IMAGE_2 = '0b6a2e34-8c2f-4d7e-9d51-3f1c9a7b5e20'


@pytest.fixture
def compute(conf, db, fake_rpc, admin_context):
    conf.set_override('compute_driver', 'fake.FakeDriver')
    conf.set_override('host', 'h1')
    fakes.compute_host(admin_context, 'h1')
    mgr = manager.ComputeManager('h1', 'nova-lite-compute', conf)
    mgr.init_host(None)
    return mgr


def test_new_images_are_cached_and_cached_ones_existing(compute,
                                                        admin_context):
    compute.cache_images(admin_context, [IMAGE_1])

    result = compute.cache_images(admin_context, [IMAGE_1, IMAGE_2])

    assert result == {IMAGE_1: 'existing', IMAGE_2: 'cached'}
    assert compute.driver.cached_images == {IMAGE_1, IMAGE_2}


def test_a_failing_image_is_an_error_and_the_others_are_still_cached(
        compute, admin_context, monkeypatch):
    cache_image = compute.driver.cache_image

    def fail_image_1(context, image_id):
        if image_id == IMAGE_1:
            raise exception.ImageNotFound(image_id=image_id)
        return cache_image(context, image_id)

    monkeypatch.setattr(compute.driver, 'cache_image', fail_image_1)

    result = compute.cache_images(admin_context, [IMAGE_1, IMAGE_2])

    assert result == {IMAGE_1: 'error', IMAGE_2: 'cached'}
    assert compute.driver.cached_images == {IMAGE_2}


def test_a_driver_without_an_image_cache_answers_unsupported(
        compute, admin_context, monkeypatch):
    monkeypatch.setattr(
        compute.driver, 'cache_image',
        virt_driver.ComputeDriver.cache_image.__get__(compute.driver))

    result = compute.cache_images(admin_context, [IMAGE_1, IMAGE_2])

    assert result == {IMAGE_1: 'unsupported', IMAGE_2: 'unsupported'}
