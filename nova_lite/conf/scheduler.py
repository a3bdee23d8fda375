"""Options of nova-lite-scheduler: ``[scheduler]`` and ``[filter_scheduler]``
(filters, weighers and their multipliers), with Nova's defaults."""

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
    cfg.IntOpt('max_placement_results',
               default=1000, min=1,
               help="""
Maximum number of allocation candidates asked of placement for one
scheduling request, which bounds the hosts the filters and weighers see.

1 leaves the choice to placement on "does it fit" grounds alone; a larger
value lets the filters and weighers choose among more hosts, at the cost of
memory and time in the scheduler.

Possible values:

* A positive integer: the number of placement results to request.
"""),
]

DEFAULT_FILTERS = [
    'ComputeFilter',
    'AvailabilityZoneFilter',
    'ComputeCapabilitiesFilter',
    'ImagePropertiesFilter',
    'ServerGroupAntiAffinityFilter',
    'ServerGroupAffinityFilter',
    'SameHostFilter',
    'DifferentHostFilter',
    'AggregateInstanceExtraSpecsFilter',
]

DEFAULT_WEIGHERS = [
    'RAMWeigher',
    'CPUWeigher',
    'DiskWeigher',
    'IoOpsWeigher',
    'NumInstancesWeigher',
    'ServerGroupSoftAffinityWeigher',
    'ServerGroupSoftAntiAffinityWeigher',
]


def _multiplier_opt(name, default, what, min_value=None):
    """The float option ``name``: the multiplier of one weigher, ``what``
    saying which."""
    possible = ('* A float; its absolute value sets how strongly this '
                'weigher\n  counts against the others.' if min_value is None
                else '* A non-negative float: how strongly this weigher '
                     'counts\n  against the others.')
    return cfg.FloatOpt(name, default=default, min=min_value, help="""
%s

Only used when the weigher is in ``[filter_scheduler] weight_classes``. A
host's aggregates can override it with a metadata key of the same name (the
smallest value wins when several aggregates set it).

Possible values:

%s

Related options:

* ``[filter_scheduler] weight_classes``
""" % (what.strip(), possible))


filter_opts = [
    cfg.IntOpt('host_subset_size',
               default=1, min=1,
               help="""
The scheduler picks at random among this many best-weighed hosts.

A value above 1 lowers the chance that concurrent requests pick the same
host, at the cost of a less optimal choice.

Possible values:

* A positive integer.
"""),
    cfg.BoolOpt('shuffle_best_same_weighed_hosts',
                default=False,
                help="""
Shuffle the hosts that share the best weight before choosing among them.

Useful with ``host_subset_size = 1`` when many hosts weigh the same (for
example identical empty hosts): requests then spread across them instead of
all landing on the first, at the cost of a less dense packing.

Possible values:

* True: shuffle the hosts of equal best weight.
* False: keep their order.
"""),
    cfg.IntOpt('max_io_ops_per_host',
               default=8, min=0,
               help="""
Number of instances that may be performing I/O (building, resizing,
snapshotting, migrating, rescuing, unshelving) on a host at once.

Only used when ``IoOpsFilter`` is in ``enabled_filters``: a host with this
many operations in flight is filtered out.

Possible values:

* A non-negative integer.

Related options:

* ``[filter_scheduler] enabled_filters``
"""),
    cfg.ListOpt('enabled_filters',
                default=DEFAULT_FILTERS,
                help="""
Filters the scheduler applies, in order, to every candidate host; put the
most restrictive first.

An unknown name stops the scheduler from starting
(``SchedulerHostFilterNotFound``).

Possible values:

* Class names of ``nova_lite.scheduler.filters``: ``ComputeFilter``,
  ``AvailabilityZoneFilter``, ``ComputeCapabilitiesFilter``,
  ``ImagePropertiesFilter``, ``ServerGroupAntiAffinityFilter``,
  ``ServerGroupAffinityFilter``, ``SameHostFilter``,
  ``DifferentHostFilter``, ``AggregateInstanceExtraSpecsFilter``,
  ``IoOpsFilter``.
"""),
    cfg.ListOpt('weight_classes',
                default=DEFAULT_WEIGHERS,
                help="""
Weighers the scheduler uses to rank the hosts that passed the filters. Each
weigher's weights are normalised to [0, 1], multiplied by its multiplier and
summed; the host of greatest sum is best.

An unknown name stops the scheduler from starting
(``SchedulerHostWeigherNotFound``).

Possible values:

* Class names of ``nova_lite.scheduler.weights``: ``RAMWeigher``,
  ``CPUWeigher``, ``DiskWeigher``, ``IoOpsWeigher``,
  ``NumInstancesWeigher``, ``ServerGroupSoftAffinityWeigher``,
  ``ServerGroupSoftAntiAffinityWeigher``.
"""),
    _multiplier_opt('ram_weight_multiplier', 1.0, """
Multiplier of the free RAM weight (``RAMWeigher``).

Positive prefers hosts with more free RAM (spreads instances), negative
prefers hosts with less (stacks them).
"""),
    _multiplier_opt('cpu_weight_multiplier', 1.0, """
Multiplier of the free vCPU weight (``CPUWeigher``).

Positive prefers hosts with more free vCPUs (spreads instances), negative
prefers hosts with fewer (stacks them).
"""),
    _multiplier_opt('disk_weight_multiplier', 1.0, """
Multiplier of the free disk weight (``DiskWeigher``).

Positive prefers hosts with more free disk (spreads instances), negative
prefers hosts with less (stacks them).
"""),
    _multiplier_opt('io_ops_weight_multiplier', -1.0, """
Multiplier of the I/O operations weight (``IoOpsWeigher``).

Negative, the default, prefers hosts with fewer operations in flight
(lighter workload); positive prefers busier hosts.
"""),
    _multiplier_opt('num_instances_weight_multiplier', 0.0, """
Multiplier of the number of instances weight (``NumInstancesWeigher``).

Negative prefers hosts with fewer instances (spreads), positive prefers
hosts with more (packs). The default, 0.0, leaves this weigher without
effect until a strategy is chosen.
"""),
    _multiplier_opt('soft_affinity_weight_multiplier', 1.0, """
Multiplier of the ``soft-affinity`` server group weight
(``ServerGroupSoftAffinityWeigher``): hosts with more members of the group
weigh more.
""", min_value=0.0),
    _multiplier_opt('soft_anti_affinity_weight_multiplier', 1.0, """
Multiplier of the ``soft-anti-affinity`` server group weight
(``ServerGroupSoftAntiAffinityWeigher``): hosts with fewer members of the
group weigh more.
""", min_value=0.0),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)
    conf.register_group(filter_group)
    conf.register_opts(filter_opts, group=filter_group)


def list_opts():
    return {scheduler_group: scheduler_opts, filter_group: filter_opts}
