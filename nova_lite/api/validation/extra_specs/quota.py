"""quota: limits, reservations and shares of CPU, memory, disk IO and
network (VMware), CPU shares and bandwidth, disk and VIF IO (libvirt)."""

from nova_lite.api.validation.extra_specs import base

_NON_NEGATIVE = base.integer(min=0)

VALIDATORS = []

# VMware: a limit (0 is none), a reservation, and a shares level whose
# 'custom' takes the number of shares.
for _resource in ('cpu', 'memory', 'disk_io', 'vif'):
    VALIDATORS += [
        base.ExtraSpecValidator('quota:%s_limit' % _resource, _NON_NEGATIVE),
        base.ExtraSpecValidator('quota:%s_reservation' % _resource,
                                base.integer()),
        base.ExtraSpecValidator(
            'quota:%s_shares_level' % _resource,
            base.string(enum=['custom', 'high', 'normal', 'low'])),
        base.ExtraSpecValidator('quota:%s_shares_share' % _resource,
                                _NON_NEGATIVE),
    ]

# libvirt: CPU time; a negative cpu_quota is unlimited bandwidth.
VALIDATORS += [
    base.ExtraSpecValidator('quota:cpu_shares', _NON_NEGATIVE),
    base.ExtraSpecValidator('quota:cpu_period', _NON_NEGATIVE),
    base.ExtraSpecValidator('quota:cpu_quota', base.integer()),
]

# libvirt: disk IO tuning.
VALIDATORS += [
    base.ExtraSpecValidator('quota:disk_%s_%s_sec' % (stat, metric),
                            _NON_NEGATIVE)
    for stat in ('read', 'write', 'total')
    for metric in ('bytes', 'iops')
]

# libvirt: VIF bandwidth.
VALIDATORS += [
    base.ExtraSpecValidator('quota:vif_%s_%s' % (direction, metric),
                            _NON_NEGATIVE)
    for direction in ('inbound', 'outbound')
    for metric in ('average', 'peak', 'burst')
]
