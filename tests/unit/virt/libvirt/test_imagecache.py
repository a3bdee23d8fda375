"""The image cache manager on real files: what it keeps, what it removes,
and that it waits for a cache fill holding the base file's lock."""

import os
import subprocess
import sys
import threading
import time

import pytest

from nova_lite.virt import imagecache as base_imagecache
from nova_lite.virt.libvirt import driver as libvirt_driver
from nova_lite.virt.libvirt import imagebackend
from nova_lite.virt.libvirt import imagecache
from tests.unit.virt.libvirt import conftest as fx

DAY = 24 * 3600
OTHER_IMAGE_ID = '0b6a2e34-8c2f-4d7e-9d51-3f1c9a7b5e20'

# Holds a base file's cache lock in another process, as a build filling
# the cache does, until a line arrives on stdin; then "touch" refreshes
# the file as a fill of an existing base does, "remove" removes it as
# another host's cache manager sharing the directory would.
HOLD_LOCK = """
import os, sys
from nova_lite.virt.libvirt import imagebackend
instances_path, name, action = sys.argv[1:]
path = os.path.join(instances_path, '_base', name)
with imagebackend.cache_lock(instances_path, name):
    print('held', flush=True)
    sys.stdin.readline()
    if action == 'touch':
        os.utime(path, None)
    elif action == 'remove':
        os.remove(path)
"""


@pytest.fixture
def base_dir(conf):
    path = imagebackend.base_dir(conf.instances_path)
    os.makedirs(path)
    return path


def _base_file(base_dir, name, age=0):
    """A base file last modified ``age`` seconds ago."""
    path = fx.make_disk_image(os.path.join(base_dir, name), 'raw')
    _age(path, age)
    return path


def _age(path, age):
    then = time.time() - age
    os.utime(path, (then, then))


def _update(conf, all_instances=()):
    imagecache.ImageCacheManager(conf).update(None, list(all_instances))


def test_base_file_backing_an_instances_qcow2_overlay_is_kept(conf,
                                                              base_dir):
    # The instance's image is another one: only its disk says it uses
    # this base file.
    base = _base_file(base_dir, imagecache.get_cache_fname(OTHER_IMAGE_ID),
                      age=2 * DAY)
    instance = fx.make_instance()
    inst_dir = os.path.join(conf.instances_path, instance.uuid)
    os.makedirs(inst_dir)
    fx.make_disk_image(os.path.join(inst_dir, 'disk'), 'qcow2',
                       backing=base)
    _update(conf, [instance])
    assert os.path.exists(base)


def test_base_file_of_an_instances_image_is_kept(conf, base_dir):
    # No disk yet: the instance is being built from the image.
    base = _base_file(base_dir, imagecache.get_cache_fname(fx.IMAGE_ID),
                      age=2 * DAY)
    _update(conf, [fx.make_instance()])
    assert os.path.exists(base)


def test_base_file_in_use_gets_a_fresh_modification_time(conf, base_dir):
    base = _base_file(base_dir, imagecache.get_cache_fname(fx.IMAGE_ID),
                      age=2 * DAY)
    _update(conf, [fx.make_instance()])
    assert time.time() - os.path.getmtime(base) < 60


def test_unused_base_file_older_than_the_minimum_age_is_removed(conf,
                                                                base_dir):
    base = _base_file(base_dir, imagecache.get_cache_fname(OTHER_IMAGE_ID),
                      age=DAY + 60)
    _update(conf, [fx.make_instance()])
    assert not os.path.exists(base)


def test_unused_base_file_younger_than_the_minimum_age_is_kept(conf,
                                                               base_dir):
    base = _base_file(base_dir, imagecache.get_cache_fname(OTHER_IMAGE_ID),
                      age=DAY - 60)
    _update(conf, [fx.make_instance()])
    assert os.path.exists(base)


def test_minimum_age_is_the_option(conf, base_dir):
    conf.set_override('remove_unused_original_minimum_age_seconds', 600,
                      group='image_cache')
    base = _base_file(base_dir, imagecache.get_cache_fname(OTHER_IMAGE_ID),
                      age=660)
    _update(conf)
    assert not os.path.exists(base)


def test_nothing_is_removed_when_removing_unused_images_is_off(conf,
                                                               base_dir):
    conf.set_override('remove_unused_base_images', False,
                      group='image_cache')
    paths = [_base_file(base_dir, name, age=2 * DAY) for name in (
        imagecache.get_cache_fname(OTHER_IMAGE_ID), 'swap_512',
        'ephemeral_1_ext4')]
    _update(conf)
    assert all(os.path.exists(path) for path in paths)


def test_resized_base_file_goes_at_the_resized_minimum_age(conf, base_dir):
    original = _base_file(base_dir,
                          imagecache.get_cache_fname(OTHER_IMAGE_ID),
                          age=2 * 3600)
    resized = _base_file(base_dir, '%s_10737418240' % os.path.basename(
        original), age=2 * 3600)
    _update(conf)
    assert not os.path.exists(resized)
    assert os.path.exists(original)


def test_resized_copy_of_an_instances_image_is_kept(conf, base_dir):
    resized = _base_file(base_dir, '%s_10737418240' % (
        imagecache.get_cache_fname(fx.IMAGE_ID)), age=2 * DAY)
    _update(conf, [fx.make_instance()])
    assert os.path.exists(resized)


def test_swap_and_ephemeral_files_of_the_instances_flavors_are_kept(
        conf, base_dir):
    swap = _base_file(base_dir, 'swap_512', age=2 * DAY)
    ephemeral = _base_file(base_dir, 'ephemeral_1_ext4', age=2 * DAY)
    flavor = fx.make_flavor(swap=512, ephemeral_gb=1)
    _update(conf, [fx.make_instance(flavor=flavor)])
    assert os.path.exists(swap)
    assert os.path.exists(ephemeral)


def test_unused_old_swap_and_ephemeral_files_are_removed(conf, base_dir):
    swap = _base_file(base_dir, 'swap_512', age=DAY + 60)
    ephemeral = _base_file(base_dir, 'ephemeral_1_ext4', age=DAY + 60)
    flavor = fx.make_flavor(swap=1024, ephemeral_gb=2)
    _update(conf, [fx.make_instance(flavor=flavor)])
    assert not os.path.exists(swap)
    assert not os.path.exists(ephemeral)


def test_files_that_are_not_base_files_are_left_alone(conf, base_dir):
    # A download in progress and something an operator put there.
    paths = [_base_file(base_dir, name, age=2 * DAY) for name in (
        imagecache.get_cache_fname(OTHER_IMAGE_ID) + '.part', 'README')]
    _update(conf)
    assert all(os.path.exists(path) for path in paths)


def test_a_missing_cache_directory_is_not_an_error(conf):
    _update(conf, [fx.make_instance()])
    assert not os.path.exists(imagebackend.base_dir(conf.instances_path))


def _hold_lock(conf, name, action='release'):
    proc = subprocess.Popen(
        [sys.executable, '-c', HOLD_LOCK, conf.instances_path, name,
         action], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == 'held'
    return proc


def _release(proc):
    proc.stdin.write('\n')
    proc.stdin.flush()
    assert proc.wait(timeout=30) == 0


def test_a_fill_holding_the_lock_blocks_the_removal(conf, base_dir):
    name = imagecache.get_cache_fname(OTHER_IMAGE_ID)
    base = _base_file(base_dir, name, age=2 * DAY)
    holder = _hold_lock(conf, name)
    try:
        cache_pass = threading.Thread(target=_update, args=(conf,))
        cache_pass.start()
        cache_pass.join(1.0)
        assert cache_pass.is_alive()
        assert os.path.exists(base)
    finally:
        _release(holder)
    cache_pass.join(30)
    assert not os.path.exists(base)


def _pass_waiting_for(conf, name, action):
    """Run a pass while another process holds ``name``'s lock and does
    ``action`` to the file before releasing it; return the pass's error."""
    errors = []

    def cache_pass():
        try:
            _update(conf)
        except Exception as e:
            errors.append(e)

    holder = _hold_lock(conf, name, action)
    try:
        thread = threading.Thread(target=cache_pass)
        thread.start()
        thread.join(1.0)
    finally:
        _release(holder)
    thread.join(30)
    return errors


def test_a_base_file_filled_while_the_pass_waited_is_kept(conf, base_dir):
    name = imagecache.get_cache_fname(OTHER_IMAGE_ID)
    base = _base_file(base_dir, name, age=2 * DAY)
    assert _pass_waiting_for(conf, name, 'touch') == []
    assert os.path.exists(base)


def test_a_base_file_removed_while_the_pass_waited_is_no_error(conf,
                                                               base_dir):
    name = imagecache.get_cache_fname(OTHER_IMAGE_ID)
    _base_file(base_dir, name, age=2 * DAY)
    assert _pass_waiting_for(conf, name, 'remove') == []


def test_a_base_file_that_cannot_be_removed_does_not_stop_the_pass(
        conf, base_dir):
    # A directory where a base file should be: os.remove() refuses it.
    stuck = os.path.join(base_dir, imagecache.get_cache_fname(fx.IMAGE_ID))
    os.mkdir(stuck)
    _age(stuck, 2 * DAY)
    base = _base_file(base_dir, imagecache.get_cache_fname(OTHER_IMAGE_ID),
                      age=2 * DAY)
    _update(conf)
    assert os.path.isdir(stuck)
    assert not os.path.exists(base)


def test_a_disk_made_from_a_cached_base_waits_for_its_lock(conf, base_dir):
    # Otherwise a pass could remove the base between the build finding it
    # there and making the disk's overlay of it.
    name = imagecache.get_cache_fname(OTHER_IMAGE_ID)
    base = _base_file(base_dir, name, age=2 * DAY)
    instance = fx.make_instance()
    inst_dir = os.path.join(conf.instances_path, instance.uuid)
    os.makedirs(inst_dir)
    disk = imagebackend.Backend('qcow2', conf.instances_path).by_name(
        inst_dir, 'disk')
    holder = _hold_lock(conf, name)
    try:
        build = threading.Thread(target=disk.cache, kwargs=dict(
            fetch_func=None, filename=name))
        build.start()
        build.join(1.0)
        assert build.is_alive()
        assert not disk.exists()
    finally:
        _release(holder)
    build.join(30)
    assert disk.exists()
    assert time.time() - os.path.getmtime(base) < 60


def test_the_driver_ages_the_cache_in_its_configured_subdirectory(
        conf, tmp_path):
    conf.set_override('subdirectory_name', '_cache', group='image_cache')
    drv = libvirt_driver.LibvirtDriver(None, conf)
    instance = fx.make_instance()
    inst_dir = os.path.join(conf.instances_path, instance.uuid)
    os.makedirs(inst_dir)
    disk = drv.image_backend.by_name(inst_dir, 'disk')
    source = fx.make_disk_image(tmp_path / 'image.raw', 'raw')
    disk.cache(fetch_func=lambda target: os.link(source, target),
               filename=imagecache.get_cache_fname(OTHER_IMAGE_ID))
    base = os.path.join(conf.instances_path, '_cache',
                        imagecache.get_cache_fname(OTHER_IMAGE_ID))
    assert os.path.exists(base)
    _age(base, 2 * DAY)
    drv.manage_image_cache(None, [fx.make_instance()])
    assert not os.path.exists(base)


class PeriodicTasks:
    """The part of a compute manager that runs the cache pass."""

    def __init__(self, conf):
        self.conf = conf

    @base_imagecache.every_manager_interval
    def run_image_cache_pass(self, context):
        _update(self.conf)


def _old_unused_base(base_dir, image_id):
    return _base_file(base_dir, imagecache.get_cache_fname(image_id),
                      age=2 * DAY)


def test_no_pass_runs_with_a_manager_interval_of_minus_one(conf, base_dir):
    conf.set_override('manager_interval', -1, group='image_cache')
    base = _old_unused_base(base_dir, OTHER_IMAGE_ID)
    PeriodicTasks(conf).run_image_cache_pass(None)
    assert os.path.exists(base)


def test_a_pass_runs_at_every_periodic_run_with_an_interval_of_zero(
        conf, base_dir):
    conf.set_override('manager_interval', 0, group='image_cache')
    tasks = PeriodicTasks(conf)
    first = _old_unused_base(base_dir, OTHER_IMAGE_ID)
    tasks.run_image_cache_pass(None)
    second = _old_unused_base(base_dir, fx.IMAGE_ID)
    tasks.run_image_cache_pass(None)
    assert not os.path.exists(first)
    assert not os.path.exists(second)


def test_no_second_pass_runs_before_the_interval_has_passed(conf,
                                                            base_dir):
    tasks = PeriodicTasks(conf)  # the default interval: 2400 s
    first = _old_unused_base(base_dir, OTHER_IMAGE_ID)
    tasks.run_image_cache_pass(None)
    second = _old_unused_base(base_dir, fx.IMAGE_ID)
    tasks.run_image_cache_pass(None)
    assert not os.path.exists(first)
    assert os.path.exists(second)


def test_a_failing_pass_does_not_stop_the_periodic_tasks(conf, base_dir,
                                                         caplog):
    # A disk qemu-img cannot read (a directory): the pass cannot tell what
    # is in use, so it removes nothing.
    instance = fx.make_instance()
    os.makedirs(os.path.join(conf.instances_path, instance.uuid, 'disk'))

    class Failing(PeriodicTasks):
        @base_imagecache.every_manager_interval
        def run_image_cache_pass(self, context):
            _update(self.conf, [instance])

    base = _old_unused_base(base_dir, OTHER_IMAGE_ID)
    Failing(conf).run_image_cache_pass(None)
    assert os.path.exists(base)
    assert 'Error during run_image_cache_pass' in caplog.text
