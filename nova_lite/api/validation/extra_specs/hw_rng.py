"""hw_rng: the guest's random number generator (libvirt)."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    base.ExtraSpecValidator('hw_rng:allowed', base.BOOLEAN),
    # Bytes the guest may read from the host's entropy per period...
    base.ExtraSpecValidator('hw_rng:rate_bytes', base.integer(min=0)),
    # ...and the period, in milliseconds.
    base.ExtraSpecValidator('hw_rng:rate_period', base.integer(min=0)),
]
