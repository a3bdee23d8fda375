"""One deployment for the whole tier (two computes, fake driver, MariaDB,
its own RabbitMQ vhost, one shared network) and the users that speak to
it: an admin, a member and a reader of project A, a member of project B.

A test asks for its microversion with ``@pytest.mark.microversion('2.X')``
(or a module's ``pytestmark``); without one its requests carry no
microversion header (2.1).
"""

import subprocess

import pytest
from tempest.lib.common import api_version_request
from tempest.lib import exceptions as lib_exc
from tempest.lib.services.compute import base_compute_client

from tests.api import clients
from tests.api import waiters
from tests import deployment

PROJECT_A = 'project-a'
PROJECT_B = 'project-b'
FLAVOR = '42'


def pytest_configure(config):
    config.addinivalue_line(
        'markers', 'microversion(version): the compute API microversion '
                   "the test's requests ask for")


@pytest.fixture(scope='package')
def image_file(tmp_path_factory):
    path = tmp_path_factory.mktemp('image') / 'tiny.qcow2'
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', str(path),
                    '64M'], check=True)
    return str(path)


@pytest.fixture(scope='package')
def cloud(image_file):
    dep = deployment.Deployment(database='mysql',
                                computes=('compute1', 'compute2'))
    try:
        dep.start(image_path=image_file)
        dep.network_id = dep.create_network('private', '10.254.100.0/24')
        yield dep
    finally:
        dep.stop()


@pytest.fixture(scope='package')
def image_id(cloud):
    return cloud.image_id


@pytest.fixture(scope='package')
def admin(cloud):
    return clients.Clients(cloud.url, 'admin', 'admin')


@pytest.fixture(scope='package')
def member_a(cloud):
    return clients.Clients(cloud.url, 'alice', PROJECT_A, ['member'])


@pytest.fixture(scope='package')
def reader_a(cloud):
    return clients.Clients(cloud.url, 'rita', PROJECT_A, ['reader'])


@pytest.fixture(scope='package')
def member_b(cloud):
    return clients.Clients(cloud.url, 'bob', PROJECT_B, ['member'])


@pytest.fixture(autouse=True)
def api_microversion(request):
    marker = request.node.get_closest_marker('microversion')
    with clients.microversion(marker.args[0] if marker else None):
        yield


def at_least(version):
    """Whether the microversion in use is ``version`` or later."""
    current = api_version_request.APIVersionRequest(
        base_compute_client.COMPUTE_MICROVERSION)
    return not current.is_null() and \
        current >= api_version_request.APIVersionRequest(version)


def boot_server(user, image_id, **fields):
    """Create a server as ``user`` (at the microversion in use; from 2.37
    with no network unless ``networks`` says) and wait until it is
    ACTIVE."""
    fields.setdefault('name', 'server')
    if at_least('2.37'):
        fields.setdefault('networks', 'none')
    server = user.servers.create_server(imageRef=image_id, flavorRef=FLAVOR,
                                        **fields)['server']
    return waiters.wait_for_server_status(user.servers, server['id'],
                                          'ACTIVE')


@pytest.fixture(scope='package')
def server_a(member_a, image_id):
    """An ACTIVE server of project A that no test changes: on the shared
    network, with metadata and (2.26) a tag."""
    with clients.microversion('2.52'):
        server = boot_server(member_a, image_id, name='server-a',
                             networks='auto', metadata={'purpose': 'shared'},
                             tags=['shared'])
    return server


@pytest.fixture(scope='package')
def error_server(member_a, admin, image_id):
    """A server of project A in ERROR: its flavor fits no host."""
    with clients.microversion(None):
        flavor = admin.flavors.create_flavor(name='too-big', ram=10 ** 8,
                                             vcpus=1, disk=1)['flavor']
        server = member_a.servers.create_server(
            name='in-error', imageRef=image_id,
            flavorRef=flavor['id'])['server']
        server = waiters.wait_for_server_status(member_a.servers,
                                                server['id'], 'ERROR')
    yield server
    with clients.microversion(None):
        admin.servers.delete_server(server['id'])
        admin.flavors.delete_flavor(flavor['id'])


@pytest.fixture
def boot(member_a, admin, image_id):
    """``boot(user=member_a, **fields)``: an ACTIVE server the test may
    change; deleted (by the admin, locked or not) after the test."""
    booted = []

    def boot(user=member_a, **fields):
        server = boot_server(user, image_id, **fields)
        booted.append(server['id'])
        return server

    yield boot
    for server_id in booted:
        try:
            admin.servers.delete_server(server_id)
        except lib_exc.NotFound:
            pass
