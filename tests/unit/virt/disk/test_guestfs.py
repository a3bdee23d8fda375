"""VFSGuestFS: how it finds and mounts the guest's filesystems, and the
errors it gives when it cannot. An appliance that answers like libguestfs
stands in for the real one (which test_api.py boots)."""

import sys

import pytest

from nova_lite import exception
from nova_lite.virt.disk import api as disk_api
from nova_lite.virt.disk.vfs import guestfs as vfs_guestfs

IMAGE = disk_api.LocalImage('/images/disk', 'qcow2')


class FakeAppliance(object):
    """What a libguestfs handle says about one disk: its inspected OS
    roots, their mount points, the devices that fail to mount and the
    /etc/passwd and /etc/group entries augeas sees."""

    def __init__(self, roots=(), mountpoints=(), broken=(), ids=None):
        self.roots = list(roots)
        self.mountpoints = list(mountpoints)
        self.broken = set(broken)
        self.ids = ids or {}
        self.mounted = []
        self.owners = {}
        self.closed = False

    # what VFSGuestFS.setup uses
    def set_backend_settings(self, settings):
        self.backend_settings = settings

    def add_drive_opts(self, path, format=None):
        self.drive = (path, format)

    def launch(self):
        pass

    def inspect_os(self):
        return self.roots

    def inspect_get_mountpoints(self, root):
        return self.mountpoints

    def mount_options(self, options, device, mountpoint):
        if device in self.broken:
            raise RuntimeError('mount: %s: wrong fs type' % device)
        self.mounted.append((mountpoint, device))

    def aug_init(self, root, flags):
        pass

    def aug_get(self, path):
        if path not in self.ids:
            raise RuntimeError('aug_get: no matching node')
        return self.ids[path]

    def chown(self, uid, gid, path):
        self.owners[path] = (uid, gid)

    def aug_close(self):
        pass

    def shutdown(self):
        pass

    def close(self):
        self.closed = True


@pytest.fixture
def appliance(monkeypatch):
    """The FakeAppliance every VFSGuestFS of the test gets."""
    handle = FakeAppliance()

    class FakeModule(object):
        @staticmethod
        def GuestFS(**kwargs):
            return handle

    monkeypatch.setattr(vfs_guestfs, '_import_guestfs', lambda: FakeModule)
    return handle


def _setup(partition):
    fs = vfs_guestfs.VFSGuestFS(IMAGE, partition)
    fs.setup()
    return fs


def test_unpartitioned_disk_is_mounted_whole(appliance):
    _setup(None)
    assert appliance.mounted == [('/', '/dev/sda')]


def test_partition_number_picks_the_partition(appliance):
    _setup(2)
    assert appliance.mounted == [('/', '/dev/sda2')]


def test_inspection_mounts_the_roots_filesystems_parents_first(appliance):
    appliance.roots = ['/dev/sda2']
    appliance.mountpoints = [('/boot', '/dev/sda1'), ('/', '/dev/sda2'),
                             ('/boot/efi', '/dev/sda3')]
    _setup(-1)
    assert appliance.mounted == [('/', '/dev/sda2'), ('/boot', '/dev/sda1'),
                                 ('/boot/efi', '/dev/sda3')]


def test_inspection_finding_several_oses_fails(appliance):
    appliance.roots = ['/dev/sda1', '/dev/sda2']
    with pytest.raises(exception.MultiBootOperatingSystemFound,
                       match='Multi-boot operating system found in '
                             '/images/disk'):
        _setup(-1)
    assert appliance.closed


def test_inspected_root_without_mount_points_fails(appliance):
    appliance.roots = ['/dev/sda1']
    with pytest.raises(exception.NoMountPointsFound,
                       match='No mount points found in /dev/sda1 of '
                             '/images/disk'):
        _setup(-1)


def test_root_filesystem_that_does_not_mount_fails(appliance):
    appliance.roots = ['/dev/sda1']
    appliance.mountpoints = [('/', '/dev/sda1'), ('/var', '/dev/sda2')]
    appliance.broken = {'/dev/sda1'}
    with pytest.raises(exception.GuestfsDeviceMountFailed) as e:
        _setup(-1)
    assert str(e.value) == (
        'Error mounting /dev/sda1 to / in image /images/disk with '
        'libguestfs (mount: /dev/sda1: wrong fs type)')
    assert appliance.closed


def test_other_filesystem_that_does_not_mount_is_skipped(appliance):
    appliance.roots = ['/dev/sda1']
    appliance.mountpoints = [('/', '/dev/sda1'), ('/var', '/dev/sda2')]
    appliance.broken = {'/dev/sda2'}
    _setup(-1)
    assert appliance.mounted == [('/', '/dev/sda1')]


def test_ownership_uses_the_guests_own_ids(appliance):
    appliance.ids = {'/files/etc/passwd/demo/uid': '1000',
                     '/files/etc/group/staff/gid': '50'}
    _setup(None).set_ownership('home/demo', 'demo', 'staff')
    assert appliance.owners == {'/home/demo': (1000, 50)}


def test_ownership_for_a_user_the_guest_lacks_fails(appliance):
    with pytest.raises(exception.GuestfsOwnerNotFound) as e:
        _setup(None).set_ownership('/etc/network', 'root', 'root')
    assert str(e.value) == (
        'Error obtaining uid/gid for root/root:  path '
        '/files/etc/passwd/root/uid not found (aug_get: no matching node)')


def test_appliance_runs_on_tcg_when_asked(appliance):
    vfs_guestfs.VFSGuestFS(IMAGE, None, force_tcg=True).setup()
    assert appliance.backend_settings == ['force_tcg']


def test_without_the_python_binding_it_says_libguestfs_is_missing(
        monkeypatch):
    monkeypatch.setitem(sys.modules, 'guestfs', None)
    with pytest.raises(exception.LibguestfsNotInstalled,
                       match='libguestfs is not installed'):
        vfs_guestfs.VFSGuestFS(IMAGE, None)
