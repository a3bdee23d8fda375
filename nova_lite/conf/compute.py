"""Options of nova-lite-compute."""

from oslo_config import cfg

from nova_lite.conf import paths

compute_opts = [
    cfg.StrOpt('compute_driver',
               default='libvirt.LibvirtDriver',
               help="""
The virt driver nova-lite-compute uses, relative to ``nova_lite.virt``.

Possible values:

* ``libvirt.LibvirtDriver``: boots real guests through libvirt.
* ``fake.FakeDriver``: keeps guests in memory, for tests with no hypervisor.
"""),
    cfg.StrOpt('instances_path',
               default=paths.state_path_def('instances'),
               help="""
Where instance directories (disks, console log, libvirt.xml) and the image
cache (``_base``) live on the compute host.

Possible values:

* An absolute directory path.
"""),
    cfg.StrOpt('instance_name_template',
               default='instance-%08x',
               help="""
Template of the hypervisor's name of a guest, formatted with the instance's
database id (``%d``/``%x`` forms) or with its fields (``%(uuid)s``).

Possible values:

* A template such as the default ``instance-%08x``; deployments sharing one
  libvirt daemon need templates that cannot collide.
"""),
    cfg.IntOpt('reserved_host_memory_mb',
               default=512, min=0,
               help="""
Memory in MiB kept back for the host; never offered to instances.

Possible values:

* A non-negative integer.
"""),
    cfg.IntOpt('reserved_host_disk_mb',
               default=0, min=0,
               help="""
Disk in MiB kept back for the host; never offered to instances.

Possible values:

* A non-negative integer.
"""),
    cfg.IntOpt('reserved_host_cpus',
               default=0, min=0,
               help="""
Number of host vCPUs kept back for the host.

Possible values:

* A non-negative integer.
"""),
    cfg.FloatOpt('cpu_allocation_ratio',
                 default=16.0, min=0.0,
                 help="""
Virtual CPU to physical CPU allocation ratio.

Possible values:

* A positive float.
"""),
    cfg.FloatOpt('ram_allocation_ratio',
                 default=1.5, min=0.0,
                 help="""
Virtual RAM to physical RAM allocation ratio.

Possible values:

* A positive float.
"""),
    cfg.FloatOpt('disk_allocation_ratio',
                 default=1.0, min=0.0,
                 help="""
Virtual disk to physical disk allocation ratio.

Possible values:

* A positive float.
"""),
    cfg.BoolOpt('force_raw_images',
                default=True,
                help="""
Convert cached base images to raw, as Nova does by default.

Possible values:

* True: the image cache holds raw files; overlays back onto them.
* False: the image cache keeps the image's own format.
"""),
    cfg.IntOpt('max_concurrent_builds',
               default=10, min=0,
               help="""
Maximum number of instance builds running at once on a compute host.

Possible values:

* 0: unlimited.
* A positive integer.
"""),
    cfg.IntOpt('instance_build_timeout',
               default=0, min=0,
               help="""
Seconds an instance may stay in BUILD on its host before it is put in
ERROR by a periodic task.

Possible values:

* 0: no timeout.
* A positive integer.
"""),
]

configdrive_opts = [
    cfg.BoolOpt('force_config_drive',
                default=False,
                help="""
Attach a config drive to every instance, whether or not it asked for one.

Possible values:

* True: every instance gets ``disk.config``.
* False: only instances booted with ``config_drive: true``.
"""),
    cfg.StrOpt('config_drive_format',
               default='iso9660',
               choices=[('iso9660', 'An ISO9660 image labelled config-2')],
               help="""
Format of the config drive.
"""),
]


def register_opts(conf):
    conf.register_opts(compute_opts)
    conf.register_opts(configdrive_opts)


def list_opts():
    return {'DEFAULT': compute_opts + configdrive_opts}
