"""The registry of known extra specs and ``validate``, which the flavor
extra specs API calls from microversion 2.86.

A spec whose name a validator matches has its value checked; a name in a
namespace some validator has ('hw:foo', 'resources1:FOO') but that none
matches is refused; any other name (no namespace, or an unknown one:
'foo', 'vendor:x') is accepted as it is, as before 2.86.
"""

import re

from nova_lite.api.validation.extra_specs import accel
from nova_lite.api.validation.extra_specs import \
    aggregate_instance_extra_specs
from nova_lite.api.validation.extra_specs import capabilities
from nova_lite.api.validation.extra_specs import hw
from nova_lite.api.validation.extra_specs import hw_rng
from nova_lite.api.validation.extra_specs import hw_video
from nova_lite.api.validation.extra_specs import null
from nova_lite.api.validation.extra_specs import os
from nova_lite.api.validation.extra_specs import pci_passthrough
from nova_lite.api.validation.extra_specs import quota
from nova_lite.api.validation.extra_specs import resources
from nova_lite.api.validation.extra_specs import traits
from nova_lite.api.validation.extra_specs import vmware
from nova_lite import exception

_NAMESPACE_MODULES = (
    accel, aggregate_instance_extra_specs, capabilities, hw, hw_rng,
    hw_video, null, os, pci_passthrough, quota, resources, traits, vmware,
)

# Keyed by name (with its placeholders): a plain name is found at once,
# a parameterised one by matching every name's regex in turn.
VALIDATORS = {validator.name: validator
              for module in _NAMESPACE_MODULES
              for validator in module.VALIDATORS}

# The namespaces' regexes ('hw', 'trait(?P<group>...)').
NAMESPACES = frozenset(validator.namespace
                       for validator in VALIDATORS.values()
                       if validator.namespace is not None)
_NAMESPACE_REGEXES = tuple(re.compile(namespace)
                           for namespace in sorted(NAMESPACES))


def _find(name):
    if name in VALIDATORS:
        return VALIDATORS[name]
    for validator in VALIDATORS.values():
        if validator.matches(name):
            return validator
    return None


def _in_known_namespace(name):
    if ':' not in name:
        return False
    namespace = name.split(':', 1)[0]
    return any(regex.fullmatch(namespace) for regex in _NAMESPACE_REGEXES)


def validate(name, value):
    """Raise ValidationError (400) with Nova's message if the extra spec
    ``name`` is known and ``value`` (a string) is not valid for it, or if
    ``name`` is unknown in a known namespace."""
    validator = _find(name)
    if validator is not None:
        validator.validate(value)
    elif _in_known_namespace(name):
        raise exception.ValidationError(
            "Validation failed; extra spec '%s' does not appear to be a "
            "valid extra spec." % name)
