"""Files inside a disk image through libguestfs (Nova's
nova.virt.disk.vfs.guestfs.VFSGuestFS).

The image is never mounted on the host: libguestfs boots a small appliance
VM that opens it, so nothing in the guest's filesystem (a symlink to a host
path, say) can reach the host. Paths are relative to the root of the
guest's filesystem, with or without a leading ``/``.

The Python binding comes from the distribution (python3-guestfs); it is
imported on first use so that hosts which never inject need not have it.
"""

import importlib

from oslo_log import log as logging

from nova_lite import exception

try:
    from eventlet import patcher
    from eventlet import tpool
except ImportError:  # pragma: no cover - eventlet is a requirement
    patcher = tpool = None

LOG = logging.getLogger(__name__)


def _import_guestfs():
    try:
        return importlib.import_module('guestfs')
    except ImportError as e:
        raise exception.LibguestfsNotInstalled(reason=e)


def _tpool_wrap(handle):
    # Launching the appliance takes seconds and every call blocks in C: in
    # a green process each call runs in a native thread so the service
    # keeps answering RPC and sending heartbeats meanwhile.
    if tpool is not None and patcher.is_monkey_patched('thread'):
        return tpool.Proxy(handle)
    return handle


def _as_bytes(content):
    return content.encode('utf-8') if isinstance(content, str) else content


class VFSGuestFS(object):
    """One disk image opened by a libguestfs appliance.

    ``image`` has ``path`` and ``format`` (disk api's LocalImage);
    ``partition`` is None for an unpartitioned image, -1 to find the root
    filesystem by inspection, or a partition number. ``force_tcg`` keeps
    the appliance off KVM (Nova does so unless ``virt_type`` is kvm).
    """

    def __init__(self, image, partition=None, force_tcg=False):
        self.image = image
        self.partition = partition
        self.force_tcg = force_tcg
        self.handle = None
        self.mount = False
        self._guestfs = _import_guestfs()

    def __repr__(self):
        return '<VFSGuestFS %s partition=%s>' % (self.image.path,
                                                 self.partition)

    # -- appliance ----------------------------------------------------------

    def setup(self, mount=True):
        """Launch the appliance on the image and, with ``mount``, mount
        the guest's filesystem(s) at / and open augeas on them."""
        LOG.debug('Setting up appliance for %s', self.image.path)
        self.handle = _tpool_wrap(self._guestfs.GuestFS(
            python_return_dict=False, close_on_exit=False))
        try:
            if self.force_tcg:
                self.handle.set_backend_settings(['force_tcg'])
            self.handle.add_drive_opts(self.image.path,
                                       format=self.image.format)
            self.handle.launch()
            if mount:
                self.setup_os()
                self.handle.aug_init('/', 0)
                self.mount = True
        except RuntimeError as e:
            # An explicit teardown, so no appliance VM is left behind.
            self.teardown()
            raise exception.GuestfsMountFailed(image=self.image.path,
                                               reason=e)
        except Exception:
            self.teardown()
            raise

    def setup_os(self):
        if self.partition == -1:
            self.setup_os_inspect()
        else:
            self.setup_os_static()

    def setup_os_static(self):
        device = '/dev/sda'
        if self.partition:
            device += str(self.partition)
        LOG.debug('Mounting %s of %s', device, self.image.path)
        self.handle.mount_options('', device, '/')

    def setup_os_inspect(self):
        LOG.debug('Inspecting guest OS image %s', self.image.path)
        roots = self.handle.inspect_os()
        if not roots:
            raise exception.NoOperatingSystemFound(image=self.image.path)
        if len(roots) != 1:
            LOG.debug('Multi-boot OS %s', roots)
            raise exception.MultiBootOperatingSystemFound(
                image=self.image.path)
        self.setup_os_root(roots[0])

    def setup_os_root(self, root):
        mounts = self.handle.inspect_get_mountpoints(root)
        if not mounts:
            raise exception.NoMountPointsFound(root=root,
                                               image=self.image.path)
        # Parents before children: / sorts before /usr, /usr before
        # /usr/local.
        root_mounted = False
        for mountpoint, device in sorted(mounts):
            LOG.debug('Mounting %s at %s', device, mountpoint)
            try:
                self.handle.mount_options('', device, mountpoint)
                root_mounted = True
            except RuntimeError as e:
                error = exception.GuestfsDeviceMountFailed(
                    device=device, dir=mountpoint, image=self.image.path,
                    reason=e)
                # Without / there is nothing to inject into; without a
                # later mount point the files go to the root filesystem.
                if not root_mounted:
                    raise error
                LOG.debug('%s', error)

    def teardown(self):
        """Close augeas and shut the appliance down; errors are logged."""
        LOG.debug('Tearing down appliance of %s', self.image.path)
        if self.handle is None:
            return
        try:
            if self.mount:
                try:
                    self.handle.aug_close()
                except RuntimeError as e:
                    LOG.warning('Failed to close augeas %s', e)
            for step in (self.handle.shutdown, self.handle.close):
                try:
                    step()
                except RuntimeError as e:
                    LOG.warning('Failed to shut down the libguestfs '
                                'appliance: %s', e)
        finally:
            self.handle = None
            self.mount = False

    # -- files --------------------------------------------------------------

    @staticmethod
    def _canonicalize_path(path):
        return path if path.startswith('/') else '/' + path

    def make_path(self, path):
        """Create directory ``path`` and its missing parents."""
        self.handle.mkdir_p(self._canonicalize_path(path))

    def append_file(self, path, content):
        """Append ``content`` to file ``path``, creating it if needed."""
        self.handle.write_append(self._canonicalize_path(path),
                                 _as_bytes(content))

    def replace_file(self, path, content):
        """Make ``content`` the whole content of file ``path``."""
        self.handle.write(self._canonicalize_path(path), _as_bytes(content))

    def read_file(self, path):
        """The content of file ``path``, as text."""
        data = self.handle.read_file(self._canonicalize_path(path))
        return data.decode() if isinstance(data, bytes) else data

    def has_file(self, path):
        """Whether anything exists at ``path``."""
        try:
            self.handle.statns(self._canonicalize_path(path))
            return True
        except RuntimeError:
            return False

    def set_permissions(self, path, mode):
        """chmod ``path`` to ``mode``."""
        self.handle.chmod(mode, self._canonicalize_path(path))

    def set_ownership(self, path, user, group):
        """chown ``path`` to the guest's ``user`` and ``group`` (names
        looked up in the guest's /etc/passwd and /etc/group; None keeps
        the current one)."""
        uid = gid = -1
        if user is not None:
            uid = self._get_item_id('passwd/%s/uid' % user, user, group)
        if group is not None:
            gid = self._get_item_id('group/%s/gid' % group, user, group)
        LOG.debug('chown uid=%d gid=%d %s', uid, gid, path)
        self.handle.chown(uid, gid, self._canonicalize_path(path))

    def _get_item_id(self, id_path, user, group):
        id_path = '/files/etc/' + id_path
        try:
            return int(self.handle.aug_get(id_path))
        except RuntimeError as e:
            raise exception.GuestfsOwnerNotFound(
                user=user, group=group, id_path=id_path, reason=e)
