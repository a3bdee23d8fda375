"""resources[group]: an amount of a resource class to claim in
Placement, for the unnumbered request group or a granular one
('resources1:VCPU', 'resources_gpu:VGPU'). The standard classes are
os-resource-classes' (as Nova's); others must be CUSTOM_*."""

import os_resource_classes

from nova_lite.api.validation.extra_specs import base

GROUP = r'([a-zA-Z0-9_-]{1,64})?'

VALIDATORS = [
    base.ExtraSpecValidator('resources{group}:%s' % resource_class,
                            base.integer(), {'group': GROUP})
    for resource_class in os_resource_classes.STANDARDS
] + [
    base.ExtraSpecValidator('resources{group}:CUSTOM_{resource}',
                            base.integer(),
                            {'group': GROUP, 'resource': r'[A-Z0-9_]+'}),
]
