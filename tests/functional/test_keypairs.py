"""``openstack keypair create/list/show/delete`` and ``server create
--key-name`` against a deployment with the fake driver."""

from cryptography.hazmat.primitives import serialization
import pytest

from tests.functional.test_openstack_client import NOAUTH_PROJECT
from tests.functional.test_openstack_client import openstack
from tests.functional.test_openstack_client import openstack_json

# A key and its fingerprint from Nova's API samples.
PUBLIC_KEY = (
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCkF3MX59OrlBs3dH5CU7lNmvpbrgZxSpy'
    'GjlnE8Flkirnc/Up22lpjznoxqeoTAwTW034k7Dz6aYIrZGmQwe2TkE084yqvlj45Dkyoj9'
    '5fW/sZacm0cZNuL69EObEGHdprfGJQajrpz22NQoCD8TFB8Wv+8om9NH9Le6s+WPe98WC7'
    '7KLw8qgfQsbIey+JawPWl4O67ZdL5xrypuRjfIPWjgy/VH85IXg/Z/GONZ2nxHgSShMkwq'
    'SFECAC5L3PHB+0+/12M/iikdatFSVGjpuHvkLOs3oe7m6HlOfluSJ85BzLWBbvva93qkGm'
    'Lg4ZAc8rPh2O+YIsBUHNLLMM/oQp Generated-by-Nova\n')
FINGERPRINT = '7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd'


@pytest.fixture(scope='module', autouse=True)
def network(cloud):
    return cloud.create_network('private', '10.254.212.0/24')


@pytest.fixture
def public_key_file(tmp_path):
    path = tmp_path / 'id_rsa.pub'
    path.write_text(PUBLIC_KEY)
    return str(path)


@pytest.fixture
def keypair(cloud, public_key_file):
    """A key imported by the CLI's user, deleted afterwards."""
    openstack(cloud, 'keypair', 'create', '--public-key', public_key_file,
              'cli-key')
    yield 'cli-key'
    openstack(cloud, 'keypair', 'delete', 'cli-key', check=False)


def test_keypair_create_imports_a_public_key_file(cloud, public_key_file):
    created = openstack_json(cloud, 'keypair', 'create', '--public-key',
                             public_key_file, 'cli-imported')
    try:
        assert created['name'] == 'cli-imported'
        assert created['fingerprint'] == FINGERPRINT
        assert created['type'] == 'ssh'
        assert created['user_id'] == NOAUTH_PROJECT
    finally:
        openstack(cloud, 'keypair', 'delete', 'cli-imported')


def test_keypair_create_without_a_key_prints_its_private_key(cloud):
    proc = openstack(cloud, 'keypair', 'create', 'cli-generated')
    try:
        # The client generates the key (OpenSSH format) and imports its
        # public half.
        private_key = serialization.load_ssh_private_key(
            proc.stdout.encode(), password=None)
        shown = openstack(cloud, 'keypair', 'show', '--public-key',
                          'cli-generated').stdout
        assert shown.split()[:2] == private_key.public_key().public_bytes(
            serialization.Encoding.OpenSSH,
            serialization.PublicFormat.OpenSSH).decode().split()
    finally:
        openstack(cloud, 'keypair', 'delete', 'cli-generated')


def test_keypair_create_with_a_taken_name_fails(cloud, keypair,
                                                public_key_file):
    proc = openstack(cloud, 'keypair', 'create', '--public-key',
                     public_key_file, keypair, check=False)

    assert proc.returncode == 1
    assert "Key pair 'cli-key' already exists." in proc.stderr


def test_keypair_list_shows_the_key(cloud, keypair):
    listed = openstack_json(cloud, 'keypair', 'list')

    assert {'Name': keypair, 'Fingerprint': FINGERPRINT,
            'Type': 'ssh'} in listed


def test_keypair_list_leaves_out_other_users_keys(cloud, keypair):
    api = cloud.client('other', NOAUTH_PROJECT)

    resp = api.get('/os-keypairs')

    assert resp.json() == {'keypairs': []}


def test_keypair_show_shows_the_key(cloud, keypair):
    shown = openstack_json(cloud, 'keypair', 'show', keypair)

    assert (shown['name'], shown['fingerprint'], shown['type'],
            shown['user_id']) == (keypair, FINGERPRINT, 'ssh', NOAUTH_PROJECT)
    assert shown['is_deleted'] is False
    assert shown['created_at']


def test_keypair_delete_removes_the_key(cloud, public_key_file):
    openstack(cloud, 'keypair', 'create', '--public-key', public_key_file,
              'cli-deleted')

    openstack(cloud, 'keypair', 'delete', 'cli-deleted')

    assert 'cli-deleted' not in [
        k['Name'] for k in openstack_json(cloud, 'keypair', 'list')]
    proc = openstack(cloud, 'keypair', 'show', 'cli-deleted', check=False)
    assert proc.returncode == 1


def test_server_create_with_a_key_name_records_it(cloud, keypair):
    server = openstack_json(
        cloud, 'server', 'create', '--image', 'nova-lite-test', '--flavor',
        'm1.nano', '--key-name', keypair, '--wait', 'cli-with-key')
    try:
        assert server['status'] == 'ACTIVE'
        assert server['key_name'] == keypair
        shown = openstack_json(cloud, 'server', 'show', 'cli-with-key')
        assert shown['key_name'] == keypair
    finally:
        openstack(cloud, 'server', 'delete', '--wait', server['id'])


def test_server_create_with_an_unknown_key_name_fails(cloud):
    proc = openstack(cloud, 'server', 'create', '--image', 'nova-lite-test',
                     '--flavor', 'm1.nano', '--key-name', 'no-such-key',
                     'cli-bad-key', check=False)

    assert proc.returncode == 1
    assert 'Invalid key_name provided.' in proc.stderr
    assert 'cli-bad-key' not in [
        s['Name'] for s in openstack_json(cloud, 'server', 'list')]
