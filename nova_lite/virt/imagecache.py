"""What image cache management shares across virt drivers: when the
manager's pass runs, and which images the instances of a host use (Nova's
nova/virt/imagecache.py; the libvirt driver's manager does the rest)."""

from oslo_log import log as logging

from nova_lite import manager

LOG = logging.getLogger(__name__)

# The spacing of the compute manager's image cache pass.
every_manager_interval = manager.periodic_task(
    lambda conf: conf.image_cache.manager_interval)

# Instance fields naming an image whose cached copy the instance needs.
IMAGE_KEYS = ('image_ref', 'kernel_id', 'ramdisk_id')


class ImageCacheManager(object):
    """Base class of the drivers' image cache managers."""

    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def used_image_ids(all_instances):
        """The ids of the images ``all_instances`` were made from."""
        used = set()
        for instance in all_instances:
            for key in IMAGE_KEYS:
                image_id = instance.obj_get(key)
                if image_id:
                    used.add(image_id)
        return used

    def update(self, context, all_instances):
        """Keep the cached images ``all_instances`` (the instances of this
        host) use; remove the others once old enough."""
        raise NotImplementedError()
