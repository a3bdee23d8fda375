"""select_destinations picks an up, enabled host with room, weighed by free
RAM, and claims it on the instance."""

import pytest

from nova_lite import exception
from nova_lite import objects
from nova_lite.scheduler import manager
from tests.unit import fakes


@pytest.fixture
def scheduler(conf, db):
    return manager.SchedulerManager('sched', 'nova-lite-scheduler', conf)


def _select(scheduler, ctxt, flavor, **spec_values):
    inst = fakes.instance(ctxt, flavor)
    selections = scheduler.select_destinations(
        ctxt, fakes.request_spec(flavor, **spec_values), [inst.uuid])
    return inst, selections[0]


def test_host_with_most_free_ram_is_chosen(scheduler, admin_context):
    fakes.compute_host(admin_context, 'small', memory_mb=1024)
    fakes.compute_host(admin_context, 'big', memory_mb=4096)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert selections[0].service_host == 'big'
    assert [s.service_host for s in selections[1:]] == ['small']


def test_negative_ram_multiplier_stacks_on_the_fullest_host(
        scheduler, conf, admin_context):
    conf.set_override('ram_weight_multiplier', -1.0, 'filter_scheduler')
    fakes.compute_host(admin_context, 'small', memory_mb=1024)
    fakes.compute_host(admin_context, 'big', memory_mb=4096)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert selections[0].service_host == 'small'


def test_choice_is_recorded_on_the_instance(scheduler, admin_context):
    fakes.compute_host(admin_context, 'h1')
    inst, _ = _select(scheduler, admin_context, fakes.flavor())
    inst.refresh()
    assert (inst.host, inst.node) == ('h1', 'h1')


def test_claimed_resources_are_not_offered_again(scheduler, admin_context):
    fakes.compute_host(admin_context, 'h1', memory_mb=256)
    flavor = fakes.flavor(memory_mb=200)
    _select(scheduler, admin_context, flavor)
    with pytest.raises(exception.NoValidHost):
        _select(scheduler, admin_context, flavor)


def test_down_host_is_skipped(scheduler, admin_context):
    fakes.compute_host(admin_context, 'down', memory_mb=8192, up=False)
    fakes.compute_host(admin_context, 'up', memory_mb=1024)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert [s.service_host for s in selections] == ['up']


def test_disabled_host_is_skipped(scheduler, admin_context):
    fakes.compute_host(admin_context, 'off', memory_mb=8192, disabled=True)
    fakes.compute_host(admin_context, 'on', memory_mb=1024)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert [s.service_host for s in selections] == ['on']


@pytest.mark.parametrize('flavor_values', [
    {'memory_mb': 4096}, {'root_gb': 100}, {'vcpus': 8}])
def test_no_valid_host_when_no_host_has_room(scheduler, admin_context,
                                              flavor_values):
    fakes.compute_host(admin_context, 'h1', memory_mb=2048, local_gb=20,
                       vcpus=2)
    with pytest.raises(exception.NoValidHost):
        _select(scheduler, admin_context, fakes.flavor(**flavor_values))


def test_hosts_already_tried_are_not_chosen_again(scheduler, admin_context):
    fakes.compute_host(admin_context, 'h1', memory_mb=8192)
    fakes.compute_host(admin_context, 'h2', memory_mb=1024)
    _, selections = _select(scheduler, admin_context, fakes.flavor(),
                            retry_hosts=['h1'])
    assert [s.service_host for s in selections] == ['h2']


def test_limits_of_the_chosen_host_travel_with_the_selection(
        scheduler, admin_context):
    fakes.compute_host(admin_context, 'h1', memory_mb=2048, vcpus=2,
                       local_gb=20)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert selections[0].limits == {'memory_mb': 2048, 'disk_gb': 20,
                                    'vcpu': 2}
    assert isinstance(selections[0], objects.Selection)
