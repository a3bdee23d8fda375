"""The conductor's quota recheck, as Nova's schedule_and_build_instances:
once a request's instances exist and are scheduled, usage is counted
again; over quota (another request raced this one past the API's check)
they all end in ERROR with Nova's quota fault, give back what the
scheduler claimed and are never sent to a compute host."""

import pytest

from nova_lite.conductor import manager
from nova_lite.db import network_api
from nova_lite.db import placement_api
from nova_lite import objects
from nova_lite.scheduler import manager as scheduler_manager
from tests.unit import fakes


class BuildRecorder(object):
    """The compute hosts, as far as the conductor sees them: the builds
    cast to each."""

    def __init__(self):
        self.builds = []

    def build_and_run_instance(self, context, instance, host, **kwargs):
        self.builds.append((instance.uuid, host))


@pytest.fixture
def tasks(conf, db, fake_rpc, admin_context):
    fakes.compute_host(admin_context, 'h1', vcpus=16, memory_mb=8192)
    tasks = manager.ComputeTaskManager('c1', 'nova-lite-conductor', conf)
    tasks.scheduler_rpcapi = scheduler_manager.SchedulerManager(
        's1', 'nova-lite-scheduler', conf)
    tasks.compute_rpcapi = BuildRecorder()
    return tasks


def _request(user_context, flavor, count):
    """The instance rows and request spec the API records for one create
    of ``count`` servers, before it casts to the conductor."""
    instances = [fakes.instance(user_context, flavor) for _ in range(count)]
    spec = fakes.request_spec(flavor, instance_uuid=instances[0].uuid,
                              num_instances=count, project_id='demo',
                              user_id='demo')
    return instances, spec


def _schedule_and_build(tasks, context, instances, spec):
    tasks.schedule_and_build_instances(
        context, instances=instances, request_spec=spec, image={},
        admin_password=None, injected_files=[], requested_networks=None,
        block_device_mapping=None)


def _state(admin_context, instance):
    row = objects.Instance.get_by_uuid(admin_context, instance.uuid)
    fault = objects.InstanceFault.get_latest_for_instance(admin_context,
                                                          instance.uuid)
    return (row.vm_state, row.task_state, row.host,
            fault and (fault.code, fault.message))


def test_a_request_raced_over_the_instances_quota_ends_in_error(
        tasks, admin_context, user_context):
    objects.Quotas.set_limit(admin_context, 'demo', 'instances', 2)
    flavor = fakes.flavor()
    # Both creates passed the API's check; the other one's instance
    # exists by the time this request's are rechecked.
    racer = fakes.instance(user_context, flavor)
    instances, spec = _request(user_context, flavor, 2)

    _schedule_and_build(tasks, user_context, instances, spec)

    message = ('Quota exceeded for instances: Requested 2, but already '
               'used 2 of 2 instances')
    for instance in instances:
        assert _state(admin_context, instance) == (
            'error', None, None, (403, message))
    assert placement_api.get_all_allocations(admin_context) == {}
    assert network_api.port_get_all(admin_context) == []
    assert tasks.compute_rpcapi.builds == []
    assert _state(admin_context, racer) == ('building', 'scheduling', None,
                                            None)


def test_every_resource_over_is_named_as_nova_does(tasks, admin_context,
                                                   user_context):
    objects.Quotas.set_limit(admin_context, 'demo', 'instances', 1)
    objects.Quotas.set_limit(admin_context, 'demo', 'cores', 2)
    flavor = fakes.flavor(vcpus=2)
    fakes.instance(user_context, flavor)
    instances, spec = _request(user_context, flavor, 1)

    _schedule_and_build(tasks, user_context, instances, spec)

    assert _state(admin_context, instances[0])[3] == (
        403, 'Quota exceeded for cores, instances: Requested 2, 1, but '
             'already used 2, 1 of 2, 1 cores, instances')
    assert placement_api.get_all_allocations(admin_context) == {}


def test_the_users_own_quota_is_rechecked(tasks, admin_context,
                                          user_context):
    objects.Quotas.set_limit(admin_context, 'demo', 'ram', 256,
                             user_id='demo')
    flavor = fakes.flavor(memory_mb=128)
    fakes.instance(user_context, flavor)
    instances, spec = _request(user_context, flavor, 2)

    _schedule_and_build(tasks, user_context, instances, spec)

    assert _state(admin_context, instances[1])[3] == (
        403, 'Quota exceeded for ram: Requested 256, but already used 256 '
             'of 256 ram')
    assert tasks.compute_rpcapi.builds == []


def test_the_default_quota_class_is_rechecked(tasks, admin_context,
                                              user_context):
    objects.Quotas.set_class_limit(admin_context, 'default', 'instances', 1)
    flavor = fakes.flavor()
    fakes.instance(user_context, flavor)
    instances, spec = _request(user_context, flavor, 1)

    _schedule_and_build(tasks, user_context, instances, spec)

    assert _state(admin_context, instances[0])[0] == 'error'
    assert tasks.compute_rpcapi.builds == []


def test_a_request_within_quota_is_built(tasks, admin_context,
                                         user_context):
    objects.Quotas.set_limit(admin_context, 'demo', 'instances', 3)
    flavor = fakes.flavor()
    fakes.instance(user_context, flavor)
    instances, spec = _request(user_context, flavor, 2)

    _schedule_and_build(tasks, user_context, instances, spec)

    assert sorted(tasks.compute_rpcapi.builds) == sorted(
        (instance.uuid, 'h1') for instance in instances)
    for instance in instances:
        assert _state(admin_context, instance)[0] == 'building'
        assert placement_api.get_allocations(admin_context, instance.uuid)


def test_without_recheck_quota_a_raced_request_is_built(
        tasks, conf, admin_context, user_context):
    conf.set_override('recheck_quota', False, group='quota')
    objects.Quotas.set_limit(admin_context, 'demo', 'instances', 1)
    flavor = fakes.flavor()
    fakes.instance(user_context, flavor)
    instances, spec = _request(user_context, flavor, 1)

    _schedule_and_build(tasks, user_context, instances, spec)

    assert tasks.compute_rpcapi.builds == [(instances[0].uuid, 'h1')]
    assert _state(admin_context, instances[0])[0] == 'building'
