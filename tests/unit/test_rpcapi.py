"""The rpcapi clients send each method to the right topic, server and
version, as a cast or a call, and the managers' targets accept them."""

import threading

import oslo_messaging as messaging
import pytest

from nova_lite.compute import manager as compute_manager
from nova_lite.compute import rpcapi as compute_rpcapi
from nova_lite.conductor import manager as conductor_manager
from nova_lite.conductor import rpcapi as conductor_rpcapi
from nova_lite import objects
from nova_lite import rpc
from nova_lite.scheduler import manager as scheduler_manager
from nova_lite.scheduler import rpcapi as scheduler_rpcapi


class Recorder(object):
    """An endpoint that records what reaches it."""

    def __init__(self, version='1.0', namespace=None, reply=None):
        self.target = messaging.Target(version=version, namespace=namespace)
        self.received = []
        self.reply = reply
        self.event = threading.Event()

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)

        def method(ctxt, **kwargs):
            self.received.append((name, kwargs))
            self.event.set()
            return self.reply
        return method


@pytest.fixture
def servers(fake_rpc):
    started = []

    def serve(topic, server, endpoint):
        s = rpc.get_server(messaging.Target(topic=topic, server=server),
                           [endpoint])
        s.start()
        started.append(s)
        return endpoint

    yield serve
    for s in started:
        s.stop()
        s.wait()


def _instance(host):
    return objects.Instance(uuid='8d812f63-573c-4f2c-a991-dfa68b844d20',
                            host=host, id=1)


def test_build_and_run_instance_is_cast_to_the_chosen_host_only(
        servers, user_context):
    chosen = servers('compute', 'host1', Recorder(version='1.2'))
    other = servers('compute', 'host2', Recorder(version='1.2'))
    compute_rpcapi.ComputeAPI().build_and_run_instance(
        user_context, _instance('host1'), host='host1', image={},
        request_spec=None, node='host1', limits={'memory_mb': 10})
    assert chosen.event.wait(5)
    name, kwargs = chosen.received[0]
    assert name == 'build_and_run_instance'
    assert kwargs['node'] == 'host1'
    assert kwargs['instance'].uuid == '8d812f63-573c-4f2c-a991-dfa68b844d20'
    assert other.received == []


def test_terminate_instance_goes_to_the_instance_host(servers, user_context):
    host = servers('compute', 'host2', Recorder())
    compute_rpcapi.ComputeAPI().terminate_instance(user_context,
                                                   _instance('host2'))
    assert host.event.wait(5)
    assert host.received[0][0] == 'terminate_instance'


def test_get_console_output_is_a_call_returning_the_reply(servers,
                                                          user_context):
    servers('compute', 'host1', Recorder(reply='login:'))
    output = compute_rpcapi.ComputeAPI().get_console_output(
        user_context, _instance('host1'), tail_length=5)
    assert output == 'login:'


def test_select_destinations_is_a_call_to_the_scheduler_topic(servers,
                                                              user_context):
    scheduler = servers('scheduler', 'any', Recorder(reply=[['h1']]))
    result = scheduler_rpcapi.SchedulerAPI().select_destinations(
        user_context, spec_obj=None, instance_uuids=['u1'])
    assert result == [['h1']]
    assert scheduler.received[0][1]['instance_uuids'] == ['u1']


def test_schedule_and_build_instances_uses_the_compute_task_namespace(
        servers, user_context):
    tasks = servers('conductor', 'any', Recorder(namespace='compute_task'))
    conductor_rpcapi.ComputeTaskAPI().schedule_and_build_instances(
        user_context, instances=[], request_spec=None, image={},
        admin_password=None, injected_files=[], requested_networks=None,
        block_device_mapping=None)
    assert tasks.event.wait(5)
    assert tasks.received[0][0] == 'schedule_and_build_instances'


def test_a_newer_minor_version_than_the_server_is_refused(servers,
                                                          user_context):
    servers('compute', 'host1', Recorder(version='1.0', reply='x'))
    client = compute_rpcapi.ComputeAPI().client.prepare(server='host1',
                                                        version='1.5')
    with pytest.raises(messaging.UnsupportedVersion):
        client.call(user_context, 'get_console_output', instance=None)


@pytest.mark.parametrize('client_cls,manager_cls', [
    (compute_rpcapi.ComputeAPI, compute_manager.ComputeManager),
    (scheduler_rpcapi.SchedulerAPI, scheduler_manager.SchedulerManager),
    (conductor_rpcapi.ConductorAPI, conductor_manager.ConductorManager),
    (conductor_rpcapi.ComputeTaskAPI, conductor_manager.ComputeTaskManager),
])
def test_client_and_manager_versions_agree(client_cls, manager_cls):
    assert client_cls.VERSION == manager_cls.target.version


def test_cache_images_is_a_call_to_the_given_host(servers, user_context):
    host = servers('compute', 'host2', Recorder(version='1.4',
                                                reply={'i1': 'cached'}))
    other = servers('compute', 'host1', Recorder(version='1.4'))
    result = compute_rpcapi.ComputeAPI().cache_images(
        user_context, host='host2', image_ids=['i1'])
    assert result == {'i1': 'cached'}
    assert host.received == [('cache_images', {'image_ids': ['i1']})]
    assert other.received == []


def test_cache_images_is_cast_to_the_compute_task_namespace(servers,
                                                            user_context):
    tasks = servers('conductor', 'any', Recorder(version='1.2',
                                                 namespace='compute_task'))
    aggregate = objects.Aggregate(id=1, name='agg1', hosts=['h1'])
    conductor_rpcapi.ComputeTaskAPI().cache_images(
        user_context, aggregate=aggregate, image_ids=['i1'])
    assert tasks.event.wait(5)
    name, kwargs = tasks.received[0]
    assert (name, kwargs['image_ids']) == ('cache_images', ['i1'])
    assert kwargs['aggregate'].hosts == ['h1']
