"""accel: the Cyborg device profile an instance's accelerators come
from."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    base.ExtraSpecValidator('accel:device_profile', base.ANY_STRING),
]
