"""vmware: the VMware driver's hardware version and storage policy."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    base.ExtraSpecValidator('vmware:hw_version', base.ANY_STRING),
    base.ExtraSpecValidator('vmware:storage_policy', base.ANY_STRING),
]
