"""Injecting data into a disk image before its first boot (Nova's
nova.virt.disk.api inject_data).

Everything goes through a VFSGuestFS, so the image is never mounted on the
host. What can be injected, each only when given:

* ``key``: an SSH public key appended to /root/.ssh/authorized_keys,
* ``net``: the content of /etc/network/interfaces,
* ``metadata``: the instance's metadata as JSON in /meta.js,
* ``admin_password``: root's password hash in /etc/shadow,
* ``files``: (path, content) pairs, the personality files.

An item named in ``mandatory`` that cannot be injected fails the call;
any other is logged and skipped, as Nova does.
"""

import dataclasses
import os
import secrets

from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import secretutils

from nova_lite import exception
from nova_lite.virt.disk.vfs import guestfs as vfs_guestfs

LOG = logging.getLogger(__name__)

# crypt(3) salt alphabet.
SALT_CHARS = ('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
              '0123456789./')
SALT_LENGTH = 16
ADMIN_USER = 'root'


@dataclasses.dataclass(frozen=True)
class LocalImage:
    """A disk image file on this host (Nova's image model LocalImage)."""

    path: str
    format: str


def inject_data(image, key=None, net=None, metadata=None,
                admin_password=None, files=None, partition=None,
                mandatory=(), force_tcg=False):
    """Inject the given items into ``image`` (a LocalImage).

    ``partition``: None for an unpartitioned image, -1 to find the root
    filesystem by inspection, N for partition N. Returns True if every
    item was injected, False if some optional one was not; raises if the
    image cannot be opened while a mandatory item was given, or if a
    mandatory item cannot be injected.
    """
    items = {'key': key, 'net': net, 'metadata': metadata,
             'admin_password': admin_password, 'files': files}
    LOG.debug('Inject data image=%(image)s key=%(key)s net=%(net)s '
              'metadata=%(metadata)s admin_password=<SANITIZED> '
              'files=%(files)s partition=%(partition)s',
              dict(items, image=image.path, partition=partition,
                   files=[path for path, _ in files or ()]))
    try:
        fs = vfs_guestfs.VFSGuestFS(image, partition, force_tcg=force_tcg)
        fs.setup()
    except Exception as e:
        if any(items[name] for name in mandatory):
            raise
        LOG.warning('Ignoring error injecting data into image %(image)s '
                    '(%(e)s)', {'image': image.path, 'e': e})
        return False
    try:
        return inject_data_into_fs(fs, key, net, metadata, admin_password,
                                   files, mandatory)
    finally:
        fs.teardown()


def inject_data_into_fs(fs, key, net, metadata, admin_password, files,
                        mandatory=()):
    """Inject the given items into the already set up ``fs``; see
    inject_data."""
    injectors = (('key', key, _inject_key_into_fs),
                 ('net', net, _inject_net_into_fs),
                 ('metadata', metadata, _inject_metadata_into_fs),
                 ('admin_password', admin_password,
                  _inject_admin_password_into_fs),
                 ('files', files, _inject_files_into_fs))
    status = True
    for name, value, inject in injectors:
        if not value:
            continue
        try:
            inject(value, fs)
        except Exception as e:
            if name in mandatory:
                raise
            LOG.warning('Ignoring error injecting %(inject)s into image '
                        '(%(e)s)', {'inject': name, 'e': e})
            status = False
    return status


def _make_root_dir(fs, path, mode):
    fs.make_path(path)
    fs.set_ownership(path, 'root', 'root')
    fs.set_permissions(path, mode)


def _inject_files_into_fs(files, fs):
    for path, content in files:
        parent = os.path.dirname(path)
        # Missing parents are created root's, readable by all.
        if parent not in ('', '/') and not fs.has_file(parent):
            _make_root_dir(fs, parent, 0o744)
        fs.replace_file(path, content)


def _inject_metadata_into_fs(metadata, fs):
    fs.replace_file('meta.js', jsonutils.dumps(metadata))


def _inject_key_into_fs(key, fs):
    """Append ``key`` to root's authorized_keys, with the modes sshd
    insists on (0700 directory, 0600 file)."""
    sshdir = os.path.join('root', '.ssh')
    _make_root_dir(fs, sshdir, 0o700)
    keyfile = os.path.join(sshdir, 'authorized_keys')
    fs.append_file(keyfile, '\n# The following ssh key was injected by '
                            'Nova\n%s\n' % key.strip())
    fs.set_permissions(keyfile, 0o600)
    _setup_selinux_for_keys(fs, sshdir)


def _setup_selinux_for_keys(fs, sshdir):
    """On SELinux guests, have rc.local restore the context of the new
    key files at boot, or sshd would refuse them."""
    if not fs.has_file(os.path.join('etc', 'selinux')):
        return
    rclocal = os.path.join('etc', 'rc.local')
    rc_d = os.path.join('etc', 'rc.d')
    if not fs.has_file(rclocal) and fs.has_file(rc_d):
        rclocal = os.path.join(rc_d, 'rc.local')
    lines = ['\n',
             '# Added by Nova to ensure injected ssh keys have the right '
             'context\n',
             'restorecon -RF %s 2>/dev/null || :\n' % sshdir]
    if not fs.has_file(rclocal):
        lines.insert(0, '#!/bin/sh')
    fs.append_file(rclocal, ''.join(lines))
    fs.set_permissions(rclocal, 0o700)


def _inject_net_into_fs(net, fs):
    _make_root_dir(fs, os.path.join('etc', 'network'), 0o744)
    fs.replace_file(os.path.join('etc', 'network', 'interfaces'), net)


def _inject_admin_password_into_fs(admin_password, fs):
    """Set root's password hash in /etc/shadow; /etc/passwd must have
    root too."""
    passwd_path = os.path.join('etc', 'passwd')
    shadow_path = os.path.join('etc', 'shadow')
    new_shadow = _set_passwd(ADMIN_USER, admin_password,
                             fs.read_file(passwd_path),
                             fs.read_file(shadow_path))
    fs.replace_file(shadow_path, new_shadow)


def _generate_salt():
    return ''.join(secrets.choice(SALT_CHARS) for _ in range(SALT_LENGTH))


def _encrypt_password(password):
    # MD5-crypt, as Nova: the guest's libc may know no stronger hash. A
    # crypt() that ignores the $1$ prefix gives 13 characters: then DES.
    salt = _generate_salt()
    encrypted = secretutils.crypt_password(password, '$1$' + salt)
    if len(encrypted) == 13:
        encrypted = secretutils.crypt_password(password, salt)
    return encrypted


def _set_passwd(username, admin_password, passwd_data, shadow_data):
    """Return ``shadow_data`` with ``username``'s password set; the user
    must be in both files."""
    if not any(line.split(':')[0] == username
               for line in passwd_data.split('\n')):
        raise exception.InjectedUserNotFound(username=username,
                                             file='password')
    encrypted = _encrypt_password(admin_password)
    found = False
    new_shadow = []
    for line in shadow_data.split('\n'):
        fields = line.split(':')
        if fields[0] == username and len(fields) > 1:
            fields[1] = encrypted
            found = True
        new_shadow.append(':'.join(fields))
    if not found:
        raise exception.InjectedUserNotFound(username=username,
                                             file='shadow')
    return '\n'.join(new_shadow)
