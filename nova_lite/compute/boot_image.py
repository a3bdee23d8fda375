"""What a server takes from the image it boots from: whether the flavor
fits the image, the disk config it inherits, and what of the image the
instance keeps in its system metadata."""

from oslo_utils import strutils

from nova_lite import exception
from nova_lite import utils

GiB = 1024 ** 3

# Image properties too large for system_metadata (Nova's SM_SKIP_KEYS).
_SKIPPED_PROPERTIES = frozenset(('mappings', 'block_device_mapping',
                                 'img_mappings', 'img_block_device_mapping'))


def check_image(image, flavor):
    """Nova's _validate_flavor_image_nostatus, for image-backed servers."""
    if image['status'] != 'active':
        raise exception.ImageNotActive(image_id=image['id'])
    if flavor.memory_mb < (image.get('min_ram') or 0):
        raise exception.FlavorMemoryTooSmall()
    root_bytes = flavor.root_gb * GiB
    if flavor.root_gb == 0:
        return  # the root disk takes the image's size
    if (image.get('size') or 0) > root_bytes:
        raise exception.FlavorDiskSmallerThanImage(
            flavor_size=root_bytes, image_size=image['size'])
    if (image.get('min_disk') or 0) * GiB > root_bytes:
        raise exception.FlavorDiskSmallerThanMinDisk(
            flavor_size=root_bytes, image_min_disk=image['min_disk'] * GiB)


def system_metadata(image):
    """What Nova keeps of the image in system_metadata: its formats,
    minima and properties as ``image_<key>`` (cut to the 255 bytes a
    value may have; the block device mappings, which would not fit, are
    left out), so that the compute host can rebuild the guest's XML later
    without asking the image service."""
    values = {'image_%s' % k: str(v) for k, v in (
        ('disk_format', image['disk_format']),
        ('container_format', image['container_format']),
        ('min_disk', image['min_disk']), ('min_ram', image['min_ram']),
        ('base_image_ref', image['id']))}
    for key, value in (image.get('properties') or {}).items():
        if key not in _SKIPPED_PROPERTIES:
            values['image_%s' % key] = utils.safe_truncate(str(value), 255)
    return values


def auto_disk_config(image, requested):
    """The instance's auto_disk_config: the one requested (True for
    AUTO, False for MANUAL, None for neither), else the image's
    ``auto_disk_config`` property. AutoDiskConfigDisabledByImage if AUTO
    is asked of an image whose property says 'disabled'."""
    image_value = (image.get('properties') or {}).get('auto_disk_config')
    if requested and image_value is not None and \
            str(image_value).strip().lower() == 'disabled':
        raise exception.AutoDiskConfigDisabledByImage(image=image['id'])
    if requested is None:
        return strutils.bool_from_string(image_value)
    return requested
