"""pci_passthrough: PCI devices to pass through, by alias (libvirt)."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    # One or more comma-separated '$alias:$count'.
    base.ExtraSpecValidator(
        'pci_passthrough:alias',
        base.string(pattern=r'[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*')),
]
