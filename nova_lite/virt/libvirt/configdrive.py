"""The config drive: an ISO9660 image labelled ``config-2``.

cloud-init (and similar agents) in the guest read the instance's metadata
from it when there is no metadata service. Its tree is the one Nova writes
(nova/api/metadata/base.py ``InstanceMetadata.metadata_for_config_drive``):

* ``openstack/<version>/`` for every OpenStack metadata version and
  ``latest``: ``meta_data.json``, ``user_data`` (when given),
  ``vendor_data.json`` (from 2013-10-17), ``network_data.json`` (from
  2015-10-15) and ``vendor_data2.json`` (from 2016-10-06);
* ``openstack/content/NNNN``: the injected (personality) files;
* ``ec2/<version>/meta-data.json`` (and ``user-data``) for the EC2 versions
  Nova's default ``[api]config_drive_skip_versions`` keeps.

Each document has its own small builder over one ``InstanceMetadata``.
"""

import base64
import binascii
import dataclasses
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

# OpenStack metadata versions (Nova's OPENSTACK_VERSIONS), oldest first.
FOLSOM = '2012-08-10'
GRIZZLY = '2013-04-04'
HAVANA = '2013-10-17'
LIBERTY = '2015-10-15'
NEWTON_ONE = '2016-06-30'
NEWTON_TWO = '2016-10-06'
OCATA = '2017-02-22'
ROCKY = '2018-08-27'
VICTORIA = '2020-10-14'
EPOXY = '2025-04-04'
OPENSTACK_VERSIONS = (FOLSOM, GRIZZLY, HAVANA, LIBERTY, NEWTON_ONE,
                      NEWTON_TWO, OCATA, ROCKY, VICTORIA, EPOXY)
LATEST = 'latest'
# Nova's default [api]config_drive_skip_versions leaves only the newest
# EC2 version (and latest) on the drive.
EC2_VERSIONS = ('2009-04-04', LATEST)

CONTENT_DIR = 'content'
# Bytes of randomness given to the guest to seed its RNG early in boot.
RANDOM_SEED_BYTES = 512
# Image property asking for a config drive (Nova's ConfigDrivePolicy).
IMG_CONFIG_DRIVE = 'img_config_drive'
CONFIG_DRIVE_MANDATORY = 'mandatory'


def required_by(instance, force=False, image_meta=None):
    """Whether the instance gets a config drive (Nova's
    configdrive.required_by).

    It does when it asked for one at create (``config_drive``), when
    ``force`` (the ``force_config_drive`` option) is set and it was never
    launched, or when its image has ``img_config_drive=mandatory``.
    """
    if strutils.bool_from_string(instance.obj_get('config_drive', '')):
        return True
    # A server already launched without one keeps booting without one.
    if force and not instance.obj_get('launched_at'):
        return True
    props = (image_meta.obj_get('properties') if image_meta else None) or {}
    return props.get(IMG_CONFIG_DRIVE) == CONFIG_DRIVE_MANDATORY


def update_instance(instance, force=False, image_meta=None):
    """Record on the instance that it has a config drive when the option
    or its image gave it one, so that it keeps it when its domain is
    rebuilt later (a hard reboot, a start), as Nova's
    configdrive.update_instance."""
    if not strutils.bool_from_string(instance.obj_get('config_drive', '')) \
            and required_by(instance, force, image_meta):
        instance.config_drive = 'True'


@dataclasses.dataclass(frozen=True)
class KeyPair:
    """The instance's key pair as the guest sees it."""

    name: str
    type: str
    public_key: str


@dataclasses.dataclass(frozen=True)
class InstanceMetadata:
    """Everything the config drive tells the guest, gathered once."""

    uuid: str
    name: str | None
    hostname: str | None
    availability_zone: str | None
    launch_index: int
    project_id: str | None
    instance_id: str | None
    reservation_id: str | None
    instance_type: str | None
    meta: dict
    keypair: KeyPair | None
    files: list
    content: dict
    admin_pass: str | None
    user_data: bytes | None
    network_info: object
    fixed_ips: list

    @classmethod
    def from_instance(cls, instance, injected_files=None,
                      admin_password=None, network_info=None,
                      dhcp_domain=None):
        """``dhcp_domain``: appended to the instance's hostname, as Nova's
        ``[api] dhcp_domain``."""
        files, content = [], {}
        for path, data in injected_files or ():
            key = '%04d' % len(content)
            files.append({'path': path,
                          'content_path': '/%s/%s' % (CONTENT_DIR, key)})
            content[key] = data
        flavor = instance.obj_get('flavor')
        sys_meta = instance.obj_get('system_metadata') or {}
        return cls(
            uuid=instance.uuid, name=instance.obj_get('display_name'),
            hostname=_hostname(instance.obj_get('hostname'), dhcp_domain),
            availability_zone=instance.obj_get('availability_zone'),
            launch_index=instance.obj_get('launch_index') or 0,
            project_id=instance.obj_get('project_id'),
            instance_id=_ec2_instance_id(instance),
            reservation_id=sys_meta.get('reservation_id'),
            instance_type=flavor.name if flavor else None,
            meta=dict(instance.obj_get('metadata') or {}),
            keypair=_keypair(instance), files=files, content=content,
            admin_pass=admin_password, user_data=_user_data(instance),
            network_info=network_info,
            fixed_ips=[ip.address for vif in network_info or ()
                       for ip in vif.fixed_ips() if ip.version == 4])


def _ec2_instance_id(instance):
    # Nova's EC2 id is the instance's integer id as i-%08x.
    db_id = instance.obj_get('id')
    return 'i-%08x' % db_id if db_id is not None else None


def _hostname(hostname, dhcp_domain):
    if hostname and dhcp_domain:
        return '%s.%s' % (hostname, dhcp_domain)
    return hostname


def _keypair(instance):
    """The first key pair of the instance, None when it has no key_name
    (Nova reads instance.keypairs; key_name and key_data say the same)."""
    if not instance.obj_get('key_name'):
        return None
    keypairs = instance.obj_get('keypairs')
    if keypairs:
        first = keypairs[0]
        return KeyPair(first.name, first.type, first.public_key)
    key_data = instance.obj_get('key_data')
    if not key_data:
        LOG.debug('Unable to find keypair for instance with key name '
                  "'%s'.", instance.key_name, instance=instance)
        return None
    return KeyPair(instance.key_name, 'ssh', key_data)


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


def _at_least(required, version):
    """Whether OpenStack metadata ``version`` includes what ``required``
    added."""
    if version == LATEST:
        return True
    return OPENSTACK_VERSIONS.index(version) >= \
        OPENSTACK_VERSIONS.index(required)


# -- the documents -----------------------------------------------------------

def meta_data(md, version):
    """meta_data.json of OpenStack metadata ``version``."""
    data = {'uuid': md.uuid}
    if md.meta:
        data['meta'] = md.meta
    if md.files:
        data['files'] = md.files
    if md.admin_pass:
        data['admin_pass'] = md.admin_pass
    if md.keypair:
        data['public_keys'] = {md.keypair.name: md.keypair.public_key}
        data['keys'] = [{'name': md.keypair.name, 'type': md.keypair.type,
                         'data': md.keypair.public_key}]
    data.update(hostname=md.hostname, name=md.name,
                launch_index=md.launch_index,
                availability_zone=md.availability_zone)
    if _at_least(GRIZZLY, version):
        data['random_seed'] = base64.b64encode(
            os.urandom(RANDOM_SEED_BYTES)).decode()
    if _at_least(LIBERTY, version):
        data['project_id'] = md.project_id
    if _at_least(NEWTON_ONE, version):
        # Device tags need device metadata, which nothing records yet.
        data['devices'] = []
    if _at_least(VICTORIA, version):
        # No CPU pinning: no dedicated CPUs.
        data['dedicated_cpus'] = []
    return data


def vendor_data():
    """vendor_data.json: no static vendor data is configured."""
    return {}


def vendor_data2():
    """vendor_data2.json: no vendor data provider is configured."""
    return {}


def network_data(md):
    """network_data.json (Nova's netutils.get_network_metadata)."""
    # With no network the empty document tells agents such as cloud-init
    # to fall back to DHCP on the first NIC.
    return netutils.get_network_metadata(md.network_info) or {
        'links': [], 'networks': [], 'services': []}


def ec2_meta_data(md):
    """ec2/<version>/meta-data.json, without the fields that need EC2 ids
    of images, kernels and ramdisks or a block device mapping."""
    data = {
        'ami-launch-index': md.launch_index,
        'instance-id': md.instance_id,
        'hostname': md.hostname,
        'local-hostname': md.hostname,
        'public-hostname': md.hostname,
        'local-ipv4': md.fixed_ips[0] if md.fixed_ips else None,
        'public-ipv4': '',
        'reservation-id': md.reservation_id,
        # Ports have no security groups here.
        'security-groups': [],
        'instance-type': md.instance_type,
        'placement': {'availability-zone': md.availability_zone},
        'instance-action': 'none',
    }
    if md.keypair:
        data['public-keys'] = {'0': {'openssh-key': md.keypair.public_key}}
    return data


def _json(data):
    return jsonutils.dump_as_bytes(data)


def _openstack_files(md, version):
    base = 'openstack/%s/' % version
    yield base + 'meta_data.json', _json(meta_data(md, version))
    if md.user_data is not None:
        yield base + 'user_data', md.user_data
    if _at_least(HAVANA, version):
        yield base + 'vendor_data.json', _json(vendor_data())
    if _at_least(LIBERTY, version):
        yield base + 'network_data.json', _json(network_data(md))
    if _at_least(NEWTON_TWO, version):
        yield base + 'vendor_data2.json', _json(vendor_data2())


def metadata_for_config_drive(md):
    """Yield (path, bytes) for every file of the config drive."""
    for version in EC2_VERSIONS:
        if md.user_data is not None:
            yield 'ec2/%s/user-data' % version, md.user_data
        yield 'ec2/%s/meta-data.json' % version, _json(ec2_meta_data(md))
    for version in OPENSTACK_VERSIONS + (LATEST,):
        yield from _openstack_files(md, version)
    for key, data in md.content.items():
        yield 'openstack/%s/%s' % (CONTENT_DIR, key), data


# -- the image ---------------------------------------------------------------

def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data.encode() if isinstance(data, str) else data)


def write_tree(root, instance, injected_files=None, admin_password=None,
               network_info=None, dhcp_domain=None):
    """Write the config drive's files under ``root``."""
    md = InstanceMetadata.from_instance(instance, injected_files,
                                        admin_password, network_info,
                                        dhcp_domain)
    for path, data in metadata_for_config_drive(md):
        _write(os.path.join(root, path), data)


def make_config_drive(path, instance, injected_files=None,
                      admin_password=None, network_info=None,
                      drive_format='iso9660', dhcp_domain=None):
    """Build the config drive image at ``path``."""
    if drive_format != 'iso9660':
        raise exception.ConfigDriveUnknownFormat(format=drive_format)
    tmpdir = tempfile.mkdtemp(prefix='configdrive-')
    try:
        write_tree(tmpdir, instance, injected_files, admin_password,
                   network_info, dhcp_domain)
        LOG.debug('Building config drive %s', path, instance=instance)
        processutils.execute(
            'genisoimage', '-o', path, '-ldots', '-allow-lowercase',
            '-allow-multidot', '-l', '-publisher', 'nova-lite', '-quiet',
            '-J', '-r', '-V', CONFIG_DRIVE_LABEL, tmpdir)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
