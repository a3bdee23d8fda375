"""Image pre-caching by the conductor: every compute host of the
aggregate that is up is asked, over RPC, to cache the images."""

import logging
import threading
import time

import oslo_messaging as messaging
import pytest

from nova_lite.compute import manager as compute_manager
from nova_lite.conductor import manager
from nova_lite import objects
from nova_lite import rpc
from tests.unit import fakes

IMAGE_1 = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
IMAGE_2 = '0b6a2e34-8c2f-4d7e-9d51-3f1c9a7b5e20'


@pytest.fixture
def computes(conf, db, fake_rpc, admin_context):
    """Compute services with the fake driver on h1, h2 and h3, listening
    on the fake transport; yields {host: its compute manager}."""
    conf.set_override('compute_driver', 'fake.FakeDriver')
    managers, servers = {}, []
    for host in ('h1', 'h2', 'h3'):
        fakes.compute_host(admin_context, host)
        managers[host] = compute_manager.ComputeManager(
            host, 'nova-lite-compute', conf)
        server = rpc.get_server(
            messaging.Target(topic='compute', server=host),
            [managers[host]])
        server.start()
        servers.append(server)
    yield managers
    # Stopped together: each takes a poll interval to stop.
    for server in servers:
        server.stop()
    for server in servers:
        server.wait()


@pytest.fixture
def tasks(conf, fake_rpc):
    return manager.ComputeTaskManager('c1', 'nova-lite-conductor', conf)


def _aggregate(context, *hosts):
    aggregate = objects.Aggregate(context, name='agg1')
    aggregate.create()
    for host in hosts:
        aggregate.add_host(host)
    return aggregate


def _mark_down(context, host):
    service = objects.Service.get_by_host_and_binary(context, host,
                                                     'nova-lite-compute')
    service.forced_down = True
    service.save()


def test_every_host_of_the_aggregate_caches_the_images(
        tasks, computes, admin_context):
    aggregate = _aggregate(admin_context, 'h1', 'h3')

    tasks.cache_images(admin_context, aggregate, [IMAGE_1, IMAGE_2])

    assert computes['h1'].driver.cached_images == {IMAGE_1, IMAGE_2}
    assert computes['h3'].driver.cached_images == {IMAGE_1, IMAGE_2}
    # Not in the aggregate: not asked.
    assert computes['h2'].driver.cached_images == set()


def test_a_host_that_is_down_is_skipped(tasks, computes, admin_context):
    aggregate = _aggregate(admin_context, 'h1', 'h2')
    _mark_down(admin_context, 'h2')

    tasks.cache_images(admin_context, aggregate, [IMAGE_1])

    assert computes['h1'].driver.cached_images == {IMAGE_1}
    assert computes['h2'].driver.cached_images == set()


def test_the_summary_counts_what_each_host_answered(
        tasks, computes, admin_context, caplog):
    aggregate = _aggregate(admin_context, 'h1', 'h2', 'h3')
    computes['h1'].driver.cache_image(admin_context, IMAGE_1)
    _mark_down(admin_context, 'h3')
    caplog.set_level(logging.INFO, logger='nova_lite.conductor')

    tasks.cache_images(admin_context, aggregate, [IMAGE_1])

    assert ('completed in' in caplog.text and
            '1 cached, 1 existing, 0 errors, 0 unsupported, 1 skipped '
            '(down) hosts' in caplog.text)


def test_a_host_whose_image_failed_is_counted_as_an_error(
        tasks, computes, admin_context, caplog, monkeypatch):
    aggregate = _aggregate(admin_context, 'h1', 'h2')

    def fail(context, image_id):
        raise OSError('disk full')

    monkeypatch.setattr(computes['h2'].driver, 'cache_image', fail)
    caplog.set_level(logging.INFO, logger='nova_lite.conductor')

    tasks.cache_images(admin_context, aggregate, [IMAGE_1])

    assert '1 cached, 0 existing, 1 errors' in caplog.text
    assert ('Image pre-cache operation for image %s failed 1 times'
            % IMAGE_1) in caplog.text


def test_at_most_precache_concurrency_hosts_are_asked_at_once(
        conf, tasks, computes, admin_context, monkeypatch):
    conf.set_override('precache_concurrency', 1, group='image_cache')
    aggregate = _aggregate(admin_context, 'h1', 'h2', 'h3')
    lock = threading.Lock()
    busy, most_busy = [0], [0]

    def slow_cache_image(context, image_id):
        with lock:
            busy[0] += 1
            most_busy[0] = max(most_busy[0], busy[0])
        time.sleep(0.2)
        with lock:
            busy[0] -= 1
        return True

    for compute in computes.values():
        monkeypatch.setattr(compute.driver, 'cache_image', slow_cache_image)

    tasks.cache_images(admin_context, aggregate, [IMAGE_1])

    assert most_busy[0] == 1


def test_a_host_that_does_not_answer_is_counted_as_an_error(
        conf, tasks, computes, admin_context, caplog):
    # Up by its heartbeat, but its service is not listening.
    fakes.compute_host(admin_context, 'h4')
    conf.set_override('long_rpc_timeout', 1)
    conf.set_override('rpc_response_timeout', 1)
    aggregate = _aggregate(admin_context, 'h1', 'h4')
    caplog.set_level(logging.INFO, logger='nova_lite.conductor')

    tasks.cache_images(admin_context, aggregate, [IMAGE_1])

    assert computes['h1'].driver.cached_images == {IMAGE_1}
    assert '1 cached, 0 existing, 1 errors' in caplog.text
