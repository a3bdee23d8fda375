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
* ``cpu_mode``: its default depends on this.
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
* Unset (default): ``host-model`` when ``virt_type`` is ``kvm`` and ``none``
  when it is ``qemu``.

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

ALL_OPTS = libvirt_general_opts + libvirt_imagebackend_opts


def register_opts(conf):
    conf.register_group(libvirt_group)
    conf.register_opts(ALL_OPTS, group=libvirt_group)


def list_opts():
    return {libvirt_group: ALL_OPTS}
