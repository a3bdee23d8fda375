"""hw: the guest's virtual hardware (libvirt): CPU policy and topology,
realtime, memory pages, NUMA, devices and feature flags, ephemeral
encryption."""

from nova_lite.api.validation.extra_specs import base

# A CPU set: '0-3,^2,6'.
_CPU_SET = r'\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'

_CPU_POLICY = [
    base.ExtraSpecValidator(
        'hw:cpu_policy', base.string(enum=['dedicated', 'shared', 'mixed'])),
    base.ExtraSpecValidator(
        'hw:cpu_thread_policy',
        base.string(enum=['prefer', 'isolate', 'require'])),
    base.ExtraSpecValidator(
        'hw:emulator_threads_policy',
        base.string(enum=['isolate', 'share'])),
    # The guest CPUs pinned under the 'mixed' policy.
    base.ExtraSpecValidator('hw:cpu_dedicated_mask',
                            base.string(pattern=_CPU_SET)),
]

_REALTIME = [
    base.ExtraSpecValidator('hw:cpu_realtime', base.BOOLEAN),
    # The guest CPUs left out of realtime; Nova's pattern, which (unlike
    # the other CPU sets') takes a '^' before the first CPU as a group.
    base.ExtraSpecValidator(
        'hw:cpu_realtime_mask',
        base.string(pattern=r'(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*')),
]

_CPU_TOPOLOGY = [
    base.ExtraSpecValidator('hw:cpu_%s' % part, base.integer(min=1))
    for part in ('sockets', 'cores', 'threads',
                 'max_sockets', 'max_cores', 'max_threads')
]

_MEMORY = [
    # An alias or a size ('2048', '2MiB', '1GB', '2kbit').
    base.ExtraSpecValidator(
        'hw:mem_page_size',
        base.string(pattern=r'(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)')),
    base.ExtraSpecValidator('hw:locked_memory', base.BOOLEAN),
]

_NUMA = [
    base.ExtraSpecValidator('hw:numa_nodes', base.integer(min=1)),
    # The guest CPUs and memory (MB) of guest NUMA node {num}.
    base.ExtraSpecValidator('hw:numa_cpus.{num}',
                            base.string(pattern=_CPU_SET), {'num': r'\d+'}),
    base.ExtraSpecValidator('hw:numa_mem.{num}', base.integer(min=1),
                            {'num': r'\d+'}),
    base.ExtraSpecValidator(
        'hw:pci_numa_affinity_policy',
        base.string(enum=['required', 'preferred', 'legacy', 'socket'])),
]

# Nova's SoundModelType, USBControllerModelType and
# BlockDeviceEncryptionFormatType.
SOUND_MODELS = ('sb16', 'es1370', 'pcspk', 'ac97', 'ich6', 'ich9', 'usb',
                'virtio')
USB_CONTROLLER_MODELS = ('none', 'nec-xhci', 'qemu-xhci')
ENCRYPTION_FORMATS = ('plain', 'luks', 'luksv2')

_FEATURES = [
    base.ExtraSpecValidator('hw:hide_hypervisor_id', base.BOOLEAN),
    base.ExtraSpecValidator('hw:boot_menu', base.BOOLEAN),
    base.ExtraSpecValidator('hw:vif_multiqueue_enabled', base.BOOLEAN),
    base.ExtraSpecValidator('hw:mem_encryption', base.BOOLEAN),
    base.ExtraSpecValidator(
        'hw:mem_encryption_model',
        base.string(enum=['amd-sev', 'amd-sev-es', 'amd-sev-snp'])),
    # Comma-separated vPMEM labels of the configuration.
    base.ExtraSpecValidator('hw:pmem',
                            base.string(pattern='([a-zA-Z0-9_]+(,)?)+')),
    base.ExtraSpecValidator('hw:pmu', base.BOOLEAN),
    base.ExtraSpecValidator('hw:serial_port_count', base.integer(min=0)),
    base.ExtraSpecValidator('hw:tpm_model',
                            base.string(enum=['tpm-tis', 'tpm-crb'])),
    base.ExtraSpecValidator('hw:tpm_version',
                            base.string(enum=['1.2', '2.0'])),
    base.ExtraSpecValidator(
        'hw:tpm_secret_security',
        base.string(enum=['user', 'host', 'deployment'])),
    base.ExtraSpecValidator(
        'hw:watchdog_action',
        base.string(enum=['none', 'pause', 'poweroff', 'reset',
                          'disabled'])),
    base.ExtraSpecValidator(
        'hw:viommu_model',
        base.string(enum=['intel', 'smmuv3', 'virtio', 'auto'])),
    base.ExtraSpecValidator('hw:virtio_packed_ring', base.BOOLEAN),
    base.ExtraSpecValidator('hw:sound_model',
                            base.string(enum=SOUND_MODELS)),
    base.ExtraSpecValidator('hw:usb_model',
                            base.string(enum=USB_CONTROLLER_MODELS)),
    base.ExtraSpecValidator('hw:redirected_usb_ports',
                            base.integer(min=0, max=15)),
]

_EPHEMERAL_ENCRYPTION = [
    base.ExtraSpecValidator('hw:ephemeral_encryption', base.BOOLEAN),
    base.ExtraSpecValidator('hw:ephemeral_encryption_format',
                            base.string(enum=ENCRYPTION_FORMATS)),
]

VALIDATORS = (_REALTIME + _CPU_POLICY + _MEMORY + _NUMA + _CPU_TOPOLOGY +
              _FEATURES + _EPHEMERAL_ENCRYPTION)
