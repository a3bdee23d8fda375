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


pointer_opts = [
    cfg.StrOpt('pointer_model',
               default='usbtablet',
               choices=[('usbtablet', 'A USB tablet: absolute positioning, '
                                      'so a VNC cursor follows the '
                                      'client\'s.'),
                        ('ps2mouse', 'Only the PS/2 mouse x86 machines '
                                     'have anyway (relative movement).')],
               help="""
The pointer device of guests with a graphical console.

The image properties ``hw_input_bus`` and ``hw_pointer_model`` take
precedence over this option.

Possible values:

* ``usbtablet`` (default): a USB tablet (and the USB controller it needs).
* ``ps2mouse``: no extra device.

Related options:

* ``[vnc] enabled``: without a graphical console there is no pointer.
"""),
]

lifecycle_opts = [
    cfg.IntOpt('shutdown_timeout',
               default=60, min=0,
               help="""
Seconds a guest is given to shut down cleanly (ACPI power button) when
it is stopped, before it is powered off. The image property
``os_shutdown_timeout`` overrides it per image.

Possible values:

* 0: power off at once.
* A positive integer.
"""),
    cfg.IntOpt('sync_power_state_interval',
               default=600,
               help="""
Seconds between runs of the task that aligns each instance's recorded
power state with the hypervisor's (a guest that powered itself off
becomes SHUTOFF).

Possible values:

* 0: at every run of the periodic tasks.
* A negative integer: never.
* A positive integer.
"""),
    cfg.StrOpt('running_deleted_instance_action',
               default='reap',
               choices=[('reap', 'Power off and delete the guest'),
                        ('log', 'Log a warning only'),
                        ('shutdown', 'Power off the guest, keep it'),
                        ('noop', 'Do nothing')],
               help="""
What to do with a guest still on the hypervisor whose instance was
deleted (checked at compute start and periodically).
"""),
    cfg.IntOpt('running_deleted_instance_poll_interval',
               default=1800,
               help="""
Seconds between checks for guests of deleted instances.

Possible values:

* 0: at every run of the periodic tasks.
* A negative integer: never (the check at start still runs).
* A positive integer.
"""),
    cfg.BoolOpt('resume_guests_state_on_host_boot',
                default=False,
                help="""
Whether to start again, when the compute service starts, the guests
recorded as running that are not (after a host reboot, say), by
recreating their domains from their disks.
"""),
    cfg.IntOpt('running_deleted_instance_timeout',
               default=0, min=0,
               help="""
Seconds an instance must have been deleted before its leftover guest is
acted upon.
"""),
]

compute_group_opts = [
    cfg.IntOpt('shutdown_retry_interval',
               default=10, min=1,
               help="""
Seconds between the ACPI shutdown requests sent to a guest during a
clean shutdown.
"""),
]


def register_opts(conf):
    conf.register_opts(compute_opts)
    conf.register_opts(configdrive_opts)
    conf.register_opts(lifecycle_opts)
    conf.register_opts(pointer_opts)
    conf.register_opts(compute_group_opts, group='compute')


def list_opts():
    return {'DEFAULT': (compute_opts + configdrive_opts + pointer_opts +
                        lifecycle_opts),
            'compute': compute_group_opts}
