"""Image pre-caching on the hosts of an aggregate (POST
/os-aggregates/{aggregate_id}/images, from 2.81), as Nova answers it: 202
with no body, the conductor then asks each host of the aggregate to cache
the images. tempest.lib has no response schema for it."""

import time

import oslo_messaging as messaging
import pytest

from nova_lite.compute import manager as compute_manager
from nova_lite.conductor import manager as conductor_manager
from nova_lite import rpc
from tests.unit.api import failed
from tests.unit.api import make_image
from tests.unit import fakes

AGGREGATES = '/v2.1/os-aggregates'
OTHER_IMAGE_ID = '0b6a2e34-8c2f-4d7e-9d51-3f1c9a7b5e20'
UNKNOWN_IMAGE_ID = '7c1e5c4a-3d2b-4f6e-9a8b-1c2d3e4f5a6b'


@pytest.fixture
def admin(admin):
    return admin.at_version('2.81')


@pytest.fixture
def client(client):
    return client.at_version('2.81')


def _serve(topic, server, endpoint, namespace=None):
    target = messaging.Target(topic=topic, server=server,
                              namespace=namespace)
    started = rpc.get_server(target, [endpoint])
    started.start()
    return started


@pytest.fixture
def cloud(conf, db, fake_rpc, admin_context):
    """A conductor and compute services with the fake driver on cmp1 and
    cmp2, listening on the fake transport; yields {host: its compute
    manager}."""
    conf.set_override('compute_driver', 'fake.FakeDriver')
    # A host that never answers must not hold a test for long.
    conf.set_override('long_rpc_timeout', 5)
    managers, servers = {}, []
    for host in ('cmp1', 'cmp2'):
        fakes.compute_host(admin_context, host)
        managers[host] = compute_manager.ComputeManager(
            host, 'nova-lite-compute', conf)
        servers.append(_serve('compute', host, managers[host]))
    tasks = conductor_manager.ComputeTaskManager('ctl1',
                                                 'nova-lite-conductor', conf)
    conductor = _serve('conductor', 'ctl1', tasks, 'compute_task')
    yield managers
    # The conductor first: it may be waiting for a host's answer.
    conductor.stop()
    conductor.wait()
    for server in servers:
        server.stop()
    for server in servers:
        server.wait()


@pytest.fixture
def aggregate_id(admin, cloud):
    """An aggregate of cmp1 and cmp2."""
    resp = admin.post(AGGREGATES, {'aggregate': {'name': 'agg1'}})
    aggregate_id = resp.json['aggregate']['id']
    for host in ('cmp1', 'cmp2'):
        admin.post('%s/%s/action' % (AGGREGATES, aggregate_id),
                   {'add_host': {'host': host}})
    return aggregate_id


def _cache(client, aggregate_id, *image_ids, body=None):
    if body is None:
        body = {'cache': [{'id': image_id} for image_id in image_ids]}
    return client.post('%s/%s/images' % (AGGREGATES, aggregate_id), body)


def _wait_until_cached(cloud, image_id, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(image_id in compute.driver.cached_images
               for compute in cloud.values()):
            return True
        time.sleep(0.05)
    return False


def test_the_hosts_of_the_aggregate_cache_the_images(admin, cloud,
                                                     aggregate_id, image):
    resp = _cache(admin, aggregate_id, image.uuid)

    assert resp.status_int == 202
    assert resp.body == b''
    assert resp.headers['OpenStack-API-Version'] == 'compute 2.81'
    assert _wait_until_cached(cloud, image.uuid)


def test_an_unknown_image_is_a_400_and_no_host_is_asked(
        admin, cloud, aggregate_id, image, admin_context):
    resp = _cache(admin, aggregate_id, image.uuid, UNKNOWN_IMAGE_ID)

    assert failed(resp) == (
        400, 'Image %s could not be found.' % UNKNOWN_IMAGE_ID)
    # A request made after the refused one is done: the refused one's
    # image was cached nowhere.
    make_image(admin_context, image_id=OTHER_IMAGE_ID)
    assert _cache(admin, aggregate_id, OTHER_IMAGE_ID).status_int == 202
    assert _wait_until_cached(cloud, OTHER_IMAGE_ID)
    assert all(image.uuid not in compute.driver.cached_images
               for compute in cloud.values())


def test_the_same_image_twice_is_a_400(admin, cloud, aggregate_id, image):
    resp = _cache(admin, aggregate_id, image.uuid, image.uuid)

    assert failed(resp) == (400, 'Duplicate images in request')


def test_an_unknown_aggregate_is_a_404(admin, cloud, image):
    resp = _cache(admin, 42, image.uuid)

    assert failed(resp) == (404, 'Aggregate 42 could not be found.')


def test_an_aggregate_id_that_is_not_an_integer_is_a_400(admin, cloud,
                                                         image):
    resp = _cache(admin, 'abc', image.uuid)

    assert failed(resp) == (
        400, 'Invalid input received: id must be an integer')


@pytest.mark.parametrize('body', [
    {},
    {'cache': []},
    {'cache': [{'id': 'not-a-uuid'}]},
    {'cache': [{'id': OTHER_IMAGE_ID, 'name': 'x'}]},
    {'cache': [{}]},
    {'cache': [], 'other': 1},
    {'cache': {'id': OTHER_IMAGE_ID}},
])
def test_a_malformed_body_is_a_400(admin, cloud, aggregate_id, body):
    resp = _cache(admin, aggregate_id, body=body)

    assert resp.status_int == 400
    assert resp.json['badRequest']['code'] == 400


def test_users_may_not_cache_images(client, cloud, aggregate_id, image):
    resp = _cache(client, aggregate_id, image.uuid)

    assert failed(resp) == (
        403, "Policy doesn't allow compute:aggregates:images to be "
             "performed.")


@pytest.mark.parametrize('version', ['2.1', '2.80'])
def test_there_is_no_such_url_before_2_81(admin, cloud, aggregate_id, image,
                                          version):
    resp = _cache(admin.at_version(version), aggregate_id, image.uuid)

    assert failed(resp) == (404, 'The resource could not be found.')


def test_the_legacy_v2_api_has_no_such_url(admin, cloud, aggregate_id,
                                           image):
    resp = admin.post('/v2/os-aggregates/%s/images' % aggregate_id,
                      {'cache': [{'id': image.uuid}]})

    assert failed(resp) == (404, 'The resource could not be found.')


def test_other_methods_are_not_allowed(admin, cloud, aggregate_id):
    resp = admin.get('%s/%s/images' % (AGGREGATES, aggregate_id))

    assert resp.status_int == 405
    assert resp.headers['Allow'] == 'POST'
