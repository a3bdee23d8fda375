"""disk api inject_data: what ends up in the guest's filesystem.

The first tests run against a filesystem kept in memory; the last ones
boot the real libguestfs appliance (TCG, some seconds each) on small
ext4 and FAT images and read the result back with debugfs and mtools.
"""

import json
import os

import pytest
from oslo_utils import secretutils

from nova_lite import exception
from nova_lite.virt.disk import api as disk_api
from tests.unit.virt.disk import conftest as fx

KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHNvbWUta2V5LWRhdGE= demo@host'


class MemoryVFS(object):
    """A guest filesystem in memory with VFSGuestFS's file operations;
    like libguestfs, it fails (RuntimeError) on a path under a file."""

    def __init__(self, files=None):
        self.files = {}
        self.dirs = {'/'}
        self.modes = {}
        self.owners = {}
        for path, content in (files or {}).items():
            self.make_path(os.path.dirname(path))
            self.replace_file(path, content)

    @staticmethod
    def _path(path):
        return '/' + path.lstrip('/')

    def _check_parent(self, path):
        if os.path.dirname(path) not in self.dirs:
            raise RuntimeError('%s: No such file or directory' % path)

    def make_path(self, path):
        path = self._path(path)
        if path in self.files:
            raise RuntimeError('%s: File exists' % path)
        if path != '/':
            self.make_path(os.path.dirname(path))
            self.dirs.add(path)

    def append_file(self, path, content):
        path = self._path(path)
        self._check_parent(path)
        self.files[path] = self.files.get(path, '') + content

    def replace_file(self, path, content):
        path = self._path(path)
        self._check_parent(path)
        self.files[path] = content

    def read_file(self, path):
        try:
            return self.files[self._path(path)]
        except KeyError:
            raise RuntimeError('%s: No such file or directory' % path)

    def has_file(self, path):
        path = self._path(path)
        return path in self.files or path in self.dirs

    def set_permissions(self, path, mode):
        self.modes[self._path(path)] = mode

    def set_ownership(self, path, user, group):
        self.owners[self._path(path)] = (user, group)


@pytest.fixture
def fs():
    return MemoryVFS({'/etc/passwd': fx.PASSWD, '/etc/shadow': fx.SHADOW})


def _inject(fs, **items):
    values = dict(key=None, net=None, metadata=None, admin_password=None,
                  files=None)
    values.update(items)
    return disk_api.inject_data_into_fs(fs, mandatory=('files',), **values)


# -- in memory ----------------------------------------------------------------

def test_key_is_appended_to_roots_authorized_keys(fs):
    fs.make_path('/root/.ssh')
    fs.replace_file('/root/.ssh/authorized_keys', 'ssh-rsa OLD old@host\n')
    assert _inject(fs, key=KEY + '\n')
    assert fs.read_file('/root/.ssh/authorized_keys') == (
        'ssh-rsa OLD old@host\n'
        '\n# The following ssh key was injected by Nova\n%s\n' % KEY)
    assert fs.modes['/root/.ssh'] == 0o700
    assert fs.modes['/root/.ssh/authorized_keys'] == 0o600
    assert fs.owners['/root/.ssh'] == ('root', 'root')


def test_key_on_selinux_guest_restores_contexts_at_boot(fs):
    fs.make_path('/etc/selinux')
    _inject(fs, key=KEY)
    assert fs.read_file('/etc/rc.local') == (
        '#!/bin/sh\n# Added by Nova to ensure injected ssh keys have the '
        'right context\nrestorecon -RF root/.ssh 2>/dev/null || :\n')
    assert fs.modes['/etc/rc.local'] == 0o700


def test_key_without_selinux_leaves_rc_local_alone(fs):
    _inject(fs, key=KEY)
    assert not fs.has_file('/etc/rc.local')


def test_metadata_goes_to_meta_js(fs):
    _inject(fs, metadata={'role': 'web', 'tier': '1'})
    assert json.loads(fs.read_file('/meta.js')) == {'role': 'web',
                                                    'tier': '1'}


def test_net_goes_to_etc_network_interfaces(fs):
    _inject(fs, net='auto eth0\n')
    assert fs.read_file('/etc/network/interfaces') == 'auto eth0\n'
    assert fs.modes['/etc/network'] == 0o744


def test_admin_password_sets_roots_hash_only(fs):
    _inject(fs, admin_password='s3cret')
    root, demo = fs.read_file('/etc/shadow').split('\n')[:2]
    fields = root.split(':')
    assert fields[1].startswith('$1$')
    assert secretutils.crypt_password('s3cret', fields[1]) == fields[1]
    assert fields[2:] == ['19000', '0', '99999', '7', '', '', '']
    assert demo == 'demo:!:19000:0:99999:7:::'


def test_files_are_written_with_missing_parents_made_root_0744(fs):
    _inject(fs, files=[('/opt/app/app.conf', 'x = 1\n'),
                       ('/etc/motd', 'hello\n')])
    assert fs.read_file('/opt/app/app.conf') == 'x = 1\n'
    assert fs.read_file('/etc/motd') == 'hello\n'
    assert fs.modes['/opt/app'] == 0o744
    assert fs.owners['/opt/app'] == ('root', 'root')
    assert '/etc' not in fs.modes


def test_optional_item_that_fails_is_skipped_and_the_rest_injected():
    fs = MemoryVFS({'/etc/passwd': fx.PASSWD, '/etc/shadow': 'demo:!:::\n'})
    assert _inject(fs, admin_password='pw', metadata={'a': 'b'}) is False
    assert fs.read_file('/etc/shadow') == 'demo:!:::\n'
    assert json.loads(fs.read_file('/meta.js')) == {'a': 'b'}


def test_mandatory_item_that_fails_raises(fs):
    fs.replace_file('/opt', 'a file where a directory is wanted')
    with pytest.raises(RuntimeError, match='/opt'):
        _inject(fs, files=[('/opt/app/app.conf', 'x')])


def test_password_for_a_user_missing_from_passwd_fails():
    with pytest.raises(exception.InjectedUserNotFound,
                       match='User root not found in password file.'):
        disk_api._set_passwd('root', 'pw', 'demo:x:1000:\n', fx.SHADOW)


def test_password_for_a_user_missing_from_shadow_fails():
    with pytest.raises(exception.InjectedUserNotFound,
                       match='User root not found in shadow file.'):
        disk_api._set_passwd('root', 'pw', fx.PASSWD, 'demo:!:1:::\n')


# -- through libguestfs -------------------------------------------------------

@pytest.fixture(scope='module')
def injected_ext4(tmp_path_factory):
    """One ext4 root with every item injected, and inject_data's result."""
    tmp_path = tmp_path_factory.mktemp('ext4')
    path = fx.make_ext4_root(tmp_path)
    result = disk_api.inject_data(
        disk_api.LocalImage(path, 'raw'), key=KEY, net='auto eth0\n',
        metadata={'role': 'web'}, admin_password='s3cret',
        files=[('/opt/app/app.conf', b'x = 1\n')], mandatory=('files',),
        force_tcg=True)
    return path, result


def test_guestfs_injects_every_item(injected_ext4):
    path, result = injected_ext4
    assert result is True
    assert KEY in fx.ext4_cat(path, '/root/.ssh/authorized_keys')
    assert json.loads(fx.ext4_cat(path, '/meta.js')) == {'role': 'web'}
    assert fx.ext4_cat(path, '/etc/network/interfaces') == 'auto eth0\n'
    assert fx.ext4_cat(path, '/opt/app/app.conf') == 'x = 1\n'
    root_hash = fx.ext4_cat(path, '/etc/shadow').split('\n')[0].split(':')[1]
    assert secretutils.crypt_password('s3cret', root_hash) == root_hash


def test_guestfs_gives_ssh_files_the_modes_sshd_wants(injected_ext4):
    path, _ = injected_ext4
    assert fx.ext4_stat(path, '/root/.ssh') == (0o700, 0, 0)
    assert fx.ext4_stat(path, '/root/.ssh/authorized_keys')[0] == 0o600


def test_guestfs_makes_missing_parents_root_0744(injected_ext4):
    path, _ = injected_ext4
    assert fx.ext4_stat(path, '/opt/app') == (0o744, 0, 0)


def test_missing_partition_with_files_raises_and_names_it(tmp_path):
    path = fx.make_ext4_root(tmp_path)
    with pytest.raises(exception.GuestfsMountFailed) as e:
        disk_api.inject_data(disk_api.LocalImage(path, 'raw'),
                             files=[('/etc/motd', b'hi')], partition=3,
                             mandatory=('files',), force_tcg=True)
    assert str(e.value).startswith('Error mounting %s with libguestfs (' %
                                   path)
    assert '/dev/sda3' in str(e.value)


def test_missing_partition_without_mandatory_items_changes_nothing(
        tmp_path):
    path = fx.make_ext4_root(tmp_path)
    before = fx.md5(path)
    assert disk_api.inject_data(disk_api.LocalImage(path, 'raw'),
                                metadata={'role': 'web'}, partition=3,
                                mandatory=('files',),
                                force_tcg=True) is False
    assert fx.md5(path) == before


def test_inspection_of_a_disk_without_an_os_fails(tmp_path):
    path = fx.make_fat(tmp_path, linux_root=False)
    with pytest.raises(exception.NoOperatingSystemFound,
                       match='No operating system found in %s' % path):
        disk_api.inject_data(disk_api.LocalImage(path, 'raw'),
                             files=[('/etc/motd', b'hi')], partition=-1,
                             mandatory=('files',), force_tcg=True)
