"""The image service's API: a small Glance with a file store.

Images live as ``<[image] store_dir>/<uuid>`` with a row in the ``images``
table; compute hosts read the data through the image's ``file://``
direct URL, so they need no database.
"""

import hashlib
import os
import shutil

from oslo_utils import uuidutils

from nova_lite import exception
from nova_lite import objects
from nova_lite.virt import images


class API(object):
    """Create, show, list and delete images."""

    def __init__(self, conf):
        self.conf = conf

    def get(self, context, image_id):
        """The image as a dict (Glance v2 fields plus ``direct_url``);
        ImageNotFound when missing."""
        if not uuidutils.is_uuid_like(image_id):
            raise exception.ImageNotFound(image_id=image_id)
        return _to_dict(objects.Image.get_by_uuid(context, image_id))

    def get_all(self, context):
        return [_to_dict(image) for image in
                objects.ImageList.get_all(context)]

    def create(self, context, name, path, disk_format=None,
               container_format='bare', min_disk=0, min_ram=0,
               properties=None, image_id=None):
        """Copy the file at ``path`` into the store and register it."""
        image_id = image_id or uuidutils.generate_uuid()
        os.makedirs(self.conf.image.store_dir, exist_ok=True)
        target = os.path.join(self.conf.image.store_dir, image_id)
        shutil.copyfile(path, target + '.part')
        os.rename(target + '.part', target)
        info = images.qemu_img_info(target)
        image = objects.Image(
            context, uuid=image_id, name=name, status='active',
            disk_format=disk_format or info.file_format,
            container_format=container_format,
            size=os.path.getsize(target), virtual_size=info.virtual_size,
            checksum=_md5(target), min_disk=min_disk, min_ram=min_ram,
            visibility='public', owner=context.project_id,
            location='file://' + os.path.abspath(target),
            properties=properties or {})
        image.create()
        return _to_dict(image)

    def delete(self, context, image_id):
        image = objects.Image.get_by_uuid(context, image_id)
        image.destroy()
        path = os.path.join(self.conf.image.store_dir, image_id)
        if os.path.exists(path):
            os.unlink(path)


def _md5(path):
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            digest.update(chunk)
    return digest.hexdigest()


def _to_dict(image):
    # Glance sets updated_at when it creates an image; an image of ours
    # never updated was last updated when it was created.
    return {
        'id': image.uuid, 'name': image.name, 'status': image.status,
        'disk_format': image.disk_format,
        'container_format': image.container_format, 'size': image.size,
        'virtual_size': image.virtual_size, 'checksum': image.checksum,
        'min_disk': image.min_disk, 'min_ram': image.min_ram,
        'owner': image.owner, 'visibility': image.visibility,
        'created_at': image.created_at,
        'updated_at': image.updated_at or image.created_at,
        'direct_url': image.location, 'properties': dict(image.properties),
    }
