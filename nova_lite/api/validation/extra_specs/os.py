"""os: guest firmware features (libvirt)."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    base.ExtraSpecValidator('os:secure_boot',
                            base.string(enum=['disabled', 'required'])),
]
