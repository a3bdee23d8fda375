"""Options of the libvirt virt driver (group ``[libvirt]``)."""

from oslo_config import cfg

libvirt_group = cfg.OptGroup(
    'libvirt',
    title='Libvirt Options',
    help="""
Options of the libvirt compute driver. Most of them depend on ``virt_type``,
the domain type libvirt is asked to run guests with.
""")

libvirt_general_opts = [
    cfg.StrOpt('virt_type',
               default='kvm',
               choices=[('kvm', 'Hardware-accelerated guests (needs '
                                '/dev/kvm).'),
                        ('qemu', 'Pure emulation (QEMU TCG); slow but works '
                                 'everywhere, including nested hosts.')],
               help="""
The domain type libvirt runs guests with.

Possible values:

* ``kvm``: hardware virtualization through KVM.
* ``qemu``: software emulation (TCG).

Related options:

* ``connection_uri``: its default depends on this.
* ``cpu_mode``: ``host-passthrough`` needs ``kvm``.
"""),
    cfg.StrOpt('connection_uri',
               default='',
               help="""
The libvirt URI the driver connects to, overriding the one derived from
``virt_type``.

Possible values:

* Empty (default): ``qemu:///system`` for both ``kvm`` and ``qemu``.
* Any libvirt URI, e.g. ``qemu:///system``.
* ``qemu:///embed?root=DIR``: run the QEMU driver inside the compute process,
  keeping its state under DIR (no libvirtd needed).
* ``test:///default``: libvirt's in-memory test driver (no guests run).
"""),
    cfg.StrOpt('cpu_mode',
               choices=[('host-model', 'Copy the host CPU model and '
                                       'features, migratable.'),
                        ('host-passthrough', 'Pass the host CPU through '
                                             'unchanged.'),
                        ('custom', 'Use the first model of '
                                   '``cpu_models``.'),
                        ('none', 'Give no CPU model; the hypervisor '
                                 'default applies.')],
               help="""
The CPU model the guests see.

Possible values:

* ``host-model``, ``host-passthrough``, ``custom``, ``none``.
* Unset (default): ``host-model``, as Nova does for x86 guests with either
  ``virt_type``. With ``qemu`` libvirt gives the guest the CPU model
  closest to the host's that TCG can emulate, so guests needing a newer
  instruction set than QEMU's default ``qemu64`` still boot.
  ``host-passthrough`` works with ``kvm`` only.

Related options:

* ``cpu_models``: used when this is ``custom``.
"""),
    cfg.ListOpt('cpu_models',
                default=[],
                help="""
Named CPU models (see ``virsh cpu-models x86_64``), best first; only the
first one is used.

Possible values:

* A list of libvirt CPU model names, e.g. ``Nehalem,qemu64``.

Related options:

* ``cpu_mode``: must be ``custom`` for this to be used.
"""),
    cfg.ListOpt('hw_machine_type',
                help="""
Default machine type per host architecture, used when the image has no
``hw_machine_type`` property.

Possible values:

* Unset (default): ``pc`` for x86_64 and i686, as Nova does.
* A list of ``arch=machine-type`` pairs, e.g. ``x86_64=q35``.
"""),
    cfg.ListOpt('disk_cachemodes',
                default=[],
                help="""
Cache mode per disk source type, overriding the default (``none`` when the
instances path supports O_DIRECT, else ``writethrough``).

Possible values:

* A list of ``source_type=mode`` pairs where source_type is ``file``,
  ``block`` or ``network`` and mode is one of ``default``, ``none``,
  ``writethrough``, ``writeback``, ``directsync``, ``unsafe``; for example
  ``file=writeback``.
"""),
    cfg.IntOpt('mem_stats_period_seconds',
               default=10,
               help="""
Seconds between the memory statistics a guest's balloon driver reports
(``virsh dommemstat``).

Possible values:

* A positive integer (default 10).
* 0 or a negative integer: no statistics; the guest gets no memory
  balloon device at all (``<memballoon model='none'>``).
"""),
    cfg.StrOpt('rng_dev_path',
               default='/dev/urandom',
               help="""
The host file a guest's virtio RNG device reads its entropy from.

Every guest gets a virtio RNG device unless its flavor has the extra spec
``hw_rng:allowed=False``; ``hw_rng:rate_bytes`` and ``hw_rng:rate_period``
(milliseconds) limit how fast it reads.

Possible values:

* ``/dev/urandom`` (default): never blocks the host.
* The path of any file or character device returning random bytes, e.g.
  ``/dev/hwrng``; a path missing on the host fails the guest's build.
"""),
]

libvirt_imagebackend_opts = [
    cfg.StrOpt('images_type',
               default='qcow2',
               choices=[('qcow2', 'A qcow2 overlay on the cached base '
                                  'image.'),
                        ('raw', 'A full copy of the cached base image.'),
                        ('flat', 'Same as raw.')],
               help="""
How instance root and ephemeral disks are stored.

Possible values:

* ``qcow2``: copy-on-write overlays backed by ``_base``.
* ``raw`` or ``flat``: independent copies of the base image.
"""),
]

libvirt_lifecycle_opts = [
    cfg.IntOpt('wait_soft_reboot_seconds',
               default=120, min=0,
               help="""
Seconds a soft reboot waits for the guest to shut down after the ACPI
request before it falls back to a hard reboot.
"""),
]

libvirt_inject_opts = [
    cfg.BoolOpt('inject_password',
                default=False,
                help="""
Whether the admin password given at create is written into the instance's
root disk as root's password (``/etc/shadow``) before its first boot.

No agent is needed in the guest: the root filesystem is opened with
libguestfs. The image must have ``root`` in ``/etc/passwd`` and
``/etc/shadow``, or the password is not set (the build goes on). Linux
guests only; never done when the instance has a config drive.

Possible values:

* True: inject the password.
* False (default): do not; a password given through the API is ignored.

Related options:

* ``inject_partition``: chooses the filesystem, and -2 turns injection
  off altogether.
"""),
    cfg.BoolOpt('inject_key',
                default=False,
                help="""
Whether the instance's SSH public key (its ``key_name``) is appended to
``/root/.ssh/authorized_keys`` in its root disk before its first boot.

No agent is needed in the guest: the root filesystem is opened with
libguestfs. This does not change what cloud-init does with the key from
the config drive. Linux guests only; never done when the instance has a
config drive.

Possible values:

* True: inject the key.
* False (default): do not.

Related options:

* ``inject_partition``: chooses the filesystem, and -2 turns injection
  off altogether.
"""),
    cfg.IntOpt('inject_partition',
               default=-2,
               min=-2,
               help="""
How the filesystem data is injected into is found in the root disk, or
whether anything is injected at all.

libguestfs opens the disk; if it cannot tell the root filesystem (none or
several) or cannot mount it, an instance with personality files fails to
build, and the other items (key, password, network configuration,
metadata in ``/meta.js``) are skipped.

Possible values:

* -2 (default): inject nothing.
* -1: find the root filesystem by inspecting the disk.
* 0: the disk has no partition table; its whole content is the filesystem.
* N > 0: the filesystem is partition N.

Related options:

* ``inject_key``, ``inject_password``: need this to be -1 or more.
* ``virt_type``: unless it is ``kvm``, the libguestfs appliance runs
  without KVM (TCG).
"""),
]

ALL_OPTS = (libvirt_general_opts + libvirt_imagebackend_opts +
            libvirt_lifecycle_opts + libvirt_inject_opts)


def register_opts(conf):
    conf.register_group(libvirt_group)
    conf.register_opts(ALL_OPTS, group=libvirt_group)


def list_opts():
    return {libvirt_group: ALL_OPTS}
