"""How instance disks are stored, and the image cache they are made from.

Base images (downloaded Glance images, blank ephemeral and swap disks) are
kept once per host in ``<instances_path>/<[image_cache] subdirectory_name>/``
(``_base``); each instance disk is made from one of them:

* ``Qcow2``: a copy-on-write qcow2 overlay whose backing file is the base,
* ``Flat``: a full copy of the base (``raw``/``flat``).
"""

import abc
import os
import shutil

from oslo_concurrency import lockutils
from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import fileutils

from nova_lite import exception
from nova_lite.virt import images
from nova_lite.virt.libvirt import config as vconfig

LOG = logging.getLogger(__name__)


def base_dir(instances_path, subdirectory_name='_base'):
    """Where the image cache lives (``[image_cache] subdirectory_name``)."""
    return os.path.join(instances_path, subdirectory_name)


def lock_dir(instances_path):
    """Where the image cache's file locks live.

    Next to the cache rather than in ``[oslo_concurrency]lock_path``, as in
    Nova, so every process sharing an instances path shares the locks.
    """
    return os.path.join(instances_path, 'locks')


def cache_lock(instances_path, filename):
    """The external lock of base file ``filename``: held while the file is
    filled and while the image cache manager removes it, so neither sees
    the other's half-done work."""
    return lockutils.lock(filename, lock_file_prefix='nova-lite-',
                          external=True, lock_path=lock_dir(instances_path))


def fill_base(instances_path, filename, target, fetch_func, **kwargs):
    """Write base file ``target`` (named ``filename``) with
    ``fetch_func(target=target, **kwargs)`` unless it exists, in which
    case only its modification time is refreshed; under the file's cache
    lock, so a host fetches a base once whoever asks for it first (a build
    or a pre-cache request). Returns whether it was fetched."""
    with cache_lock(instances_path, filename):
        if os.path.exists(target):
            # Touched under the lock the cache manager removes under: it
            # finds the base young and keeps it.
            os.utime(target, None)
            return False
        fetch_func(target=target, **kwargs)
        return True


class Image(metaclass=abc.ABCMeta):
    """One instance disk, made from a cached base image."""

    def __init__(self, path, instances_path, driver_format,
                 cache_subdirectory='_base'):
        self.path = path
        self.instances_path = instances_path
        self.driver_format = driver_format
        self.cache_subdirectory = cache_subdirectory

    @property
    def base_dir(self):
        return base_dir(self.instances_path, self.cache_subdirectory)

    @property
    def lock_path(self):
        return lock_dir(self.instances_path)

    def exists(self):
        return os.path.exists(self.path)

    @abc.abstractmethod
    def create_image(self, prepare_template, base, size, **kwargs):
        """Create this disk from ``base``, calling ``prepare_template``
        first: it fills the cache when ``base`` does not exist yet and
        marks it in use when it does.

        :param prepare_template: callable(target=base, **kwargs)
        :param base: path of the base image in the cache
        :param size: wanted virtual size in bytes, or None for the base's
        """

    def cache(self, fetch_func, filename, size=None, **kwargs):
        """Create this disk, filling the image cache first if needed.

        ``fetch_func(target=path, **kwargs)`` writes the base image; it runs
        at most once per base image and host, under an external lock, so
        concurrent builds from the same image download it once.
        """
        base = os.path.join(self.base_dir, filename)

        def fetch_func_sync(target, **kw):
            fill_base(self.instances_path, filename, target, fetch_func,
                      **kw)

        fileutils.ensure_tree(self.base_dir)
        fileutils.ensure_tree(self.lock_path)
        if not self.exists() or not os.path.exists(base):
            self.create_image(fetch_func_sync, base, size, **kwargs)
        if os.path.exists(base):
            # A fresh mtime marks the base as in use for cache cleanup.
            os.utime(base, None)

    @staticmethod
    def verify_base_size(base, size, base_size=None):
        """Refuse a disk smaller than its image; return the base size."""
        if base_size is None:
            base_size = images.qemu_img_info(base).virtual_size
        if size and size < base_size:
            raise exception.FlavorDiskSmallerThanImage(
                flavor_size=size, image_size=base_size)
        return base_size

    def resize(self, size, fmt):
        processutils.execute('qemu-img', 'resize', '-f', fmt, self.path,
                             str(size))

    def libvirt_info(self, disk_mapping, cache_mode, boot_order=None):
        """Return the LibvirtConfigGuestDisk attaching this disk."""
        disk = vconfig.LibvirtConfigGuestDisk()
        disk.source_type = 'file'
        disk.source_device = disk_mapping.type
        disk.driver_format = self.driver_format
        disk.driver_cache = cache_mode
        disk.source_path = self.path
        disk.target_dev = disk_mapping.dev
        disk.target_bus = disk_mapping.bus
        disk.readonly = disk_mapping.type == 'cdrom'
        disk.boot_order = boot_order
        return disk


class Qcow2(Image):
    """A qcow2 overlay on top of the cached base image."""

    def __init__(self, path, instances_path, cache_subdirectory='_base'):
        super().__init__(path, instances_path, 'qcow2', cache_subdirectory)

    def create_image(self, prepare_template, base, size, **kwargs):
        prepare_template(target=base, **kwargs)
        info = images.qemu_img_info(base)
        self.verify_base_size(base, size, info.virtual_size)
        if self.exists():
            return
        with fileutils.remove_path_on_error(self.path):
            processutils.execute(
                'qemu-img', 'create', '-f', 'qcow2', '-F', info.file_format,
                '-b', base, self.path)
            if size and size > info.virtual_size:
                self.resize(size, 'qcow2')


class Flat(Image):
    """A standalone copy of the cached base image."""

    def __init__(self, path, instances_path, cache_subdirectory='_base'):
        super().__init__(path, instances_path, 'raw', cache_subdirectory)
        if self.exists():
            # An existing copy keeps whatever format its base had.
            self.driver_format = images.qemu_img_info(path).file_format

    def create_image(self, prepare_template, base, size, **kwargs):
        prepare_template(target=base, **kwargs)
        info = images.qemu_img_info(base)
        self.verify_base_size(base, size, info.virtual_size)
        # Without force_raw_images the base may be qcow2; the copy keeps
        # the base's format and libvirt is told so.
        self.driver_format = info.file_format
        if self.exists():
            return
        with fileutils.remove_path_on_error(self.path):
            shutil.copyfile(base, self.path)
            if size and size > info.virtual_size:
                self.resize(size, info.file_format)


class Backend:
    """Picks the Image class for a disk from ``[libvirt]images_type``;
    ``cache_subdirectory`` is ``[image_cache] subdirectory_name``."""

    BACKENDS = {'qcow2': Qcow2, 'raw': Flat, 'flat': Flat}

    def __init__(self, images_type, instances_path,
                 cache_subdirectory='_base'):
        if images_type not in self.BACKENDS:
            raise exception.InvalidInput(
                reason='unknown images_type %s' % images_type)
        self.images_type = images_type
        self.instances_path = instances_path
        self.cache_subdirectory = cache_subdirectory

    def backend(self, image_type=None):
        return self.BACKENDS[image_type or self.images_type]

    def cache_base(self, filename, fetch_func):
        """Fill base file ``filename`` of the image cache as a disk's
        cache() does, without making a disk (a pre-cache request);
        returns whether it was fetched (see fill_base)."""
        cache_dir = base_dir(self.instances_path, self.cache_subdirectory)
        fileutils.ensure_tree(cache_dir)
        fileutils.ensure_tree(lock_dir(self.instances_path))
        return fill_base(self.instances_path, filename,
                         os.path.join(cache_dir, filename), fetch_func)

    def by_name(self, instance_dir, name, image_type=None):
        """Return the Image for disk ``name`` of the instance directory."""
        cls = self.backend(image_type)
        return cls(os.path.join(instance_dir, name), self.instances_path,
                   self.cache_subdirectory)
