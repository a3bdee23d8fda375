"""Host weighers: how hosts are ranked, the normalisation of weights, the
multipliers from config and from aggregates."""

import pytest
from oslo_utils import uuidutils

from nova_lite import exception
from nova_lite import objects
from nova_lite.scheduler import host_state as hs
from nova_lite.scheduler import weights

MEMBER1 = uuidutils.generate_uuid()
MEMBER2 = uuidutils.generate_uuid()
STRANGER = uuidutils.generate_uuid()


def _host(host, **values):
    return hs.HostState(uuid=uuidutils.generate_uuid(), host=host,
                        nodename=host, **values)


def _aggregate(metadata):
    return objects.Aggregate(name='agg', hosts=[], metadata=metadata)


def _spec(instance_group=None):
    flavor = objects.Flavor(name='small', flavorid='1', memory_mb=512,
                            vcpus=1, root_gb=1, ephemeral_gb=0, swap=0,
                            extra_specs={})
    return objects.RequestSpec(flavor=flavor, num_instances=1,
                               instance_uuid=uuidutils.generate_uuid(),
                               instance_group=instance_group)


def _group(policy, members):
    return objects.InstanceGroup(uuid=uuidutils.generate_uuid(),
                                 policy=policy, members=members)


def _weighed(conf, names, hosts, spec=None):
    """[(host name, weight)] best first."""
    return [(h.host, h.weight) for h in
            weights.weigh_hosts(weights.load_weighers(names, conf), hosts,
                                spec or _spec())]


def _ranking(conf, names, hosts, spec=None):
    return [h.host for h in weights.weigh_hosts(
        weights.load_weighers(names, conf), hosts, spec or _spec())]


# normalize

def test_normalize_scales_between_smallest_and_greatest():
    assert weights.normalize([10, 15, 20]) == [0.0, 0.5, 1.0]


def test_normalize_uses_given_bounds():
    assert weights.normalize([10, 20], minval=0) == [0.5, 1.0]
    assert weights.normalize([10, 20], minval=0, maxval=40) == [0.25, 0.5]


def test_normalize_equal_bounds_give_zeros():
    assert weights.normalize([7, 7]) == [0.0, 0.0]


def test_normalize_nothing():
    assert weights.normalize([]) == []


# Loading and ranking

def test_default_weighers_load(conf):
    loaded = weights.load_weighers(conf.filter_scheduler.weight_classes,
                                   conf)
    assert [type(w).__name__ for w in loaded] == [
        'RAMWeigher', 'CPUWeigher', 'DiskWeigher', 'IoOpsWeigher',
        'NumInstancesWeigher', 'ServerGroupSoftAffinityWeigher',
        'ServerGroupSoftAntiAffinityWeigher']


def test_unknown_weigher_name_is_refused(conf):
    with pytest.raises(exception.SchedulerHostWeigherNotFound) as err:
        weights.load_weighers(['RAMWeigher', 'NoSuchWeigher'], conf)
    assert 'NoSuchWeigher' in err.value.format_message()


def test_weigh_hosts_returns_host_states_best_first(conf):
    small, big = _host('small', free_ram_mb=1024), _host('big',
                                                         free_ram_mb=2048)
    ranked = weights.weigh_hosts(weights.load_weighers(['RAMWeigher'], conf),
                                 [small, big], _spec())
    assert ranked == [big, small]


def test_a_single_host_is_not_weighed(conf):
    assert _weighed(conf, ['RAMWeigher'],
                    [_host('only', free_ram_mb=2048)]) == [('only', 0.0)]


def test_a_weight_from_an_earlier_weighing_is_replaced(conf):
    host = _host('only', free_ram_mb=2048, weight=5.0)
    assert _weighed(conf, ['RAMWeigher'], [host]) == [('only', 0.0)]


def test_hosts_of_equal_weight_keep_their_order(conf):
    hosts = [_host(name, free_ram_mb=1024) for name in ('a', 'b', 'c')]
    assert _ranking(conf, ['RAMWeigher'], hosts) == ['a', 'b', 'c']


def test_no_weighers_keep_the_order(conf):
    hosts = [_host('a', free_ram_mb=1), _host('b', free_ram_mb=2)]
    assert _ranking(conf, [], hosts) == ['a', 'b']


def test_weights_of_weighers_add_up(conf):
    # RAM: 0.5 / 1.0; disk: 1.0 / 0.5 (both normalised from 0).
    hosts = [_host('a', free_ram_mb=1024, free_disk_mb=4096),
             _host('b', free_ram_mb=2048, free_disk_mb=2048)]
    conf.set_override('disk_weight_multiplier', 2.0, 'filter_scheduler')
    assert _weighed(conf, ['RAMWeigher', 'DiskWeigher'], hosts) == [
        ('a', 2.5), ('b', 2.0)]


# RAMWeigher

def test_ram_weigher_spreads_by_default(conf):
    hosts = [_host('small', free_ram_mb=1024), _host('big',
                                                     free_ram_mb=2048)]
    assert _weighed(conf, ['RAMWeigher'], hosts) == [('big', 1.0),
                                                     ('small', 0.5)]


def test_negative_ram_multiplier_stacks(conf):
    conf.set_override('ram_weight_multiplier', -1.0, 'filter_scheduler')
    hosts = [_host('big', free_ram_mb=2048), _host('small',
                                                   free_ram_mb=1024)]
    assert _weighed(conf, ['RAMWeigher'], hosts) == [('small', -0.5),
                                                     ('big', -1.0)]


def test_ram_weigher_counts_overcommitted_ram_as_none(conf):
    hosts = [_host('over', free_ram_mb=-512), _host('empty', free_ram_mb=0),
             _host('free', free_ram_mb=1024)]
    assert _weighed(conf, ['RAMWeigher'], hosts) == [
        ('free', 1.0), ('over', 0.0), ('empty', 0.0)]


# CPUWeigher, DiskWeigher, IoOpsWeigher, NumInstancesWeigher

def test_cpu_weigher_prefers_more_free_vcpus_after_ratio(conf):
    # 4 * 4.0 - 10 = 6 free against 8 * 1.0 - 4 = 4 free.
    hosts = [_host('plain', vcpus_total=8, vcpus_used=4),
             _host('ratio', vcpus_total=4, cpu_allocation_ratio=4.0,
                   vcpus_used=10)]
    assert _ranking(conf, ['CPUWeigher'], hosts) == ['ratio', 'plain']


def test_negative_cpu_multiplier_stacks(conf):
    conf.set_override('cpu_weight_multiplier', -1.0, 'filter_scheduler')
    hosts = [_host('idle', vcpus_total=8), _host('busy', vcpus_total=8,
                                                 vcpus_used=6)]
    assert _ranking(conf, ['CPUWeigher'], hosts) == ['busy', 'idle']


def test_disk_weigher_prefers_more_free_disk(conf):
    hosts = [_host('small', free_disk_mb=10240),
             _host('big', free_disk_mb=40960)]
    assert _ranking(conf, ['DiskWeigher'], hosts) == ['big', 'small']


def test_io_ops_weigher_prefers_the_least_busy_host(conf):
    hosts = [_host('busy', num_io_ops=4), _host('idle', num_io_ops=0)]
    assert _weighed(conf, ['IoOpsWeigher'], hosts) == [('idle', 0.0),
                                                       ('busy', -1.0)]


def test_num_instances_weigher_has_no_effect_by_default(conf):
    hosts = [_host('empty'), _host('full', instances={MEMBER1, MEMBER2})]
    assert _weighed(conf, ['NumInstancesWeigher'], hosts) == [
        ('empty', 0.0), ('full', 0.0)]


def test_positive_num_instances_multiplier_packs(conf):
    conf.set_override('num_instances_weight_multiplier', 1.0,
                      'filter_scheduler')
    hosts = [_host('empty'), _host('one', instances={MEMBER1}),
             _host('two', instances={MEMBER1, MEMBER2})]
    assert _weighed(conf, ['NumInstancesWeigher'], hosts) == [
        ('two', 1.0), ('one', 0.5), ('empty', 0.0)]


# Multipliers from aggregates

def test_aggregate_metadata_overrides_the_configured_multiplier(conf):
    # Normalised RAM weights: stacked 1.0, other 0.5; the aggregate turns
    # the stacked host's 1.0 into -1.0.
    stacked = _host('stacked', free_ram_mb=2048, aggregates=[
        _aggregate({'ram_weight_multiplier': '-1.0'})])
    other = _host('other', free_ram_mb=1024)
    assert _weighed(conf, ['RAMWeigher'], [stacked, other]) == [
        ('other', 0.5), ('stacked', -1.0)]


def test_aggregate_multiplier_counts_where_the_configured_one_is_zero(conf):
    # num_instances_weight_multiplier is 0.0 by default: only the hosts of
    # the aggregate that sets it pack.
    packed = [_host('aggr-full', instances={MEMBER1, MEMBER2}, aggregates=[
        _aggregate({'num_instances_weight_multiplier': '2.0'})])]
    hosts = packed + [_host('full', instances={MEMBER1, MEMBER2}),
                      _host('empty')]
    assert _weighed(conf, ['NumInstancesWeigher'], hosts) == [
        ('aggr-full', 2.0), ('full', 0.0), ('empty', 0.0)]


def test_smallest_aggregate_multiplier_wins(conf):
    host = _host('h', aggregates=[_aggregate({'ram_weight_multiplier': '2'}),
                                  _aggregate({'ram_weight_multiplier': '-3'})])
    [ram] = weights.load_weighers(['RAMWeigher'], conf)
    assert ram.weight_multiplier(host) == -3.0


def test_unreadable_aggregate_multiplier_falls_back_to_config(conf):
    conf.set_override('ram_weight_multiplier', 2.5, 'filter_scheduler')
    host = _host('h', aggregates=[
        _aggregate({'ram_weight_multiplier': 'heavy'})])
    [ram] = weights.load_weighers(['RAMWeigher'], conf)
    assert ram.weight_multiplier(host) == 2.5


def test_aggregate_without_the_key_keeps_the_configured_multiplier(conf):
    conf.set_override('disk_weight_multiplier', 3.0, 'filter_scheduler')
    host = _host('h', aggregates=[_aggregate({'ram_weight_multiplier': '5'})])
    [disk] = weights.load_weighers(['DiskWeigher'], conf)
    assert disk.weight_multiplier(host) == 3.0


# Server group soft (anti-)affinity

def _group_hosts():
    return [_host('none', instances={STRANGER}),
            _host('one', instances={MEMBER1, STRANGER}),
            _host('two', instances={MEMBER1, MEMBER2})]


def test_soft_affinity_prefers_hosts_with_more_members(conf):
    spec = _spec(_group('soft-affinity', [MEMBER1, MEMBER2]))
    assert _weighed(conf, ['ServerGroupSoftAffinityWeigher'],
                    _group_hosts(), spec) == [
        ('two', 1.0), ('one', 0.5), ('none', 0.0)]


def test_soft_anti_affinity_prefers_hosts_with_fewer_members(conf):
    spec = _spec(_group('soft-anti-affinity', [MEMBER1, MEMBER2]))
    assert _weighed(conf, ['ServerGroupSoftAntiAffinityWeigher'],
                    _group_hosts(), spec) == [
        ('none', 1.0), ('one', 0.5), ('two', 0.0)]


def test_soft_affinity_ignores_other_policies(conf):
    spec = _spec(_group('soft-anti-affinity', [MEMBER1, MEMBER2]))
    assert _weighed(conf, ['ServerGroupSoftAffinityWeigher'],
                    _group_hosts(), spec) == [
        ('none', 0.0), ('one', 0.0), ('two', 0.0)]


def test_soft_anti_affinity_ignores_requests_without_group(conf):
    assert _weighed(conf, ['ServerGroupSoftAntiAffinityWeigher'],
                    _group_hosts(), _spec()) == [
        ('none', 0.0), ('one', 0.0), ('two', 0.0)]


def test_soft_affinity_multiplier_comes_from_config(conf):
    conf.set_override('soft_affinity_weight_multiplier', 4.0,
                      'filter_scheduler')
    spec = _spec(_group('soft-affinity', [MEMBER1]))
    hosts = [_host('none'), _host('one', instances={MEMBER1})]
    assert _weighed(conf, ['ServerGroupSoftAffinityWeigher'], hosts,
                    spec) == [('one', 4.0), ('none', 0.0)]
