"""trait[group]: a trait a resource provider must have or must not have,
for the unnumbered request group or a granular one ('trait1:...'). The
standard traits are os-traits' (as Nova's); others must be CUSTOM_*."""

import os_traits

from nova_lite.api.validation.extra_specs import base
from nova_lite.api.validation.extra_specs import resources

_REQUIRED_OR_FORBIDDEN = base.string(enum=['required', 'forbidden'])

VALIDATORS = [
    base.ExtraSpecValidator('trait{group}:%s' % trait,
                            _REQUIRED_OR_FORBIDDEN,
                            {'group': resources.GROUP})
    for trait in os_traits.get_traits()
] + [
    base.ExtraSpecValidator('trait{group}:CUSTOM_{trait}',
                            _REQUIRED_OR_FORBIDDEN,
                            {'group': resources.GROUP,
                             'trait': r'[A-Z0-9_]+'}),
]
