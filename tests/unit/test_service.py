"""Several services in one process (nova-lite-fake-computes): each has its
own service record, compute node and heartbeat, and they start and stop
together."""

import functools
import time

from oslo_db.sqlalchemy import enginefacade
import pytest

from nova_lite.compute import manager
from nova_lite.db import api as db_api
from nova_lite.db import migration
from nova_lite import objects
from nova_lite import service

HOSTS = ('fake-0001', 'fake-0002', 'fake-0003')


@pytest.fixture
def file_db(conf, tmp_path):
    """A database in a file: the services' threads each get a connection
    of their own, where the in-memory one is shared by all threads."""
    factory = enginefacade.transaction_context()
    factory.configure(connection='sqlite:///%s' % (tmp_path / 'nova.sqlite'))
    # Set up as the services' own file databases are, so that writers
    # wait for each other rather than fail with 'database is locked'.
    factory.append_on_engine_create(db_api.sqlite_for_several_processes)
    restore = db_api.context_manager.patch_factory(factory)
    migration.db_sync()
    yield factory
    restore()


@pytest.fixture
def cloud_conf(conf, file_db, fake_rpc):
    conf.set_override('host', 'configured-host')
    conf.set_override('compute_driver', 'fake.FakeDriver')
    conf.set_override('report_interval', 1)
    conf.set_override('periodic_interval', 3600)
    return conf


@pytest.fixture
def computes(cloud_conf):
    """A compute service per host of HOSTS, not started; stopped after
    the test."""
    manager_cls = functools.partial(manager.ComputeManager,
                                    compute_driver='fake.FakeDriver')
    services = [service.Service(cloud_conf, host, 'nova-lite-compute',
                                'compute', manager_cls) for host in HOSTS]
    yield services
    for server in services:
        server.stop()


def _report_count(ctxt, host):
    return objects.Service.get_by_host_and_binary(
        ctxt, host, 'nova-lite-compute').report_count


def _fail(monkeypatch, method, failing_host):
    real = getattr(manager.ComputeManager, method)

    def fail_on_one_host(self, *args):
        if self.host == failing_host:
            raise RuntimeError('%s failed' % failing_host)
        return real(self, *args)
    monkeypatch.setattr(manager.ComputeManager, method, fail_on_one_host)


def test_each_service_has_its_own_service_record(computes, admin_context):
    service.start_services(computes, 2)
    for host in HOSTS:
        record = objects.Service.get_by_host_and_binary(
            admin_context, host, 'nova-lite-compute')
        assert record.topic == 'compute'


def test_each_service_has_a_compute_node_named_after_its_host(
        computes, admin_context):
    service.start_services(computes, 2)
    for host in HOSTS:
        node = objects.ComputeNode.get_by_host_and_nodename(
            admin_context, host, host)
        assert node.hypervisor_type == 'fake'
    with pytest.raises(Exception):
        objects.ComputeNode.get_by_host_and_nodename(
            admin_context, 'configured-host', 'configured-host')


def test_each_service_heartbeats(computes, admin_context):
    service.start_services(computes, 2)
    before = {host: _report_count(admin_context, host) for host in HOSTS}
    # Every second (report_interval); more time for a loaded machine.
    deadline = time.time() + 15
    while any(_report_count(admin_context, host) <= count
              for host, count in before.items()):
        assert time.time() < deadline, 'a service did not heartbeat'
        time.sleep(0.2)


def test_a_failed_start_raises_and_starts_no_further_service(
        computes, monkeypatch, admin_context):
    _fail(monkeypatch, 'init_host', 'fake-0002')
    with pytest.raises(RuntimeError, match='fake-0002 failed'):
        service.start_services(computes, 1)
    assert objects.Service.get_by_host_and_binary(
        admin_context, 'fake-0003', 'nova-lite-compute') is None


def test_a_failed_start_stops_the_services_started(computes, monkeypatch,
                                                   admin_context):
    _fail(monkeypatch, 'init_host', 'fake-0002')
    with pytest.raises(RuntimeError):
        service.start_services(computes, 1)
    count = _report_count(admin_context, 'fake-0001')
    time.sleep(1.5)
    assert _report_count(admin_context, 'fake-0001') == count


def test_stop_services_stops_every_service(computes, admin_context):
    service.start_services(computes, 3)
    service.stop_services(computes)
    before = {host: _report_count(admin_context, host) for host in HOSTS}
    time.sleep(1.5)
    assert {host: _report_count(admin_context, host)
            for host in HOSTS} == before


def test_a_service_failing_to_stop_does_not_keep_the_others_running(
        computes, monkeypatch, admin_context):
    service.start_services(computes, 3)
    _fail(monkeypatch, 'cleanup_host', 'fake-0001')
    service.stop_services(computes)
    count = _report_count(admin_context, 'fake-0002')
    time.sleep(1.5)
    assert _report_count(admin_context, 'fake-0002') == count
