"""nova-lite-fake-computes: five compute hosts in one process, each a
compute service of its own that the scheduler can pick."""

import time

import pytest

from tests import deployment

HOSTS = ['fake-0001', 'fake-0002', 'fake-0003', 'fake-0004', 'fake-0005']
# Low, so that a stopped process's hosts are seen down quickly.
DOWN_TIME = {'DEFAULT': {'service_down_time': '4'}}


def _computes(dep):
    return {host: state for (binary, host), state in
            dep.service_states().items() if binary == 'nova-lite-compute'}


@pytest.fixture(scope='module')
def fake_cloud(image_file):
    dep = deployment.Deployment(database='mysql', computes=(),
                                controller_options=DOWN_TIME,
                                compute_conf=DOWN_TIME)
    try:
        dep.start(image_path=image_file)
        dep.start_fake_computes(5)
        yield dep
    finally:
        dep.stop()


def test_every_fake_host_is_an_up_compute_service(fake_cloud):
    assert _computes(fake_cloud) == {host: 'up' for host in HOSTS}


def test_a_server_goes_active_on_one_of_the_fake_hosts(fake_cloud):
    api = fake_cloud.client()
    resp = api.create_server('on-a-fake-host', fake_cloud.image_id)
    assert resp.status_code == 202
    server_id = resp.json()['server']['id']
    api.wait_for_status(server_id, {'ACTIVE'})
    server = fake_cloud.client('admin', 'admin').get(
        '/servers/%s' % server_id).json()['server']
    assert server['OS-EXT-SRV-ATTR:host'] in HOSTS
    assert server['OS-EXT-SRV-ATTR:hypervisor_hostname'] == \
        server['OS-EXT-SRV-ATTR:host']


def test_fake_hosts_go_down_when_their_process_is_killed(image_file):
    dep = deployment.Deployment(database='mysql', computes=(),
                                controller_options=DOWN_TIME,
                                compute_conf=DOWN_TIME)
    try:
        dep.start(image_path=image_file)
        dep.start_fake_computes(5)
        assert set(_computes(dep).values()) == {'up'}
        dep.kill('fake-computes')
        deadline = time.time() + 30
        while time.time() < deadline and \
                set(_computes(dep).values()) != {'down'}:
            time.sleep(0.5)
        assert _computes(dep) == {host: 'down' for host in HOSTS}
    finally:
        dep.stop()
