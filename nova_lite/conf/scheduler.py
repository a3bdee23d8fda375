"""Options of nova-lite-scheduler."""

from oslo_config import cfg

scheduler_group = cfg.OptGroup('scheduler', title='Scheduler options')
filter_group = cfg.OptGroup('filter_scheduler',
                            title='Filter scheduler options')

scheduler_opts = [
    cfg.IntOpt('max_attempts',
               default=3, min=1,
               help="""
Maximum number of hosts a build is tried on: the selected host plus
``max_attempts - 1`` alternates used to reschedule a failed build.

Possible values:

* A positive integer.
"""),
]

filter_opts = [
    cfg.ListOpt('enabled_filters',
                default=['ComputeFilter', 'RamFilter', 'DiskFilter',
                         'CoreFilter'],
                help="""
Filters the scheduler applies, in order, to every candidate host.

Possible values:

* Class names of ``nova_lite.scheduler.filters``: ``ComputeFilter`` (up and
  enabled), ``RamFilter``, ``DiskFilter``, ``CoreFilter``.
"""),
    cfg.ListOpt('weight_classes',
                default=['RAMWeigher'],
                help="""
Weighers the scheduler sums to rank the hosts that passed the filters.

Possible values:

* Class names of ``nova_lite.scheduler.weights``: ``RAMWeigher``.
"""),
    cfg.FloatOpt('ram_weight_multiplier',
                 default=1.0,
                 help="""
Multiplier of the free RAM weight. Positive spreads instances across hosts,
negative stacks them.

Possible values:

* A float.
"""),
    cfg.IntOpt('host_subset_size',
               default=1, min=1,
               help="""
The scheduler picks at random among this many best-weighed hosts.

Possible values:

* A positive integer.
"""),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)
    conf.register_group(filter_group)
    conf.register_opts(filter_opts, group=filter_group)


def list_opts():
    return {scheduler_group: scheduler_opts, filter_group: filter_opts}
