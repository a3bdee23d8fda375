"""Image cache and disk backends, with real qemu-img on tiny images."""

import os
import threading

import pytest

from nova_lite import exception
from nova_lite.virt import images
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import imagebackend
from tests.unit.virt.libvirt import conftest as fx

MiB = 1024 * 1024


@pytest.fixture
def instances_path(tmp_path):
    path = tmp_path / 'instances'
    (path / 'inst').mkdir(parents=True)
    return str(path)


class FetchCounter:
    """A fetch function that copies a source image and counts calls."""

    def __init__(self, source):
        self.source = source
        self.calls = 0
        self._lock = threading.Lock()

    def __call__(self, target):
        with self._lock:
            self.calls += 1
        images.fetch_to_raw(None, fx.make_image_meta(self.source), target)


def _backend(images_type, instances_path):
    return imagebackend.Backend(images_type, instances_path)


def test_backend_by_name(instances_path):
    backend = _backend('qcow2', instances_path)
    disk = backend.by_name('/i/u', 'disk')
    assert isinstance(disk, imagebackend.Qcow2)
    assert disk.path == '/i/u/disk'
    assert isinstance(backend.by_name('/i/u', 'disk.config', 'raw'),
                      imagebackend.Flat)
    assert _backend('flat', instances_path).backend() is imagebackend.Flat
    assert _backend('raw', instances_path).backend() is imagebackend.Flat


def test_backend_unknown_type(instances_path):
    with pytest.raises(exception.InvalidInput):
        _backend('lvm', instances_path)


def test_qcow2_overlay_on_cached_base(instances_path, qcow2_image):
    inst_dir = os.path.join(instances_path, 'inst')
    disk = _backend('qcow2', instances_path).by_name(inst_dir, 'disk')
    fetch = FetchCounter(qcow2_image)
    disk.cache(fetch_func=fetch, filename='abc', size=4 * MiB)

    base = os.path.join(instances_path, '_base', 'abc')
    base_info = images.qemu_img_info(base)
    assert base_info.file_format == 'raw'  # force_raw_images
    info = images.qemu_img_info(disk.path)
    assert info.file_format == 'qcow2'
    assert info.backing_file == base
    assert info.virtual_size == 4 * MiB
    assert fetch.calls == 1


def test_qcow2_without_resize_keeps_image_size(instances_path, qcow2_image):
    inst_dir = os.path.join(instances_path, 'inst')
    disk = _backend('qcow2', instances_path).by_name(inst_dir, 'disk')
    disk.cache(fetch_func=FetchCounter(qcow2_image), filename='abc')
    assert images.qemu_img_info(disk.path).virtual_size == MiB


def test_cache_fetches_once_for_many_disks(instances_path, qcow2_image):
    backend = _backend('qcow2', instances_path)
    fetch = FetchCounter(qcow2_image)
    disks = []
    for idx in range(4):
        inst_dir = os.path.join(instances_path, 'inst%d' % idx)
        os.makedirs(inst_dir)
        disks.append(backend.by_name(inst_dir, 'disk'))
    threads = [threading.Thread(target=d.cache,
                                kwargs=dict(fetch_func=fetch,
                                            filename='shared'))
               for d in disks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fetch.calls == 1
    assert all(d.exists() for d in disks)
    assert os.path.isdir(os.path.join(instances_path, 'locks'))


def test_disk_smaller_than_image_refused(instances_path, tmp_path):
    source = fx.make_disk_image(tmp_path / 'big.qcow2', size='8M')
    inst_dir = os.path.join(instances_path, 'inst')
    disk = _backend('qcow2', instances_path).by_name(inst_dir, 'disk')
    with pytest.raises(exception.FlavorDiskSmallerThanImage):
        disk.cache(fetch_func=FetchCounter(source), filename='big',
                   size=4 * MiB)
    assert not disk.exists()


def test_flat_copies_and_resizes(instances_path, qcow2_image):
    inst_dir = os.path.join(instances_path, 'inst')
    disk = _backend('flat', instances_path).by_name(inst_dir, 'disk')
    disk.cache(fetch_func=FetchCounter(qcow2_image), filename='abc',
               size=2 * MiB)
    info = images.qemu_img_info(disk.path)
    assert info.file_format == 'raw'
    assert info.backing_file is None
    assert info.virtual_size == 2 * MiB
    # A fresh object on the existing file finds its format again.
    again = _backend('flat', instances_path).by_name(inst_dir, 'disk')
    assert again.driver_format == 'raw'


def test_flat_keeps_qcow2_base_format(instances_path, tmp_path):
    base_dir = imagebackend.base_dir(instances_path)
    os.makedirs(base_dir)
    fx.make_disk_image(os.path.join(base_dir, 'q'), 'qcow2')
    inst_dir = os.path.join(instances_path, 'inst')
    disk = _backend('raw', instances_path).by_name(inst_dir, 'disk')
    disk.cache(fetch_func=None, filename='q')
    assert disk.driver_format == 'qcow2'
    assert images.qemu_img_info(disk.path).file_format == 'qcow2'


def test_libvirt_info(instances_path):
    disk = _backend('qcow2', instances_path).by_name('/i/u', 'disk')
    mapping = blockinfo.DiskMapping(bus='virtio', dev='vda', boot_index=1)
    conf = disk.libvirt_info(mapping, 'none')
    assert (conf.source_path, conf.driver_format, conf.driver_cache,
            conf.target_dev, conf.target_bus, conf.readonly) == \
        ('/i/u/disk', 'qcow2', 'none', 'vda', 'virtio', False)
    cdrom = blockinfo.DiskMapping(bus='ide', dev='hda', type='cdrom')
    flat = _backend('qcow2', instances_path).by_name('/i/u', 'disk.config',
                                                     'raw')
    conf = flat.libvirt_info(cdrom, 'none')
    assert conf.source_device == 'cdrom' and conf.readonly


def test_fetch_to_raw_keeps_format_without_force(tmp_path, qcow2_image):
    target = str(tmp_path / 'kept')
    images.fetch_to_raw(None, fx.make_image_meta(qcow2_image), target,
                        force_raw=False)
    assert images.qemu_img_info(target).file_format == 'qcow2'
    assert sorted(os.listdir(tmp_path)) == ['cirros.qcow2', 'kept']


def test_fetch_refuses_backing_file(tmp_path):
    base = fx.make_disk_image(tmp_path / 'base.raw', 'raw')
    evil = fx.make_disk_image(tmp_path / 'evil.qcow2', backing=base)
    target = str(tmp_path / 'target')
    with pytest.raises(exception.ImageUnacceptable):
        images.fetch_to_raw(None, fx.make_image_meta(evil), target)
    assert not os.path.exists(target)
    assert not os.path.exists(target + '.part')


def test_fetch_needs_file_url(tmp_path):
    meta = fx.make_image_meta(direct_url='http://example.invalid/image')
    with pytest.raises(exception.ImageUnacceptable):
        images.fetch(None, meta, str(tmp_path / 'x'))
    with pytest.raises(exception.ImageUnacceptable):
        images.fetch(None, fx.make_image_meta(), str(tmp_path / 'x'))


def test_fetch_missing_file(tmp_path):
    meta = fx.make_image_meta(str(tmp_path / 'nope'))
    with pytest.raises(exception.ImageNotFound):
        images.fetch(None, meta, str(tmp_path / 'x'))


def test_qemu_img_info_missing(tmp_path):
    with pytest.raises(exception.DiskNotFound):
        images.qemu_img_info(str(tmp_path / 'missing'))
