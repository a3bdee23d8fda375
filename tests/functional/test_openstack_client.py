"""The stock ``openstack`` CLI (python-openstackclient and openstacksdk)
driving a deployment with the fake driver, configured as README.rst says:
the ``none`` auth type at the compute endpoint, identity API version 3,
the image endpoint at ``/image`` and the network endpoint at
``/network``."""

import json
import os
import subprocess
import sys
import uuid

import pytest

OPENSTACK = os.path.join(os.path.dirname(sys.executable), 'openstack')

# The token the 'none' auth type sends; noauth2 makes it the user and
# the project.
NOAUTH_PROJECT = 'notused'


def cli_env(cloud):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith('OS_')}
    root = cloud.url.rsplit('/v2.1', 1)[0]
    env.update(OS_AUTH_TYPE='none', OS_ENDPOINT=cloud.url,
               OS_IDENTITY_API_VERSION='3',
               OS_IMAGE_ENDPOINT_OVERRIDE=root + '/image',
               OS_NETWORK_ENDPOINT_OVERRIDE=root + '/network')
    return env


def openstack(cloud, *args, check=True):
    """Run ``openstack ARGS``; the completed process."""
    proc = subprocess.run([OPENSTACK] + list(args), env=cli_env(cloud),
                          capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, (
            'openstack %s exited with %s:\n%s' % (
                ' '.join(args), proc.returncode, proc.stderr))
    return proc


def openstack_json(cloud, *args):
    return json.loads(openstack(cloud, *(args + ('-f', 'json'))).stdout)


@pytest.fixture(scope='module', autouse=True)
def network(cloud):
    """The one shared network, as tools/stack.sh makes it."""
    return cloud.create_network('private', '10.254.210.0/24')


@pytest.fixture
def cli_api(cloud):
    """The compute API as the CLI's user and project."""
    return cloud.client(NOAUTH_PROJECT, NOAUTH_PROJECT)


@pytest.fixture
def server(cli_api, cloud):
    """An ACTIVE server of the CLI's project, deleted afterwards."""
    name = 'cli-%s' % uuid.uuid4().hex[:8]
    resp = cli_api.create_server(name, cloud.image_id)
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    cli_api.wait_for_status(server_id, {'ACTIVE'})
    yield {'id': server_id, 'name': name}
    cli_api.delete('/servers/%s' % server_id)
    cli_api.wait_for_deleted(server_id)


def test_server_create_wait_returns_the_active_server(cloud, cli_api):
    server = openstack_json(cloud, 'server', 'create', '--image',
                            'nova-lite-test', '--flavor', 'm1.nano',
                            '--wait', 'cli-created')
    try:
        assert server['status'] == 'ACTIVE'
        assert server['name'] == 'cli-created'
        assert server['image'] == 'nova-lite-test (%s)' % cloud.image_id
        assert server['flavor']['name'] == 'm1.nano'
        assert server['project_id'] == NOAUTH_PROJECT
    finally:
        cli_api.delete('/servers/%s' % server['id'])
        cli_api.wait_for_deleted(server['id'])


def test_server_create_with_a_volume_is_refused(cloud):
    proc = openstack(cloud, 'server', 'create', '--image', 'nova-lite-test',
                     '--flavor', 'm1.nano', '--boot-from-volume', '1',
                     'cli-volume', check=False)

    assert proc.returncode == 1
    assert 'Block device mapping not supported' in proc.stderr


def test_server_list_shows_the_server(cloud, server):
    servers = openstack_json(cloud, 'server', 'list')

    [listed] = [s for s in servers if s['ID'] == server['id']]
    assert listed == {'ID': server['id'], 'Name': server['name'],
                      'Status': 'ACTIVE', 'Networks': listed['Networks'],
                      'Image': 'nova-lite-test', 'Flavor': 'm1.nano'}
    # The server took the only network (no 'networks' before 2.37).
    assert list(listed['Networks']) == ['private']


def test_server_list_long_shows_image_name_and_id(cloud, server):
    servers = openstack_json(cloud, 'server', 'list', '--long')

    listed = [s for s in servers if s['ID'] == server['id']]
    assert len(listed) == 1
    assert listed[0]['Image Name'] == 'nova-lite-test'
    assert listed[0]['Image ID'] == cloud.image_id
    assert listed[0]['Status'] == 'ACTIVE'


def test_server_show_shows_the_server(cloud, server):
    shown = openstack_json(cloud, 'server', 'show', server['name'])

    assert shown['id'] == server['id']
    assert shown['status'] == 'ACTIVE'
    assert shown['image'] == 'nova-lite-test (%s)' % cloud.image_id
    assert shown['flavor']['name'] == 'm1.nano'


def test_console_log_show_prints_the_console(cloud, server):
    proc = openstack(cloud, 'console', 'log', 'show', server['id'])

    assert 'nova-lite fake guest %s booted' % server['id'] in proc.stdout


def test_server_delete_wait_removes_the_server(cloud, cli_api):
    resp = cli_api.create_server('cli-deleted', cloud.image_id)
    server_id = resp.json()['server']['id']
    cli_api.wait_for_status(server_id, {'ACTIVE'})

    openstack(cloud, 'server', 'delete', '--wait', server_id)

    assert cli_api.get('/servers/%s' % server_id).status_code == 404
    assert server_id not in [
        s['ID'] for s in openstack_json(cloud, 'server', 'list')]


def test_flavor_show_shows_the_flavor(cloud):
    flavor = openstack_json(cloud, 'flavor', 'show', 'm1.nano')

    assert (flavor['id'], flavor['ram'], flavor['disk'], flavor['vcpus']) \
        == ('42', 128, 1, 1)
    assert flavor['properties'] == {}


def test_image_list_lists_the_image(cloud):
    images = openstack_json(cloud, 'image', 'list')

    assert {'ID': cloud.image_id, 'Name': 'nova-lite-test',
            'Status': 'active'} in images


def test_image_show_shows_the_image(cloud):
    image = openstack_json(cloud, 'image', 'show', 'nova-lite-test')

    assert image['id'] == cloud.image_id
    assert (image['disk_format'], image['status'], image['visibility']) \
        == ('qcow2', 'active', 'public')


def test_network_list_shows_the_network(cloud, network):
    [listed] = openstack_json(cloud, 'network', 'list')
    assert (listed['ID'], listed['Name']) == (network, 'private')
    [subnet] = openstack_json(cloud, 'subnet', 'list')
    assert (subnet['Network'], subnet['Subnet']) == (network,
                                                     '10.254.210.0/24')


def test_server_create_on_a_named_network_with_a_fixed_ip(cloud, cli_api,
                                                          network):
    server = openstack_json(
        cloud, 'server', 'create', '--image', 'nova-lite-test', '--flavor',
        'm1.nano', '--nic', 'net-id=%s,v4-fixed-ip=10.254.210.77' % network,
        '--wait', 'cli-fixed')
    assert server['status'] == 'ACTIVE'
    assert server['addresses'] == {'private': ['10.254.210.77']}
    [port] = openstack_json(cloud, 'port', 'list', '--server', 'cli-fixed')
    assert port['Fixed IP Addresses'][0]['ip_address'] == '10.254.210.77'
    assert port['Status'] == 'ACTIVE'
    openstack(cloud, 'server', 'delete', '--wait', 'cli-fixed')
    assert openstack_json(cloud, 'port', 'list') == []


def test_server_create_with_the_network_name(cloud, cli_api):
    server = openstack_json(
        cloud, 'server', 'create', '--image', 'nova-lite-test', '--flavor',
        'm1.nano', '--network', 'private', '--wait', 'cli-named')
    assert list(server['addresses']) == ['private']
    openstack(cloud, 'server', 'delete', '--wait', 'cli-named')
