"""Getting image files onto the compute host and asking qemu-img about them.

The compute service has no database and no image API client: the image
metadata it receives carries a ``direct_url`` (``file:///path``) naming the
image file, which is copied into place. An image known only by its id (a
pre-cache request) has its metadata read through the conductor.
"""

import dataclasses
import os
import shutil
import urllib.parse

from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova_lite import exception
from nova_lite import objects

LOG = logging.getLogger(__name__)

# qemu-img reading a hostile image can be made to use lots of memory and CPU;
# the same limits Nova uses keep a bad image from hurting the host.
QEMU_IMG_LIMITS = processutils.ProcessLimits(cpu_time=30,
                                             address_space=1024 ** 3)


@dataclasses.dataclass(frozen=True)
class ImageInfo:
    """What ``qemu-img info`` says about a file."""

    file_format: str
    virtual_size: int
    disk_size: int = 0
    backing_file: str | None = None


def _meta_value(image_meta, name):
    # An unset field of a versioned object raises instead of returning None.
    is_set = getattr(image_meta, 'obj_attr_is_set', None)
    if is_set is not None and not is_set(name):
        return None
    return getattr(image_meta, name, None)


def _image_source_path(image_meta):
    """Return the local file named by the image's ``file://`` direct_url."""
    url = _meta_value(image_meta, 'direct_url')
    image_id = _meta_value(image_meta, 'id')
    if not url:
        raise exception.ImageUnacceptable(image_id=image_id,
                                          reason='it has no direct_url')
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme != 'file':
        raise exception.ImageUnacceptable(
            image_id=image_id,
            reason='direct_url scheme %r is not file' % parsed.scheme)
    path = urllib.parse.unquote(parsed.path)
    if not os.path.isfile(path):
        raise exception.ImageNotFound(image_id=image_id)
    return path


def get_image_meta(context, image_id):
    """The ImageMeta (with its ``direct_url``) of image ``image_id`` as
    the image service has it; ImageNotFound if it has none."""
    return objects.Image.get_by_uuid(context, image_id).to_image_meta()


def fetch(context, image_meta, path):
    """Copy the image named by ``image_meta.direct_url`` to ``path``.

    The copy goes to a temporary name first and is renamed at the end, so
    ``path`` either does not exist or holds the whole image.
    """
    source = _image_source_path(image_meta)
    tmp = '%s.part' % path
    LOG.debug('Fetching image %(id)s from %(src)s to %(dst)s',
              {'id': _meta_value(image_meta, 'id'), 'src': source,
               'dst': path})
    try:
        shutil.copyfile(source, tmp)
        os.rename(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def qemu_img_info(path):
    """Return an ImageInfo for ``path`` from ``qemu-img info``."""
    if not os.path.exists(path):
        raise exception.DiskNotFound(location=path)
    out, _err = processutils.execute(
        'env', 'LC_ALL=C', 'LANG=C', 'qemu-img', 'info', '--output=json',
        '--force-share', path, prlimit=QEMU_IMG_LIMITS)
    data = jsonutils.loads(out)
    return ImageInfo(file_format=data['format'],
                     virtual_size=int(data['virtual-size']),
                     disk_size=int(data.get('actual-size', 0)),
                     backing_file=data.get('backing-filename'))


def convert_image(source, dest, in_format, out_format):
    """Convert ``source`` to ``dest`` with qemu-img (no cache on writes)."""
    processutils.execute('qemu-img', 'convert', '-t', 'none', '-O',
                         out_format, '-f', in_format, source, dest)


def fetch_to_raw(context, image_meta, path, force_raw=True):
    """Fetch the image to ``path``, converting it to raw if asked to.

    Backing files in a downloaded image are refused: the image would then
    read arbitrary host files.
    """
    part = '%s.part' % path
    fetch(context, image_meta, part)
    try:
        info = qemu_img_info(part)
        if info.backing_file is not None:
            raise exception.ImageUnacceptable(
                image_id=_meta_value(image_meta, 'id'),
                reason='it has a backing file (%s)' % info.backing_file)
        if force_raw and info.file_format != 'raw':
            converted = '%s.converted' % path
            LOG.debug('Converting %s from %s to raw', part, info.file_format)
            convert_image(part, converted, info.file_format, 'raw')
            os.unlink(part)
            os.rename(converted, path)
        else:
            os.rename(part, path)
    finally:
        for leftover in (part, '%s.converted' % path):
            if os.path.exists(leftover):
                os.unlink(leftover)
