"""capabilities: what the ComputeCapabilitiesFilter compares with a
host's compute node and host state. The nested ones take a path of
sub-keys ('capabilities:cpu_info:arch'); values are free (operator
expressions or plain values)."""

from nova_lite.api.validation.extra_specs import base

# Fields of the compute node, then of the scheduler's host state.
_FLAT = (
    'id', 'uuid', 'service_id', 'host', 'vcpus', 'memory_mb', 'local_gb',
    'vcpus_used', 'memory_mb_used', 'local_gb_used',
    'hypervisor_type', 'hypervisor_version', 'hypervisor_hostname',
    'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms',
    'disk_available_least', 'host_ip', 'mapped',
    'cpu_allocation_ratio', 'ram_allocation_ratio', 'disk_allocation_ratio',
    'total_usable_ram_mb', 'total_usable_disk_gb', 'disk_mb_used',
    'free_disk_mb', 'vcpus_total', 'num_instances',
    'num_io_ops', 'failed_builds', 'aggregates', 'cell_uuid', 'updated',
)

_NESTED = (
    'cpu_info', 'metrics', 'stats', 'numa_topology', 'supported_hv_specs',
    'pci_device_pools',
    'nodename', 'pci_stats', 'supported_instances', 'limits', 'instances',
)

VALIDATORS = [
    base.ExtraSpecValidator('capabilities:' + name, base.ANY_STRING)
    for name in _FLAT
] + [
    # No sub-key, or ':key' segments of word characters.
    base.ExtraSpecValidator('capabilities:%s{filter}' % name,
                            base.ANY_STRING, {'filter': r'(:\w+)*'})
    for name in _NESTED
]
