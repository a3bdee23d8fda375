"""The libvirt driver's image cache manager: ages the base files of
``<instances_path>/<[image_cache] subdirectory_name>``.

Names in the cache, as the driver and Nova make them:

* ``<sha1 of the image id>``: an image as downloaded ("original"),
* ``<sha1>_<suffix>``: a resized copy of one (older Nova releases),
* ``ephemeral_<GiB>_<fs>`` and ``swap_<MiB>``: blank ephemeral and swap
  disks.

A base file is in use when an instance of this host was made from its
image, has the flavor its blank disk is for, or has a disk whose backing
file it is. Unused ones are removed once their modification time (which
every use refreshes) is older than the minimum age, under the external
lock the cache fill takes, so a build filling or taking the file at that
moment is never left without it. Anything else in the directory (e.g. a
download in progress, ``<sha1>.part``) is left alone.
"""

import dataclasses
import hashlib
import os
import re
import time

from oslo_log import log as logging

from nova_lite import exception
from nova_lite.virt import imagecache
from nova_lite.virt import images
from nova_lite.virt.libvirt import imagebackend

LOG = logging.getLogger(__name__)

_ORIGINAL = re.compile(r'^[0-9a-f]{40}$')
_RESIZED = re.compile(r'^([0-9a-f]{40})_\w+$')
_EPHEMERAL = re.compile(r'^ephemeral_(\d+)_\w+$')
_SWAP = re.compile(r'^swap_(\d+)$')
# Instance disks that may have a base file as their backing file.
BACKED_DISKS = ('disk', 'disk.local', 'disk.swap')


def get_cache_fname(image_id):
    """The name of the cached copy of image ``image_id``."""
    return hashlib.sha1(image_id.encode('utf-8')).hexdigest()


@dataclasses.dataclass(frozen=True)
class UsedBaseFiles:
    """What the instances of a host need from the cache: base file names,
    and the sizes of their blank ephemeral disks (whose file system part
    of the name the driver picks)."""

    names: frozenset
    ephemeral_gb: frozenset

    def __contains__(self, name):
        resized = _RESIZED.match(name)
        ephemeral = _EPHEMERAL.match(name)
        return (name in self.names or
                bool(resized and resized.group(1) in self.names) or
                bool(ephemeral and
                     int(ephemeral.group(1)) in self.ephemeral_gb))


class ImageCacheManager(imagecache.ImageCacheManager):
    """One pass over the cache: keep what is used, remove what is old."""

    def __init__(self, conf):
        super().__init__(conf)
        self.instances_path = conf.instances_path
        self.base_dir = imagebackend.base_dir(
            conf.instances_path, conf.image_cache.subdirectory_name)

    def update(self, context, all_instances):
        """Keep the base files ``all_instances`` (the instances of this
        host) use, refreshing their modification time, and remove the
        others once older than the minimum age, unless
        ``[image_cache] remove_unused_base_images`` is False."""
        if not os.path.isdir(self.base_dir):
            LOG.debug('No image cache at %s yet', self.base_dir)
            return
        in_use = self._used_base_files(all_instances)
        for name in sorted(os.listdir(self.base_dir)):
            min_age = self._minimum_age(name)
            if min_age is None:
                continue
            path = os.path.join(self.base_dir, name)
            if name in in_use:
                LOG.info('Base file %s is in use', path)
                os.utime(path, None)
            elif not self.conf.image_cache.remove_unused_base_images:
                LOG.info('Base file %s is unused; kept, removing unused '
                         'base images is off', path)
            else:
                self._remove_old_enough_file(name, min_age)

    def _minimum_age(self, name):
        """How old an unused ``name`` must be to go, None if it is not a
        base file."""
        cache_conf = self.conf.image_cache
        if _RESIZED.match(name):
            return cache_conf.remove_unused_resized_minimum_age_seconds
        if _ORIGINAL.match(name) or _EPHEMERAL.match(name) or \
                _SWAP.match(name):
            return cache_conf.remove_unused_original_minimum_age_seconds
        return None

    def _used_base_files(self, all_instances):
        """The base files the instances need: their images', their
        flavors' blank disks, and the backing files of their disks."""
        names = {get_cache_fname(image_id)
                 for image_id in self.used_image_ids(all_instances)}
        ephemeral_gb = set()
        for instance in all_instances:
            flavor = instance.obj_get('flavor')
            if flavor is not None and flavor.swap:
                names.add('swap_%d' % flavor.swap)
            if flavor is not None and flavor.ephemeral_gb:
                ephemeral_gb.add(flavor.ephemeral_gb)
            names.update(self._backing_files(instance))
        return UsedBaseFiles(frozenset(names), frozenset(ephemeral_gb))

    def _backing_files(self, instance):
        """Base file names backing the instance's disks on this host."""
        inst_dir = os.path.join(self.instances_path, instance.uuid)
        names = set()
        for disk in BACKED_DISKS:
            path = os.path.join(inst_dir, disk)
            # Any other error than a missing disk ends the pass: not
            # knowing what is in use, it must not remove anything.
            try:
                backing = images.qemu_img_info(path).backing_file
            except exception.DiskNotFound:
                continue
            if backing:
                LOG.debug('%s is backed by %s', path, backing,
                          instance=instance)
                names.add(os.path.basename(backing))
        return names

    @staticmethod
    def _age(path):
        """Seconds since ``path`` was last modified, None if it is gone."""
        try:
            return time.time() - os.path.getmtime(path)
        except FileNotFoundError:
            return None

    def _remove_old_enough_file(self, name, min_age):
        path = os.path.join(self.base_dir, name)
        age = self._age(path)
        if age is None:
            return
        if age < min_age:
            LOG.info('Base file %s is unused but too young to remove '
                     '(%d s < %d s)', path, age, min_age)
            return
        with imagebackend.cache_lock(self.instances_path, name):
            # A build may have filled or taken the file while this pass
            # waited for the lock; either made it young again.
            age = self._age(path)
            if age is None or age < min_age:
                LOG.info('Base file %s was used meanwhile; kept', path)
                return
            LOG.info('Removing unused base file %s (last used %d s ago)',
                     path, age)
            try:
                os.remove(path)
            except OSError as e:
                LOG.error('Failed to remove %(path)s: %(error)s',
                          {'path': path, 'error': e})
