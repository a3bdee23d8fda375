"""The HostManager's cache counts each claim exactly once and sees every
write of others, whether it re-reads a provider or keeps its own view."""

import pytest

from nova_lite.db import placement_api
from nova_lite.scheduler import host_manager
from tests.unit import fakes

FLAVOR_RESOURCES = {'VCPU': 1, 'MEMORY_MB': 128, 'DISK_GB': 1}


def _state(hm, ctxt, host):
    return {s.host: s for s in hm.get_host_states(ctxt)}[host]


def _claim_on_one_host(conf, ctxt):
    """A HostManager that has read host h1 (2048 MB), h1's state as it
    read it, and a claim of vm1 there: (hm, node, state, claim)."""
    node = fakes.compute_host(ctxt, 'h1', memory_mb=2048)
    hm = host_manager.HostManager(conf)
    state = _state(hm, ctxt, 'h1')
    claim = placement_api.replace_allocations(
        ctxt, 'vm1', {node.uuid: FLAVOR_RESOURCES})
    return hm, node, state, claim


def test_own_claim_is_counted_once(conf, db, admin_context):
    hm, _, state, claim = _claim_on_one_host(conf, admin_context)
    hm.consume_from_request(state, FLAVOR_RESOURCES, 'vm1', claim)
    assert _state(hm, admin_context, 'h1').free_ram_mb == 2048 - 128


def test_claim_read_by_a_refresh_first_is_not_counted_again(conf, db,
                                                            admin_context):
    """Another request's refresh may read a claim before the request that
    made it counts it."""
    hm, node, state, claim = _claim_on_one_host(conf, admin_context)
    assert _state(hm, admin_context, 'h1').free_ram_mb == 2048 - 128
    hm.consume_from_request(state, FLAVOR_RESOURCES, 'vm1', claim)
    assert _state(hm, admin_context, 'h1').free_ram_mb == 2048 - 128
    # What the next request's candidates are checked against.
    assert hm.get_provider(node.uuid).usages['MEMORY_MB'] == 128


def test_a_write_of_others_between_refresh_and_claim_is_read(
        conf, db, admin_context):
    mine = fakes.compute_host(admin_context, 'mine', memory_mb=2048)
    other = fakes.compute_host(admin_context, 'other', memory_mb=2048)
    hm = host_manager.HostManager(conf)
    state = _state(hm, admin_context, 'mine')
    placement_api.replace_allocations(admin_context, 'theirs', {
        other.uuid: {'MEMORY_MB': 1024}})
    claim = placement_api.replace_allocations(
        admin_context, 'vm1', {mine.uuid: FLAVOR_RESOURCES})
    hm.consume_from_request(state, FLAVOR_RESOURCES, 'vm1', claim)
    assert _state(hm, admin_context, 'other').free_ram_mb == 1024
    assert _state(hm, admin_context, 'mine').free_ram_mb == 2048 - 128


def test_a_write_of_others_after_own_claim_is_read(conf, db, admin_context):
    hm, _, state, claim = _claim_on_one_host(conf, admin_context)
    hm.consume_from_request(state, FLAVOR_RESOURCES, 'vm1', claim)
    placement_api.delete_allocations(admin_context, 'vm1')
    assert _state(hm, admin_context, 'h1').free_ram_mb == 2048


def test_a_claim_that_moved_a_consumer_is_read_back(conf, db, admin_context):
    """A claim that also took the consumer off another provider changed
    more than the cache counts: the next request reads both."""
    old = fakes.compute_host(admin_context, 'old', memory_mb=2048)
    new = fakes.compute_host(admin_context, 'new', memory_mb=2048)
    placement_api.replace_allocations(admin_context, 'vm1', {
        old.uuid: FLAVOR_RESOURCES})
    hm = host_manager.HostManager(conf)
    assert _state(hm, admin_context, 'old').free_ram_mb == 2048 - 128
    state = _state(hm, admin_context, 'new')
    claim = placement_api.replace_allocations(
        admin_context, 'vm1', {new.uuid: FLAVOR_RESOURCES})
    hm.consume_from_request(state, FLAVOR_RESOURCES, 'vm1', claim)
    assert _state(hm, admin_context, 'old').free_ram_mb == 2048
    assert _state(hm, admin_context, 'new').free_ram_mb == 2048 - 128


@pytest.mark.parametrize('used, amount, fits', [
    (0, 4, True), (0, 6, True),   # within the units, a multiple of the step
    (0, 2, False),                # under min_unit
    (0, 5, False),                # not a multiple of step_size
    (0, 8, False),                # over max_unit
    (4, 6, False),                # capacity 8, 4 used: only 4 left
    (4, 4, True),
])
def test_fits_is_placements_allocation_candidate_test(used, amount, fits):
    provider = placement_api.Provider(
        1, 'uuid', 'h1', 0,
        {'VCPU': placement_api.Inventory(total=4, allocation_ratio=2.0,
                                         min_unit=4, max_unit=6,
                                         step_size=2)},
        {'VCPU': used}, frozenset())
    assert host_manager.fits(provider, {'VCPU': amount}) is fits


def test_a_class_without_inventory_does_not_fit():
    provider = placement_api.Provider(
        1, 'uuid', 'h1', 0, {'VCPU': placement_api.Inventory(total=4)}, {},
        frozenset())
    assert not host_manager.fits(provider, {'VCPU': 1, 'MEMORY_MB': 1})


def test_a_selection_counts_as_a_build_until_the_hosts_are_read_again(
        conf, db, admin_context, monkeypatch):
    """num_io_ops, the IO ops weigher's and filter's figure: builds sent
    to the host since its record was last read."""
    hm, _, state, claim = _claim_on_one_host(conf, admin_context)
    hm.consume_from_request(state, FLAVOR_RESOURCES, 'vm1', claim)
    assert _state(hm, admin_context, 'h1').num_io_ops == 1
    monkeypatch.setattr(host_manager, 'SERVICE_REFRESH_SECONDS', 0)
    assert _state(hm, admin_context, 'h1').num_io_ops == 0


@pytest.mark.parametrize('change', [
    {'disabled': True, 'disabled_reason': 'maintenance'},
    {'forced_down': True},
])
def test_an_operators_change_to_a_service_is_seen_at_the_next_request(
        conf, db, admin_context, change):
    """Not SERVICE_REFRESH_SECONDS later: a host just disabled or forced
    down must get no new server."""
    from nova_lite import objects
    fakes.compute_host(admin_context, 'h1')
    hm = host_manager.HostManager(conf)
    state = _state(hm, admin_context, 'h1')
    assert (state.service_up, state.service_disabled) == (True, False)
    service = objects.Service.get_by_host_and_binary(
        admin_context, 'h1', 'nova-lite-compute')
    for field, value in change.items():
        setattr(service, field, value)
    service.save()

    state = _state(hm, admin_context, 'h1')

    assert (not state.service_up or state.service_disabled) is True


def test_a_deleted_service_leaves_the_hosts_at_the_next_request(
        conf, db, admin_context):
    from nova_lite import objects
    fakes.compute_host(admin_context, 'h1')
    fakes.compute_host(admin_context, 'h2')
    hm = host_manager.HostManager(conf)
    assert sorted(s.host for s in hm.get_host_states(admin_context)) == [
        'h1', 'h2']

    objects.Service.get_by_host_and_binary(
        admin_context, 'h2', 'nova-lite-compute').destroy()

    assert [s.host for s in hm.get_host_states(admin_context)] == ['h1']
