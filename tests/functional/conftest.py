"""The functional tests run the four services as processes on the local
RabbitMQ and a new MariaDB database, with the fake virt driver."""

import subprocess

import pytest

from tests import deployment


@pytest.fixture(scope='session')
def image_file(tmp_path_factory):
    path = tmp_path_factory.mktemp('image') / 'tiny.qcow2'
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', str(path),
                    '64M'], check=True)
    return str(path)


@pytest.fixture(scope='module')
def cloud(image_file):
    """Two compute hosts, so scheduling has a choice."""
    dep = deployment.Deployment(database='mysql',
                                computes=('compute1', 'compute2'))
    try:
        dep.start(image_path=image_file)
        yield dep
    finally:
        dep.stop()


@pytest.fixture
def api(cloud):
    return cloud.client()
