"""select_destinations picks an up, enabled host with room, weighed by free
RAM, and allocates the flavor's resources on its provider."""

from oslo_serialization import jsonutils
import pytest

from nova_lite.db import placement_api
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


def test_choice_is_claimed_as_an_allocation_on_the_host(scheduler,
                                                        admin_context):
    node = fakes.compute_host(admin_context, 'h1')
    flavor = fakes.flavor(vcpus=1, memory_mb=128, root_gb=1, swap=512)
    inst, _ = _select(scheduler, admin_context, flavor)
    # swap counts in DISK_GB, rounded up to a GiB
    assert placement_api.get_allocations(admin_context, inst.uuid) == {
        node.uuid: {'VCPU': 1, 'MEMORY_MB': 128, 'DISK_GB': 2}}


def test_each_selection_carries_its_allocation_request(scheduler,
                                                       admin_context):
    node = fakes.compute_host(admin_context, 'h1', memory_mb=4096)
    alt = fakes.compute_host(admin_context, 'h2', memory_mb=1024)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert [s.compute_node_uuid for s in selections] == [node.uuid, alt.uuid]
    assert jsonutils.loads(selections[1].allocation_request) == {
        'allocations': {alt.uuid: {'resources': {
            'VCPU': 1, 'MEMORY_MB': 128, 'DISK_GB': 1}}}}


def test_a_multi_create_that_does_not_fit_whole_claims_nothing(
        scheduler, admin_context):
    fakes.compute_host(admin_context, 'h1', memory_mb=256)
    flavor = fakes.flavor(memory_mb=128)
    uuids = [fakes.instance(admin_context, flavor).uuid for _ in range(3)]
    with pytest.raises(exception.NoValidHost):
        scheduler.select_destinations(
            admin_context, fakes.request_spec(flavor, num_instances=3),
            uuids)
    assert placement_api.get_all_allocations(admin_context) == {}


def test_alternates_are_only_hosts_with_room(scheduler, admin_context):
    fakes.compute_host(admin_context, 'big', memory_mb=4096)
    fakes.compute_host(admin_context, 'tiny', memory_mb=64)
    fakes.compute_host(admin_context, 'mid', memory_mb=1024)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert [s.service_host for s in selections] == ['big', 'mid']


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


def test_forced_down_host_is_skipped(scheduler, admin_context):
    """Forced down (os-services 2.11) overrides a recent heartbeat."""
    node = fakes.compute_host(admin_context, 'forced', memory_mb=8192)
    service = objects.Service.get_by_id(admin_context, node.service_id)
    service.forced_down = True
    service.save()
    fakes.compute_host(admin_context, 'up', memory_mb=1024)
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert [s.service_host for s in selections] == ['up']


def test_a_node_whose_service_was_deleted_is_skipped(scheduler,
                                                     admin_context):
    node = fakes.compute_host(admin_context, 'gone', memory_mb=8192)
    objects.Service.get_by_id(admin_context, node.service_id).destroy()
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


def test_a_host_whose_provider_was_used_up_elsewhere_is_not_chosen(
        scheduler, admin_context):
    """Another scheduler's claim is read before the next choice."""
    full = fakes.compute_host(admin_context, 'full', memory_mb=8192)
    fakes.compute_host(admin_context, 'other', memory_mb=1024)
    _select(scheduler, admin_context, fakes.flavor())   # reads both
    placement_api.replace_allocations(admin_context, 'elsewhere', {
        full.uuid: {'MEMORY_MB': 8192 - 128}})
    _, selections = _select(scheduler, admin_context, fakes.flavor())
    assert [s.service_host for s in selections] == ['other']


# a requested destination (2.74 host / hypervisor_hostname)

@pytest.mark.parametrize('destination', [
    {'host': 'small'}, {'node': 'small-node'},
    {'host': 'small', 'node': 'small-node'}])
def test_the_requested_destination_is_the_only_candidate(
        scheduler, admin_context, destination):
    # The RAM weigher prefers 'big'; the request names 'small'.
    fakes.compute_host(admin_context, 'small', memory_mb=1024,
                       nodename='small-node')
    fakes.compute_host(admin_context, 'big', memory_mb=4096,
                       nodename='big-node')
    _, selections = _select(
        scheduler, admin_context, fakes.flavor(),
        requested_destination=objects.Destination(**destination))
    assert [(s.service_host, s.nodename) for s in selections] == [
        ('small', 'small-node')]


def test_a_requested_destination_without_room_is_no_valid_host(
        scheduler, admin_context):
    fakes.compute_host(admin_context, 'small', memory_mb=256)
    fakes.compute_host(admin_context, 'big', memory_mb=4096)
    with pytest.raises(exception.NoValidHost) as raised:
        _select(scheduler, admin_context, fakes.flavor(memory_mb=512),
                requested_destination=objects.Destination(host='small'))
    assert raised.value.format_message() == (
        'No valid host was found. There are not enough hosts available.')
    assert placement_api.get_all_allocations(admin_context) == {}


def test_a_forced_host_skips_the_filters(scheduler, admin_context):
    # As Nova's host manager: a disabled host, which ComputeFilter would
    # refuse, is chosen when the request forces it.
    fakes.compute_host(admin_context, 'off', disabled=True)
    fakes.compute_host(admin_context, 'on', memory_mb=8192)
    _, selections = _select(scheduler, admin_context, fakes.flavor(),
                            force_hosts=['off'])
    assert [s.service_host for s in selections] == ['off']


def test_a_forced_host_without_room_is_no_valid_host(scheduler,
                                                     admin_context):
    fakes.compute_host(admin_context, 'small', memory_mb=1024)
    fakes.compute_host(admin_context, 'big', memory_mb=8192)
    with pytest.raises(exception.NoValidHost):
        _select(scheduler, admin_context, fakes.flavor(memory_mb=4096),
                force_hosts=['small'])


def test_a_requested_destination_still_passes_the_filters(
        scheduler, admin_context):
    fakes.compute_host(admin_context, 'off', disabled=True)
    fakes.compute_host(admin_context, 'on')
    with pytest.raises(exception.NoValidHost):
        _select(scheduler, admin_context, fakes.flavor(),
                requested_destination=objects.Destination(host='off'))


@pytest.mark.parametrize('destination,named', [
    ({'host': 'gone'}, 'host: gone node: None'),
    ({'host': 'h1', 'node': 'other'}, 'host: h1 node: other'),
    ({'node': 'gone'}, 'host: None node: gone')])
def test_a_requested_destination_that_names_no_node_is_no_valid_host(
        scheduler, admin_context, destination, named):
    fakes.compute_host(admin_context, 'h1')
    with pytest.raises(exception.NoValidHost) as raised:
        _select(scheduler, admin_context, fakes.flavor(),
                requested_destination=objects.Destination(**destination))
    assert raised.value.format_message() == (
        'No valid host was found. No such host - %s ' % named)
