"""Host filters: which hosts each filter keeps for a request, and how they
are loaded by name."""

import pytest
from oslo_serialization import jsonutils
from oslo_utils import uuidutils

from nova_lite import exception
from nova_lite import objects
from nova_lite.scheduler import filters
from nova_lite.scheduler.filters import extra_specs_ops
from nova_lite.scheduler import host_state as hs

INSTANCE = uuidutils.generate_uuid()
OTHER_INSTANCE = uuidutils.generate_uuid()


def _host(host='host1', **values):
    return hs.HostState(uuid=uuidutils.generate_uuid(), host=host,
                        nodename=host, **values)


def _aggregate(metadata, hosts=('host1',)):
    return objects.Aggregate(name='agg', hosts=list(hosts),
                             metadata=metadata)


def _flavor(extra_specs=None):
    return objects.Flavor(name='small', flavorid='1', memory_mb=512,
                          vcpus=1, root_gb=1, ephemeral_gb=0, swap=0,
                          extra_specs=extra_specs or {})


def _spec(extra_specs=None, **values):
    values.setdefault('instance_uuid', uuidutils.generate_uuid())
    return objects.RequestSpec(flavor=_flavor(extra_specs), num_instances=1,
                               **values)


def _group(policy, members=(), hosts=(), rules=None):
    return objects.InstanceGroup(uuid=uuidutils.generate_uuid(),
                                 policy=policy, members=list(members),
                                 hosts=list(hosts), rules=rules or {})


def _image(**properties):
    return objects.ImageMeta(id=uuidutils.generate_uuid(),
                             properties=properties)


def _passes(name, host_state, spec_obj, conf=None):
    [host_filter] = filters.load_filters([name], conf)
    return host_filter.host_passes(host_state, spec_obj)


# Loading and the base filter.

def test_default_filters_load_in_configured_order(conf):
    loaded = filters.load_filters(conf.filter_scheduler.enabled_filters,
                                  conf)
    assert [type(f).__name__ for f in loaded] == [
        'ComputeFilter', 'AvailabilityZoneFilter',
        'ComputeCapabilitiesFilter', 'ImagePropertiesFilter',
        'ServerGroupAntiAffinityFilter', 'ServerGroupAffinityFilter',
        'SameHostFilter', 'DifferentHostFilter',
        'AggregateInstanceExtraSpecsFilter']


def test_io_ops_filter_can_be_enabled(conf):
    [loaded] = filters.load_filters(['IoOpsFilter'], conf)
    assert type(loaded).__name__ == 'IoOpsFilter'


def test_unknown_filter_name_is_refused(conf):
    with pytest.raises(exception.SchedulerHostFilterNotFound) as err:
        filters.load_filters(['ComputeFilter', 'RamFilter'], conf)
    assert 'RamFilter' in err.value.format_message()


def test_filter_all_returns_the_passing_hosts_in_order(conf):
    up1, down, up2 = (_host('up1'), _host('down', service_up=False),
                      _host('up2'))
    [compute] = filters.load_filters(['ComputeFilter'], conf)
    assert compute.filter_all([up1, down, up2], _spec()) == [up1, up2]


def test_rebuild_check_passes_hosts_filters_not_run_on_rebuild(conf):
    spec = _spec(scheduler_hints={'_nova_check_type': ['rebuild'],
                                  'different_host': [INSTANCE]})
    [different] = filters.load_filters(['DifferentHostFilter'], conf)
    host = _host(instances={INSTANCE})
    assert different.filter_all([host], spec) == [host]


def test_rebuild_check_runs_image_properties_filter(conf):
    spec = _spec(scheduler_hints={'_nova_check_type': ['rebuild']},
                 image=_image(hw_architecture='aarch64'))
    [image_filter] = filters.load_filters(['ImagePropertiesFilter'], conf)
    host = _host(supported_instances=[('x86_64', 'kvm', 'hvm')])
    assert image_filter.filter_all([host], spec) == []


# ComputeFilter

def test_compute_filter_passes_up_enabled_host(conf):
    assert _passes('ComputeFilter', _host(), _spec(), conf)


def test_compute_filter_fails_disabled_host(conf):
    assert not _passes('ComputeFilter', _host(service_disabled=True),
                       _spec(), conf)


def test_compute_filter_fails_down_host(conf):
    assert not _passes('ComputeFilter', _host(service_up=False), _spec(),
                       conf)


# AvailabilityZoneFilter

def test_az_filter_passes_every_host_when_no_zone_asked(conf):
    host = _host(aggregates=[_aggregate({'availability_zone': 'az1'})])
    assert _passes('AvailabilityZoneFilter', host,
                   _spec(availability_zone=None), conf)


def test_az_filter_passes_host_in_the_zone_of_its_aggregate(conf):
    host = _host(aggregates=[_aggregate({'availability_zone': 'az1'})])
    assert _passes('AvailabilityZoneFilter', host,
                   _spec(availability_zone='az1'), conf)


def test_az_filter_fails_host_in_another_zone(conf):
    host = _host(aggregates=[_aggregate({'availability_zone': 'az2'})])
    assert not _passes('AvailabilityZoneFilter', host,
                       _spec(availability_zone='az1'), conf)


def test_az_filter_host_in_several_zoned_aggregates_is_in_each(conf):
    host = _host(aggregates=[_aggregate({'availability_zone': 'az1'}),
                             _aggregate({'availability_zone': 'az2'})])
    assert _passes('AvailabilityZoneFilter', host,
                   _spec(availability_zone='az2'), conf)


def test_az_filter_host_in_no_zoned_aggregate_is_in_default_zone(conf):
    host = _host(aggregates=[_aggregate({'ssd': 'true'})])
    assert _passes('AvailabilityZoneFilter', host,
                   _spec(availability_zone='nova'), conf)
    assert not _passes('AvailabilityZoneFilter', host,
                       _spec(availability_zone='az1'), conf)


def test_az_filter_default_zone_comes_from_config(conf):
    conf.set_override('default_availability_zone', 'az1', 'api')
    assert _passes('AvailabilityZoneFilter', _host(),
                   _spec(availability_zone='az1'), conf)
    assert not _passes('AvailabilityZoneFilter', _host(),
                       _spec(availability_zone='nova'), conf)


# ComputeCapabilitiesFilter

def test_capabilities_filter_passes_matching_host_attribute(conf):
    spec = _spec({'capabilities:hypervisor_type': 's== QEMU'})
    assert _passes('ComputeCapabilitiesFilter',
                   _host(hypervisor_type='QEMU'), spec, conf)


def test_capabilities_filter_fails_mismatching_host_attribute(conf):
    spec = _spec({'capabilities:hypervisor_type': 's== QEMU'})
    assert not _passes('ComputeCapabilitiesFilter',
                       _host(hypervisor_type='xen'), spec, conf)


def test_capabilities_filter_compares_numbers(conf):
    spec = _spec({'capabilities:vcpus_total': '>= 8'})
    assert _passes('ComputeCapabilitiesFilter', _host(vcpus_total=16),
                   spec, conf)
    assert not _passes('ComputeCapabilitiesFilter', _host(vcpus_total=4),
                       spec, conf)


def test_capabilities_filter_reads_into_cpu_info_json(conf):
    host = _host(cpu_info=jsonutils.dumps(
        {'arch': 'x86_64', 'topology': {'cores': 4}}))
    assert _passes('ComputeCapabilitiesFilter', host,
                   _spec({'capabilities:cpu_info:topology:cores': '4'}),
                   conf)
    assert not _passes('ComputeCapabilitiesFilter', host,
                       _spec({'capabilities:cpu_info:arch': 'aarch64'}),
                       conf)


def test_capabilities_filter_fails_when_cpu_info_is_not_json(conf):
    host = _host(cpu_info='not json')
    assert not _passes('ComputeCapabilitiesFilter', host,
                       _spec({'capabilities:cpu_info:arch': 'x86_64'}),
                       conf)


def test_capabilities_filter_falls_back_to_host_stats(conf):
    spec = _spec({'capabilities:gpu_model': 'a100'})
    assert _passes('ComputeCapabilitiesFilter',
                   _host(stats={'gpu_model': 'a100'}), spec, conf)
    assert not _passes('ComputeCapabilitiesFilter',
                       _host(stats={'gpu_model': 't4'}), spec, conf)


def test_capabilities_filter_fails_host_without_the_capability(conf):
    spec = _spec({'capabilities:gpu_model': 'a100'})
    assert not _passes('ComputeCapabilitiesFilter', _host(), spec, conf)


def test_capabilities_filter_ignores_other_scopes(conf):
    spec = _spec({'hw:cpu_policy': 'dedicated',
                  'aggregate_instance_extra_specs:ssd': 'true'})
    assert _passes('ComputeCapabilitiesFilter', _host(), spec, conf)


def test_capabilities_filter_matches_unscoped_key_naming_an_attribute(conf):
    spec = _spec({'hypervisor_type': 'QEMU'})
    assert _passes('ComputeCapabilitiesFilter',
                   _host(hypervisor_type='QEMU'), spec, conf)
    assert not _passes('ComputeCapabilitiesFilter',
                       _host(hypervisor_type='xen'), spec, conf)


def test_capabilities_filter_ignores_unscoped_key_naming_nothing(conf):
    spec = _spec({'trust': 'trusted'})
    assert _passes('ComputeCapabilitiesFilter', _host(), spec, conf)


# ImagePropertiesFilter

KVM_HOST = dict(supported_instances=[('x86_64', 'kvm', 'hvm'),
                                     ('i686', 'kvm', 'hvm')],
                hypervisor_version=6002000)


def test_image_filter_passes_image_asking_nothing(conf):
    assert _passes('ImagePropertiesFilter', _host(),
                   _spec(image=_image(os_distro='fedora')), conf)


def test_image_filter_passes_request_without_image(conf):
    assert _passes('ImagePropertiesFilter', _host(), _spec(image=None),
                   conf)


def test_image_filter_passes_supported_architecture(conf):
    spec = _spec(image=_image(hw_architecture='x86_64'))
    assert _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec, conf)


def test_image_filter_fails_unsupported_architecture(conf):
    spec = _spec(image=_image(hw_architecture='aarch64'))
    assert not _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec,
                       conf)


def test_image_filter_canonicalises_old_architecture_names(conf):
    spec = _spec(image=_image(hw_architecture='AMD64'))
    assert _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec, conf)


def test_image_filter_reads_legacy_property_names(conf):
    host = _host(**KVM_HOST)
    assert _passes('ImagePropertiesFilter', host,
                   _spec(image=_image(architecture='x86_64',
                                      hypervisor_type='kvm',
                                      vm_mode='hvm')), conf)
    assert not _passes('ImagePropertiesFilter', host,
                       _spec(image=_image(hypervisor_type='xen')), conf)


def test_image_filter_current_name_wins_over_legacy_name(conf):
    spec = _spec(image=_image(hw_architecture='x86_64',
                              architecture='aarch64'))
    assert _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec, conf)


def test_image_filter_needs_one_entry_supporting_all_three(conf):
    host = _host(supported_instances=[('x86_64', 'kvm', 'hvm'),
                                      ('aarch64', 'qemu', 'hvm')])
    assert _passes('ImagePropertiesFilter', host,
                   _spec(image=_image(hw_architecture='aarch64',
                                      img_hv_type='qemu')), conf)
    assert not _passes('ImagePropertiesFilter', host,
                       _spec(image=_image(hw_architecture='aarch64',
                                          img_hv_type='kvm')), conf)


def test_image_filter_fails_vm_mode_the_host_lacks(conf):
    spec = _spec(image=_image(hw_vm_mode='xen'))
    assert not _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec,
                       conf)


def test_image_filter_fails_host_advertising_nothing(conf):
    spec = _spec(image=_image(hw_architecture='x86_64'))
    assert not _passes('ImagePropertiesFilter', _host(), spec, conf)


def test_image_filter_passes_satisfied_hypervisor_version(conf):
    spec = _spec(image=_image(img_hv_type='kvm',
                              img_hv_requested_version='>=6.0'))
    assert _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec, conf)


def test_image_filter_fails_unsatisfied_hypervisor_version(conf):
    spec = _spec(image=_image(img_hv_type='kvm',
                              img_hv_requested_version='>=7.0'))
    assert not _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec,
                       conf)


def test_image_filter_fails_unreadable_hypervisor_version(conf):
    spec = _spec(image=_image(img_hv_type='kvm',
                              img_hv_requested_version='seven'))
    assert not _passes('ImagePropertiesFilter', _host(**KVM_HOST), spec,
                       conf)


# ServerGroupAntiAffinityFilter

def test_anti_affinity_passes_request_without_group(conf):
    host = _host(instances={INSTANCE})
    assert _passes('ServerGroupAntiAffinityFilter', host,
                   _spec(instance_group=None), conf)


def test_anti_affinity_ignores_other_policies(conf):
    host = _host(instances={INSTANCE})
    spec = _spec(instance_group=_group('affinity', members=[INSTANCE]))
    assert _passes('ServerGroupAntiAffinityFilter', host, spec, conf)


def test_anti_affinity_fails_host_with_a_member(conf):
    host = _host(instances={INSTANCE})
    spec = _spec(instance_group=_group('anti-affinity', members=[INSTANCE]))
    assert not _passes('ServerGroupAntiAffinityFilter', host, spec, conf)


def test_anti_affinity_passes_host_with_only_non_members(conf):
    host = _host(instances={OTHER_INSTANCE})
    spec = _spec(instance_group=_group('anti-affinity', members=[INSTANCE]))
    assert _passes('ServerGroupAntiAffinityFilter', host, spec, conf)


def test_anti_affinity_allows_up_to_max_server_per_host(conf):
    group = _group('anti-affinity', members=[INSTANCE, OTHER_INSTANCE],
                   rules={'max_server_per_host': '2'})
    spec = _spec(instance_group=group)
    assert _passes('ServerGroupAntiAffinityFilter',
                   _host(instances={INSTANCE}), spec, conf)
    assert not _passes('ServerGroupAntiAffinityFilter',
                       _host(instances={INSTANCE, OTHER_INSTANCE}), spec,
                       conf)


def test_anti_affinity_passes_the_host_the_instance_is_on(conf):
    host = _host(instances={INSTANCE})
    spec = _spec(instance_uuid=INSTANCE,
                 instance_group=_group('anti-affinity', members=[INSTANCE]))
    assert _passes('ServerGroupAntiAffinityFilter', host, spec, conf)


# ServerGroupAffinityFilter

def test_affinity_passes_any_host_for_the_first_member(conf):
    spec = _spec(instance_group=_group('affinity'))
    assert _passes('ServerGroupAffinityFilter', _host('host1'), spec, conf)


def test_affinity_passes_a_host_of_the_group(conf):
    spec = _spec(instance_group=_group('affinity', members=[INSTANCE],
                                       hosts=['host1']))
    assert _passes('ServerGroupAffinityFilter', _host('host1'), spec, conf)


def test_affinity_fails_a_host_outside_the_group(conf):
    spec = _spec(instance_group=_group('affinity', members=[INSTANCE],
                                       hosts=['host1']))
    assert not _passes('ServerGroupAffinityFilter', _host('host2'), spec,
                       conf)


def test_affinity_ignores_other_policies(conf):
    spec = _spec(instance_group=_group('anti-affinity', members=[INSTANCE],
                                       hosts=['host1']))
    assert _passes('ServerGroupAffinityFilter', _host('host2'), spec, conf)


# SameHostFilter and DifferentHostFilter

def test_same_host_passes_every_host_without_the_hint(conf):
    assert _passes('SameHostFilter', _host(), _spec(), conf)


def test_same_host_passes_host_of_a_hinted_instance(conf):
    spec = _spec(scheduler_hints={'same_host': [OTHER_INSTANCE, INSTANCE]})
    assert _passes('SameHostFilter', _host(instances={INSTANCE}), spec,
                   conf)


def test_same_host_fails_host_without_hinted_instances(conf):
    spec = _spec(scheduler_hints={'same_host': [INSTANCE]})
    assert not _passes('SameHostFilter', _host(instances={OTHER_INSTANCE}),
                       spec, conf)


def test_different_host_passes_every_host_without_the_hint(conf):
    assert _passes('DifferentHostFilter', _host(instances={INSTANCE}),
                   _spec(), conf)


def test_different_host_fails_host_of_a_hinted_instance(conf):
    spec = _spec(scheduler_hints={'different_host': [INSTANCE]})
    assert not _passes('DifferentHostFilter', _host(instances={INSTANCE}),
                       spec, conf)


def test_different_host_passes_host_without_hinted_instances(conf):
    spec = _spec(scheduler_hints={'different_host': [INSTANCE,
                                                     OTHER_INSTANCE]})
    assert _passes('DifferentHostFilter', _host(instances=set()), spec,
                   conf)


# AggregateInstanceExtraSpecsFilter

def _ssd_host():
    return _host(aggregates=[_aggregate({'ssd': 'true', 'speed': '10'})])


def test_aggregate_specs_passes_flavor_without_extra_specs(conf):
    assert _passes('AggregateInstanceExtraSpecsFilter', _host(), _spec(),
                   conf)


def test_aggregate_specs_passes_matching_unscoped_key(conf):
    assert _passes('AggregateInstanceExtraSpecsFilter', _ssd_host(),
                   _spec({'ssd': 'true'}), conf)


def test_aggregate_specs_passes_matching_scoped_key(conf):
    spec = _spec({'aggregate_instance_extra_specs:ssd': 'true'})
    assert _passes('AggregateInstanceExtraSpecsFilter', _ssd_host(), spec,
                   conf)


def test_aggregate_specs_fails_mismatching_value(conf):
    spec = _spec({'aggregate_instance_extra_specs:ssd': 'false'})
    assert not _passes('AggregateInstanceExtraSpecsFilter', _ssd_host(),
                       spec, conf)


def test_aggregate_specs_fails_key_in_no_aggregate(conf):
    assert not _passes('AggregateInstanceExtraSpecsFilter', _ssd_host(),
                       _spec({'gpu': 'true'}), conf)


def test_aggregate_specs_ignores_other_scopes(conf):
    spec = _spec({'hw:cpu_policy': 'dedicated',
                  'capabilities:hypervisor_type': 'QEMU'})
    assert _passes('AggregateInstanceExtraSpecsFilter', _host(), spec, conf)


def test_aggregate_specs_uses_operators(conf):
    assert _passes('AggregateInstanceExtraSpecsFilter', _ssd_host(),
                   _spec({'speed': '>= 5'}), conf)
    assert not _passes('AggregateInstanceExtraSpecsFilter', _ssd_host(),
                       _spec({'speed': '>= 20'}), conf)


def test_aggregate_specs_any_value_of_any_aggregate_may_match(conf):
    host = _host(aggregates=[_aggregate({'tier': 'gold, silver'}),
                             _aggregate({'tier': 'bronze'})])
    assert _passes('AggregateInstanceExtraSpecsFilter', host,
                   _spec({'tier': 'silver'}), conf)
    assert _passes('AggregateInstanceExtraSpecsFilter', host,
                   _spec({'tier': 'bronze'}), conf)
    assert not _passes('AggregateInstanceExtraSpecsFilter', host,
                       _spec({'tier': 'platinum'}), conf)


# IoOpsFilter

def test_io_ops_filter_passes_host_below_the_limit(conf):
    assert _passes('IoOpsFilter', _host(num_io_ops=7), _spec(), conf)


def test_io_ops_filter_fails_host_at_the_limit(conf):
    assert not _passes('IoOpsFilter', _host(num_io_ops=8), _spec(), conf)


def test_io_ops_filter_limit_comes_from_config(conf):
    conf.set_override('max_io_ops_per_host', 2, 'filter_scheduler')
    assert not _passes('IoOpsFilter', _host(num_io_ops=2), _spec(), conf)


# extra_specs_ops

@pytest.mark.parametrize('value, req, matches', [
    ('123', '123', True),
    ('123', '12', False),
    ('true', 'True', False),
    ('12', '= 10', True),
    ('9', '= 10', False),
    ('10', '== 10.0', True),
    ('11', '== 10', False),
    ('11', '!= 10', True),
    ('10', '!= 10', False),
    ('10', '>= 10', True),
    ('9', '>= 10', False),
    ('10', '<= 10', True),
    ('11', '<= 10', False),
    ('abc', '>= 10', False),
    ('abc', 's== abc', True),
    ('abd', 's== abc', False),
    ('abd', 's!= abc', True),
    ('abc', 's!= abc', False),
    ('abb', 's< abc', True),
    ('abc', 's< abc', False),
    ('abc', 's<= abc', True),
    ('abd', 's<= abc', False),
    ('abd', 's> abc', True),
    ('abc', 's> abc', False),
    ('abc', 's>= abc', True),
    ('abb', 's>= abc', False),
    ('avx avx2 sse4', '<in> avx2', True),
    ('avx sse4', '<in> avx2', False),
    ('avx avx2 sse4', '<all-in> avx sse4', True),
    ('avx sse4', '<all-in> avx avx2', False),
    ('b', '<or> a <or> b <or> c', True),
    ('d', '<or> a <or> b <or> c', False),
    ('<or>', '<or> a <or> b', False),
    ('x', '<or>', False),
    ('10', '>=', False),
    (None, '>= 1', False),
])
def test_extra_specs_operators(value, req, matches):
    assert extra_specs_ops.match(value, req) is matches
