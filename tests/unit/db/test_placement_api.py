"""Placement's rules on providers, inventories and allocations."""

import pytest

from nova_lite.db import placement_api as placement
from nova_lite import exception

RP1 = '11111111-1111-4111-8111-111111111111'
RP2 = '22222222-2222-4222-8222-222222222222'
VM1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
VM2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'


def _provider(ctxt, uuid=RP1, name='h1', **memory):
    values = dict(total=1024, reserved=0, max_unit=1024,
                  allocation_ratio=1.0)
    values.update(memory)
    return placement.set_inventory(ctxt, uuid, name, {
        'VCPU': placement.Inventory(4, max_unit=4),
        'MEMORY_MB': placement.Inventory(**values)})


def _usage(ctxt, uuid=RP1):
    return placement.get_providers(ctxt, uuid)[0].usages


def test_an_allocation_is_counted_in_the_provider_usage(admin_context, db):
    _provider(admin_context)
    placement.replace_allocations(admin_context, VM1, {
        RP1: {'VCPU': 1, 'MEMORY_MB': 512}})
    assert _usage(admin_context) == {'VCPU': 1, 'MEMORY_MB': 512}
    assert placement.get_allocations(admin_context, VM1) == {
        RP1: {'VCPU': 1, 'MEMORY_MB': 512}}


def test_capacity_is_total_less_reserved_times_the_ratio(admin_context, db):
    _provider(admin_context, total=1000, reserved=200, allocation_ratio=1.5)
    placement.replace_allocations(admin_context, VM1, {
        RP1: {'MEMORY_MB': 1000}})
    with pytest.raises(exception.InvalidAllocationCapacityExceeded):
        placement.replace_allocations(admin_context, VM2, {
            RP1: {'MEMORY_MB': 201}})
    placement.replace_allocations(admin_context, VM2, {
        RP1: {'MEMORY_MB': 200}})
    assert _usage(admin_context) == {'MEMORY_MB': 1200}


def test_a_refused_allocation_writes_nothing(admin_context, db):
    _provider(admin_context, max_unit=4096)
    generation = placement.get_providers(admin_context, RP1)[0].generation
    with pytest.raises(exception.InvalidAllocationCapacityExceeded):
        placement.replace_allocations(admin_context, VM1, {
            RP1: {'VCPU': 1, 'MEMORY_MB': 2048}})
    assert placement.get_allocations(admin_context, VM1) == {}
    assert placement.get_providers(admin_context, RP1)[0].generation == \
        generation


def test_an_amount_over_max_unit_violates_the_constraints(admin_context,
                                                          db):
    _provider(admin_context, max_unit=256)
    with pytest.raises(exception.InvalidAllocationConstraintsViolated):
        placement.replace_allocations(admin_context, VM1, {
            RP1: {'MEMORY_MB': 512}})


def test_a_class_the_provider_has_no_inventory_of_is_refused(admin_context,
                                                             db):
    _provider(admin_context)
    with pytest.raises(exception.InvalidAllocationCapacityExceeded):
        placement.replace_allocations(admin_context, VM1, {
            RP1: {'DISK_GB': 1}})


def test_an_unknown_provider_is_refused(admin_context, db):
    with pytest.raises(exception.ResourceProviderNotFound):
        placement.replace_allocations(admin_context, VM1, {
            RP1: {'VCPU': 1}})


def test_replacing_moves_the_allocation_to_the_new_provider(admin_context,
                                                            db):
    _provider(admin_context)
    _provider(admin_context, RP2, 'h2')
    placement.replace_allocations(admin_context, VM1, {
        RP1: {'MEMORY_MB': 512}})
    before = placement.get_providers(admin_context, RP1)[0].generation
    placement.replace_allocations(admin_context, VM1, {
        RP2: {'MEMORY_MB': 512}})
    assert _usage(admin_context, RP1) == {}
    assert _usage(admin_context, RP2) == {'MEMORY_MB': 512}
    # the provider that lost the allocation changed too
    assert placement.get_providers(admin_context, RP1)[0].generation == \
        before + 1


def test_deleting_gives_everything_back(admin_context, db):
    _provider(admin_context)
    placement.replace_allocations(admin_context, VM1, {
        RP1: {'VCPU': 2}})
    assert placement.delete_allocations(admin_context, VM1) is True
    assert _usage(admin_context) == {}
    assert placement.delete_allocations(admin_context, VM1) is False


def test_an_inventory_update_with_a_stale_generation_conflicts(
        admin_context, db):
    generation = _provider(admin_context)
    placement.replace_allocations(admin_context, VM1, {RP1: {'VCPU': 1}})
    with pytest.raises(exception.ResourceProviderGenerationConflict):
        placement.set_inventory(admin_context, RP1, 'h1', {
            'VCPU': placement.Inventory(8)}, generation=generation)


def test_a_class_in_use_cannot_be_removed_from_the_inventory(admin_context,
                                                             db):
    _provider(admin_context)
    placement.replace_allocations(admin_context, VM1, {
        RP1: {'MEMORY_MB': 64}})
    with pytest.raises(exception.InventoryInUse):
        placement.set_inventory(admin_context, RP1, 'h1', {
            'VCPU': placement.Inventory(4)})


def test_only_changed_providers_are_read_again(admin_context, db):
    _provider(admin_context)
    _provider(admin_context, RP2, 'h2')
    seq, providers = placement.get_providers_changed_since(admin_context, -1)
    assert {p.uuid for p in providers} == {RP1, RP2}
    placement.replace_allocations(admin_context, VM1, {RP2: {'VCPU': 1}})
    later, providers = placement.get_providers_changed_since(admin_context,
                                                             seq)
    assert later > seq
    assert [(p.uuid, p.consumers) for p in providers] == [
        (RP2, frozenset([VM1]))]
    assert placement.get_providers_changed_since(admin_context, later) == (
        later, [])
