"""Several hosts on one machine: two nova-lite-compute processes, each
with its own ``host`` name and its own embedded QEMU driver
(qemu:///embed?root=DIR, DIR its own), are two hosts to the scheduler, and
server groups place real QEMU guests on them by their policy."""

import glob
import os
import subprocess

import pytest

from tests.e2e.conftest import _libvirt_cloud
from tests.e2e.conftest import BANNER
from tests.e2e.conftest import embed_uri
from tests.e2e.conftest import qemu_running
from tests.e2e.conftest import wait_for_console

# Each host's guests serve VNC on an address of its own, as on separate
# machines: two embedded drivers each allocate ports for themselves, and
# guests started at once on both would otherwise race for one port.
VNC_ADDRESSES = {'embed-a': '127.0.0.2', 'embed-b': '127.0.0.3'}
HOSTS = tuple(VNC_ADDRESSES)
BOOT_TIMEOUT = 300


@pytest.fixture(scope='module')
def cloud(test_image):
    yield from _libvirt_cloud(
        test_image, embed_uri, computes=HOSTS, uri_per_host=True,
        host_conf={host: {'vnc': {'server_listen': address}}
                   for host, address in VNC_ADDRESSES.items()})


@pytest.fixture
def api(cloud):
    """An admin client, who sees the host of a server; afterwards no
    server, guest or server group of the test is left."""
    admin = cloud.client('admin', 'admin')
    yield admin
    cloud.delete_all_servers()
    for group in admin.get('/os-server-groups?all_projects=1').json()[
            'server_groups']:
        admin.delete('/os-server-groups/%s' % group['id'])
    assert _guests_of(cloud) == []


def _guests_of(cloud):
    """The QEMU processes of this deployment's guests (their names are
    of its instance_name_template)."""
    found = subprocess.run(['pgrep', '-a', '-f', 'qemu.*nl%s-' % cloud.run_id],
                           capture_output=True, text=True)
    return found.stdout.splitlines()


def _group(api, name, policy):
    """A new server group of ``policy``, created with one policy (2.64)."""
    resp = api.post('/os-server-groups',
                    {'server_group': {'name': name, 'policy': policy}},
                    headers={'OpenStack-API-Version': 'compute 2.64'})
    assert resp.status_code == 200, resp.text
    return resp.json()['server_group']['id']


def _legacy_group(api, name, policy):
    """A new server group of ``policy``, created with a policy list."""
    resp = api.post('/os-server-groups',
                    {'server_group': {'name': name, 'policies': [policy]}})
    assert resp.status_code == 200, resp.text
    return resp.json()['server_group']['id']


def _create_in_group(api, cloud, name, group_id, **extra):
    """POST one server create into ``group_id``; returns the response."""
    server = dict(name=name, imageRef=cloud.image_id, flavorRef='42',
                  **extra)
    return api.post('/servers', {'server': server,
                                 'os:scheduler_hints': {'group': group_id}})


def _boot_in_group(api, cloud, name, group_id):
    resp = _create_in_group(api, cloud, name, group_id)
    assert resp.status_code == 202, resp.text
    return resp.json()['server']['id']


def _wait_active(api, server_ids):
    """The servers once ACTIVE (every one POSTed before: they boot side
    by side)."""
    servers = []
    for server_id in server_ids:
        server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                                     timeout=BOOT_TIMEOUT)
        assert server['status'] == 'ACTIVE', server.get('fault')
        servers.append(server)
    return servers


def _members(api, group_id):
    return api.get('/os-server-groups/%s' % group_id).json()[
        'server_group']['members']


def _instance_dirs(cloud, server_id):
    return [os.path.join(cloud.dir, host, 'instances', server_id)
            for host in HOSTS]


def _domain_files(cloud, host, server_id):
    """Files of ``host``'s embedded driver that name the server: its
    domain definition and run state (not QEMU's logs, which outlive the
    domain)."""
    root = os.path.join(cloud.dir, host, 'embed')
    found = []
    for path in glob.glob(os.path.join(root, '**', '*.xml'),
                          recursive=True):
        with open(path, 'rb') as f:
            if server_id.encode() in f.read():
                found.append(os.path.relpath(path, root))
    return found


def _assert_anti_affine_and_booted(api, cloud, group_id, server_ids):
    servers = _wait_active(api, server_ids)
    hosts = [s['OS-EXT-SRV-ATTR:host'] for s in servers]
    assert sorted(hosts) == sorted(HOSTS)
    for server in servers:
        assert BANNER in wait_for_console(api, server['id'],
                                          timeout=BOOT_TIMEOUT)
        # The guest's files and domain are on its own host only.
        host = server['OS-EXT-SRV-ATTR:host']
        on_disk = [d for d in _instance_dirs(cloud, server['id'])
                   if os.path.exists(d)]
        assert on_disk == [os.path.join(cloud.dir, host, 'instances',
                                        server['id'])]
        for other in HOSTS:
            assert bool(_domain_files(cloud, other, server['id'])) == \
                (other == host)
    assert sorted(_members(api, group_id)) == sorted(server_ids)


def test_each_compute_is_a_host_with_its_own_embedded_driver(cloud):
    states = cloud.service_states()
    providers = cloud.manage('placement', 'provider', 'list').split()
    for host in HOSTS:
        assert states[('nova-lite-compute', host)] == 'up'
        assert host in providers
        # The driver made its own root; no root is shared.
        assert os.path.isdir(os.path.join(cloud.dir, host, 'embed'))
    assert not os.path.exists(os.path.join(cloud.dir, 'embed'))


def test_anti_affine_servers_created_one_by_one_run_on_different_hosts(
        api, cloud):
    group_id = _group(api, 'anti', 'anti-affinity')
    server_ids = [_boot_in_group(api, cloud, 'anti-%d' % i, group_id)
                  for i in range(2)]
    _assert_anti_affine_and_booted(api, cloud, group_id, server_ids)


def test_anti_affine_servers_of_one_multi_create_run_on_different_hosts(
        api, cloud):
    group_id = _legacy_group(api, 'anti-multi', 'anti-affinity')
    resp = _create_in_group(api, cloud, 'anti-multi', group_id, min_count=2)
    assert resp.status_code == 202, resp.text
    # anti-multi-1 and anti-multi-2.
    servers = api.get('/servers?name=anti-multi').json()['servers']
    server_ids = [s['id'] for s in servers]
    assert len(server_ids) == 2
    _assert_anti_affine_and_booted(api, cloud, group_id, server_ids)


def test_an_anti_affine_server_more_than_hosts_fails_holding_nothing(
        api, cloud):
    group_id = _group(api, 'anti-full', 'anti-affinity')
    placed = [_boot_in_group(api, cloud, 'anti-full-%d' % i, group_id)
              for i in range(2)]
    _wait_active(api, placed)

    extra = _boot_in_group(api, cloud, 'anti-full-extra', group_id)
    server = api.wait_for_status(extra, {'ACTIVE', 'ERROR'},
                                 timeout=BOOT_TIMEOUT)
    assert server['status'] == 'ERROR'
    assert server['fault']['message'].startswith('No valid host was found.')
    assert server['OS-EXT-SRV-ATTR:host'] is None
    assert extra not in cloud.manage('placement', 'allocation', 'list',
                                     '--consumer', extra)
    assert not any(os.path.exists(d) for d in _instance_dirs(cloud, extra))
    assert all(_domain_files(cloud, host, extra) == [] for host in HOSTS)
    assert not qemu_running(extra)
    # The members that did fit still run, one on each host.
    hosts = {api.get('/servers/%s' % s).json()['server'][
        'OS-EXT-SRV-ATTR:host'] for s in placed}
    assert hosts == set(HOSTS)


def test_affine_servers_run_on_the_same_host(api, cloud):
    group_id = _legacy_group(api, 'affine', 'affinity')
    server_ids = [_boot_in_group(api, cloud, 'affine-%d' % i, group_id)
                  for i in range(2)]
    servers = _wait_active(api, server_ids)
    hosts = {s['OS-EXT-SRV-ATTR:host'] for s in servers}
    assert len(hosts) == 1 and hosts <= set(HOSTS)
    host = hosts.pop()
    for server_id in server_ids:
        assert os.path.isdir(os.path.join(cloud.dir, host, 'instances',
                                          server_id))
        assert qemu_running(server_id)
    assert sorted(_members(api, group_id)) == sorted(server_ids)
