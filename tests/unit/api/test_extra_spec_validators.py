"""The registry of the flavor extra specs Nova knows (validated from
microversion 2.86): which names it knows, and how it reads values."""

import os_resource_classes
import os_traits
import pytest

from nova_lite.api.validation.extra_specs import validators
from nova_lite import exception


@pytest.fixture
def network():
    """The registry needs no database: no network to make (the API
    tests' autouse fixture is overridden)."""


def _refusal(name, value):
    with pytest.raises(exception.ValidationError) as caught:
        validators.validate(name, value)
    return caught.value.format_message()


def _unknown(name):
    return ("Validation failed; extra spec '%s' does not appear to be a "
            "valid extra spec." % name)


def test_the_namespaces_are_novas():
    group = '(?P<group>([a-zA-Z0-9_-]{1,64})?)'
    assert validators.NAMESPACES == {
        'accel', 'aggregate_instance_extra_specs', 'capabilities', 'hw',
        'hw_rng', 'hw_video', 'os', 'pci_passthrough', 'quota',
        'resources' + group, 'trait' + group, 'vmware'}


_HW = {
    'hw:cpu_realtime', 'hw:cpu_realtime_mask', 'hw:hide_hypervisor_id',
    'hw:cpu_policy', 'hw:cpu_thread_policy', 'hw:emulator_threads_policy',
    'hw:cpu_dedicated_mask', 'hw:mem_page_size', 'hw:locked_memory',
    'hw:numa_nodes', 'hw:numa_cpus.{num}', 'hw:numa_mem.{num}',
    'hw:pci_numa_affinity_policy', 'hw:cpu_sockets', 'hw:cpu_cores',
    'hw:cpu_threads', 'hw:cpu_max_sockets', 'hw:cpu_max_cores',
    'hw:cpu_max_threads', 'hw:boot_menu', 'hw:vif_multiqueue_enabled',
    'hw:mem_encryption', 'hw:mem_encryption_model', 'hw:pmem', 'hw:pmu',
    'hw:serial_port_count', 'hw:tpm_model', 'hw:tpm_version',
    'hw:tpm_secret_security', 'hw:watchdog_action', 'hw:viommu_model',
    'hw:virtio_packed_ring', 'hw:sound_model', 'hw:usb_model',
    'hw:redirected_usb_ports', 'hw:ephemeral_encryption',
    'hw:ephemeral_encryption_format',
}

_QUOTA = {
    'quota:%s_%s' % (resource, setting)
    for resource in ('cpu', 'memory', 'disk_io', 'vif')
    for setting in ('limit', 'reservation', 'shares_level', 'shares_share')
} | {'quota:cpu_shares', 'quota:cpu_period', 'quota:cpu_quota'} | {
    'quota:disk_%s_%s_sec' % (stat, metric)
    for stat in ('read', 'write', 'total') for metric in ('bytes', 'iops')
} | {
    'quota:vif_%s_%s' % (direction, metric)
    for direction in ('inbound', 'outbound')
    for metric in ('average', 'peak', 'burst')
}

_CAPABILITIES = {'capabilities:' + name for name in (
    'id', 'uuid', 'service_id', 'host', 'vcpus', 'memory_mb', 'local_gb',
    'vcpus_used', 'memory_mb_used', 'local_gb_used', 'hypervisor_type',
    'hypervisor_version', 'hypervisor_hostname', 'free_ram_mb',
    'free_disk_gb', 'current_workload', 'running_vms',
    'disk_available_least', 'host_ip', 'mapped', 'cpu_allocation_ratio',
    'ram_allocation_ratio', 'disk_allocation_ratio', 'total_usable_ram_mb',
    'total_usable_disk_gb', 'disk_mb_used', 'free_disk_mb', 'vcpus_total',
    'num_instances', 'num_io_ops', 'failed_builds', 'aggregates',
    'cell_uuid', 'updated')} | {
    'capabilities:%s{filter}' % name for name in (
        'cpu_info', 'metrics', 'stats', 'numa_topology',
        'supported_hv_specs', 'pci_device_pools', 'nodename', 'pci_stats',
        'supported_instances', 'limits', 'instances')}


def test_the_known_names_are_novas():
    others = {
        'accel:device_profile', 'aggregate_instance_extra_specs:{key}',
        'hw_rng:allowed', 'hw_rng:rate_bytes', 'hw_rng:rate_period',
        'hw_video:ram_max_mb', 'hide_hypervisor_id', 'group_policy',
        'os:secure_boot', 'pci_passthrough:alias', 'vmware:hw_version',
        'vmware:storage_policy', 'resources{group}:CUSTOM_{resource}',
        'trait{group}:CUSTOM_{trait}'}
    placement = {
        'resources{group}:' + name for name in os_resource_classes.STANDARDS
    } | {'trait{group}:' + name for name in os_traits.get_traits()}

    assert set(validators.VALIDATORS) == (
        _HW | _QUOTA | _CAPABILITIES | others | placement)


def test_every_standard_trait_is_required_or_forbidden():
    for trait in os_traits.get_traits():
        validators.validate('trait:' + trait, 'required')
        validators.validate('trait2:' + trait, 'forbidden')
        assert _refusal('trait:' + trait, 'Required') == (
            "Validation failed; 'Required' is not one of: required, "
            "forbidden.")


def test_every_standard_resource_class_takes_an_integer():
    for resource_class in os_resource_classes.STANDARDS:
        validators.validate('resources:' + resource_class, '1')
        validators.validate('resources_x-1:' + resource_class, '-1')
        assert _refusal('resources:' + resource_class, 'one') == (
            "Validation failed; 'one' is not a valid integer value.")


def test_a_standard_name_needs_no_custom_prefix_and_others_need_one():
    validators.validate('resources:CUSTOM_MAGIC_1', '1')
    validators.validate('trait:CUSTOM_MAGIC_1', 'required')
    for name in ('resources:MAGIC', 'resources:CUSTOM_magic',
                 'trait:MAGIC', 'trait:CUSTOM_'):
        assert _refusal(name, '1') == _unknown(name)


def test_a_group_name_is_up_to_64_characters():
    validators.validate('resources%s:VCPU' % ('g' * 64), '1')
    assert _refusal('resources%s:VCPU' % ('g' * 64), 'x') == (
        "Validation failed; 'x' is not a valid integer value.")
    # Longer, it is no namespace Nova knows: the spec is left alone.
    validators.validate('resources%s:VCPU' % ('g' * 65), 'x')


def test_names_outside_the_known_namespaces_are_left_alone():
    for name in ('foo', 'foo:bar', 'hhw:cpu_policy', 'w:cpu_policy',
                 'hw_cpu_policy', 'hw_foo:bar', 'powervm:proc_units', 'hw'):
        validators.validate(name, 'anything')


@pytest.mark.parametrize('name', [
    'hw:', 'hw:foo', 'hw:cpu_policyy', 'hw:cpu_polic', 'hw:numa_cpus.',
    'hw:numa_mem.x', 'hw_rng:', 'capabilities:host:x',
    'capabilities:cpu_info:', 'capabilities:cpu_info:a-b',
    'aggregate_instance_extra_specs:', 'quota:cpu', 'accel:', 'os:',
    'vmware:', 'pci_passthrough:', 'hw_video:'])
def test_an_unknown_name_in_a_known_namespace_is_refused(name):
    assert _refusal(name, '1') == _unknown(name)


def test_a_placeholder_takes_what_its_pattern_allows():
    validators.validate('hw:numa_cpus.12', '0-3')
    validators.validate('capabilities:cpu_info:features:aes', 'x')
    validators.validate('aggregate_instance_extra_specs:any key.at:all',
                        'x')
    # Nova reads the rest of the name as a regex too: its '.' is any
    # character.
    assert _refusal('hw:numa_mem:0', '0') == (
        "Validation failed; '0' is less than the min value of '1'.")


@pytest.mark.parametrize('value', [' 7 ', '+7', '1_000', '7'])
def test_an_integer_is_what_python_reads_as_one(value):
    validators.validate('hw:numa_nodes', value)


@pytest.mark.parametrize('value', ['', 'seven', '1.5', '7a', '0x7'])
def test_a_non_integer_is_refused(value):
    assert _refusal('hw:numa_nodes', value) == (
        "Validation failed; '%s' is not a valid integer value." % value)


def test_an_integer_out_of_bounds_is_refused_with_the_number_read():
    assert _refusal('hw:numa_nodes', ' +0') == (
        "Validation failed; '0' is less than the min value of '1'.")
    assert _refusal('hw:redirected_usb_ports', '16') == (
        "Validation failed; '16' is greater than the max value of '15'.")
    validators.validate('hw:redirected_usb_ports', '15')
    validators.validate('hw:redirected_usb_ports', '0')
    validators.validate('quota:cpu_quota', '-1')


@pytest.mark.parametrize('value', ['1', '0', 'true', 'False', 'y', 'On',
                                   ' yes '])
def test_a_boolean_is_a_boolean_like_string(value):
    validators.validate('hw:cpu_realtime', value)


@pytest.mark.parametrize('value', ['2', '00', 'tru', 'yah', ''])
def test_a_non_boolean_is_refused(value):
    assert _refusal('hw:cpu_realtime', value) == (
        "Validation failed; '%s' is not a valid boolean-like value." % value)


def test_a_pattern_must_match_the_whole_value():
    for value in ('large', '2kbit', '1GB', '2048', '2MiB'):
        validators.validate('hw:mem_page_size', value)
    for value in ('largest', '2kbits', '1gigabyte'):
        assert _refusal('hw:mem_page_size', value) == (
            "Validation failed; '%s' is not of the format "
            r"'(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)'." % value)


def test_the_realtime_mask_is_novas_cpu_set():
    for value in ('0', '^0', '^0,2-3,1'):
        validators.validate('hw:cpu_realtime_mask', value)
    assert _refusal('hw:cpu_realtime_mask', '^0,2-3,b') == (
        "Validation failed; '^0,2-3,b' is not of the format "
        r"'(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'.")


def test_an_enum_value_is_matched_exactly():
    validators.validate('hw:cpu_policy', 'dedicated')
    assert _refusal('hw:cpu_policy', 'Dedicated') == (
        "Validation failed; 'Dedicated' is not one of: dedicated, shared, "
        "mixed.")
    assert _refusal('hw:tpm_version', '2') == (
        "Validation failed; '2' is not one of: 1.2, 2.0.")


def test_a_free_value_takes_any_string():
    for name in ('accel:device_profile', 'vmware:hw_version',
                 'capabilities:hypervisor_type',
                 'aggregate_instance_extra_specs:ssd'):
        validators.validate(name, '')
        validators.validate(name, '<or> a <or> b')
