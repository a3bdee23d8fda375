"""LibvirtDriver.cache_image (a pre-cache request): the image lands in
the image cache where and as a build puts it, once."""

import os
import time

import pytest

from nova_lite import exception
from nova_lite import objects
from nova_lite.virt import images
from nova_lite.virt.libvirt import driver as libvirt_driver
from nova_lite.virt.libvirt import imagecache
from tests.unit.virt.libvirt import conftest as fx

DAY = 24 * 3600


@pytest.fixture
def registered_image(db, admin_context, qcow2_image):
    """The image service's record of the qcow2 test image."""
    image = objects.Image(
        admin_context, uuid=fx.IMAGE_ID, name='cirros', status='active',
        disk_format='qcow2', container_format='bare',
        size=os.path.getsize(qcow2_image), min_disk=0, min_ram=0,
        visibility='public', owner='admin-project',
        location='file://%s' % qcow2_image, properties={})
    image.create()
    return qcow2_image


@pytest.fixture
def drv(conf):
    return libvirt_driver.LibvirtDriver(None, conf)


def _cached(conf, image_id=fx.IMAGE_ID, subdirectory='_base'):
    return os.path.join(conf.instances_path, subdirectory,
                        imagecache.get_cache_fname(image_id))


def test_the_image_lands_in_the_cache_as_a_raw_base_file(
        drv, conf, admin_context, registered_image):
    assert drv.cache_image(admin_context, fx.IMAGE_ID) is True

    base = _cached(conf)
    assert images.qemu_img_info(base).file_format == 'raw'
    # Nothing else: no download left half done.
    assert os.listdir(os.path.dirname(base)) == [os.path.basename(base)]


def test_a_second_request_finds_it_cached_and_refreshes_it(
        drv, conf, admin_context, registered_image):
    drv.cache_image(admin_context, fx.IMAGE_ID)
    base = _cached(conf)
    then = time.time() - 2 * DAY
    os.utime(base, (then, then))
    # Not downloaded again: the source may be gone.
    os.remove(registered_image)

    assert drv.cache_image(admin_context, fx.IMAGE_ID) is False

    assert time.time() - os.path.getmtime(base) < 60


def test_the_cache_is_in_the_configured_subdirectory(
        conf, admin_context, registered_image):
    conf.set_override('subdirectory_name', '_cache', group='image_cache')

    libvirt_driver.LibvirtDriver(None, conf).cache_image(admin_context,
                                                         fx.IMAGE_ID)

    assert os.path.exists(_cached(conf, subdirectory='_cache'))


def test_an_unknown_image_fails_and_leaves_nothing_cached(
        drv, conf, db, admin_context):
    with pytest.raises(exception.ImageNotFound):
        drv.cache_image(admin_context, fx.IMAGE_ID)

    assert os.listdir(os.path.dirname(_cached(conf))) == []


def test_a_build_after_the_request_boots_from_the_cached_image(
        drv, conf, admin_context, registered_image, image_meta):
    drv.init_host('cmp1')
    drv.cache_image(admin_context, fx.IMAGE_ID)
    # The build cannot download it any more: only the cache has it.
    os.remove(registered_image)
    instance = fx.make_instance()
    try:
        drv.spawn(None, instance, image_meta, [], None, {})

        disk = os.path.join(conf.instances_path, instance.uuid, 'disk')
        assert images.qemu_img_info(disk).backing_file == _cached(conf)
    finally:
        # test:///default is shared by the whole process: leave it clean.
        drv.destroy(None, instance, [])
