"""The config drive: an ISO9660 image labelled ``config-2``.

cloud-init (and similar agents) in the guest read the instance's metadata
from it when there is no metadata service: ``openstack/latest/
meta_data.json``, ``openstack/latest/user_data`` and injected files under
``openstack/content/``.
"""

import base64
import binascii
import os
import shutil
import tempfile

from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import strutils

from nova_lite import exception
from nova_lite.virt import netutils

LOG = logging.getLogger(__name__)

CONFIG_DRIVE_LABEL = 'config-2'
VERSION_DIR = os.path.join('openstack', 'latest')
CONTENT_DIR = os.path.join('openstack', 'content')
# Bytes of randomness given to the guest to seed its RNG early in boot.
RANDOM_SEED_BYTES = 512


def required_by(instance, force=False):
    """Whether the instance gets a config drive.

    ``force`` is the ``force_config_drive`` option; otherwise the instance
    asked for one when it was created (``config_drive`` is ``'True'``).
    """
    if force:
        return True
    return strutils.bool_from_string(instance.obj_get('config_drive', ''))


def _user_data(instance):
    """Return the instance's user data as bytes, or None.

    The API stores user data base64-encoded, as Nova does.
    """
    data = instance.obj_get('user_data')
    if not data:
        return None
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return data.encode() if isinstance(data, str) else data


def _public_keys(instance):
    key_data = instance.obj_get('key_data')
    if not key_data:
        return {}
    return {instance.obj_get('key_name') or 'default': key_data}


def build_metadata(instance, injected_files=None, admin_password=None):
    """Return meta_data.json's content and the injected files' content.

    The second value maps a path under ``openstack/`` to file content.
    """
    files = []
    contents = {}
    for index, (path, content) in enumerate(injected_files or []):
        content_path = '/content/%04d' % index
        files.append({'path': path, 'content_path': content_path})
        contents[content_path] = content
    meta = {
        'uuid': instance.uuid,
        'name': instance.obj_get('display_name'),
        'hostname': instance.obj_get('hostname'),
        'launch_index': instance.obj_get('launch_index') or 0,
        'availability_zone': instance.obj_get('availability_zone'),
        'project_id': instance.obj_get('project_id'),
        'meta': dict(instance.obj_get('metadata') or {}),
        'public_keys': _public_keys(instance),
        'files': files,
        'devices': [],
        'random_seed': base64.b64encode(
            os.urandom(RANDOM_SEED_BYTES)).decode(),
    }
    if admin_password:
        meta['admin_pass'] = admin_password
    return meta, contents


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(path, mode) as f:
        f.write(data)


def write_tree(root, instance, injected_files=None, admin_password=None,
               network_info=None):
    """Write the config drive's files under ``root``."""
    meta, contents = build_metadata(instance, injected_files, admin_password)
    _write(os.path.join(root, VERSION_DIR, 'meta_data.json'),
           jsonutils.dumps(meta))
    # With no network the empty document tells agents such as cloud-init
    # to fall back to DHCP on the first NIC.
    network_data = netutils.get_network_metadata(network_info) or {
        'links': [], 'networks': [], 'services': []}
    _write(os.path.join(root, VERSION_DIR, 'network_data.json'),
           jsonutils.dumps(network_data))
    _write(os.path.join(root, VERSION_DIR, 'vendor_data.json'), '{}')
    user_data = _user_data(instance)
    if user_data is not None:
        _write(os.path.join(root, VERSION_DIR, 'user_data'), user_data)
    for content_path, content in contents.items():
        _write(os.path.join(root, 'openstack', content_path.lstrip('/')),
               content)


def make_config_drive(path, instance, injected_files=None,
                      admin_password=None, network_info=None,
                      drive_format='iso9660'):
    """Build the config drive image at ``path``."""
    if drive_format != 'iso9660':
        raise exception.ConfigDriveUnknownFormat(format=drive_format)
    tmpdir = tempfile.mkdtemp(prefix='configdrive-')
    try:
        write_tree(tmpdir, instance, injected_files, admin_password,
                   network_info)
        LOG.debug('Building config drive %s', path, instance=instance)
        processutils.execute(
            'genisoimage', '-o', path, '-ldots', '-allow-lowercase',
            '-allow-multidot', '-l', '-publisher', 'nova-lite', '-quiet',
            '-J', '-r', '-V', CONFIG_DRIVE_LABEL, tmpdir)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
