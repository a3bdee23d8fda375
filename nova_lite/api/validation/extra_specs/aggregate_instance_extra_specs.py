"""aggregate_instance_extra_specs: metadata a host's aggregate must have
(AggregateInstanceExtraSpecsFilter). Any key and any value: the value may
be an operator expression ('<in> ssd', 's== x') or a plain value."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    base.ExtraSpecValidator('aggregate_instance_extra_specs:{key}',
                            base.ANY_STRING, {'key': r'.+'}),
]
