"""The known specs outside any namespace. (A name without a namespace
that is neither of these is accepted as it is.)"""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    # Deprecated for hw:hide_hypervisor_id.
    base.ExtraSpecValidator('hide_hypervisor_id', base.BOOLEAN),
    # How the granular resource groups (resources1:...) share providers.
    base.ExtraSpecValidator('group_policy',
                            base.string(enum=['isolate', 'none'])),
]
