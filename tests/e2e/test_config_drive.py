"""A real QEMU guest reads its config drive: its uuid, hostname, key and
user data, printed on its console by the test image."""

import base64
import os

import pytest

from tests.e2e.conftest import wait_for_console as _console


# One libvirt URI is enough: the config drive does not depend on it.
@pytest.mark.parametrize('cloud', ['embed'], indirect=True)
def test_guest_reads_uuid_hostname_key_and_user_data_from_its_drive(cloud):
    api = cloud.client()
    resp = api.post('/os-keypairs', {'keypair': {'name': 'e2e-key'}})
    assert resp.status_code == 200, resp.text
    script = b'#!/bin/sh\necho "hello from user data"\n'
    resp = api.create_server(
        'drive-guest', cloud.image_id, config_drive=True,
        key_name='e2e-key', metadata={'role': 'e2e'},
        user_data=base64.b64encode(script).decode())
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                                 timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')

    output = _console(api, server_id, 'user-data: exit')
    lines = output.splitlines()
    assert 'config drive: uuid %s' % server_id in lines
    # With Nova's default [api] dhcp_domain.
    assert 'config drive: hostname drive-guest.novalocal' in lines
    assert 'config drive: public key e2e-key' in lines
    assert 'config drive: user_data #!/bin/sh' in lines
    assert 'hello from user data' in output
    assert 'user-data: exit 0' in output
    # Injection is off by default: the boot disk holds only what the
    # image was built with.
    assert 'injected:' not in output
    disk_config = os.path.join(cloud.dir, 'kvm1', 'instances', server_id,
                               'disk.config')
    assert os.path.exists(disk_config)

    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
    assert not os.path.exists(disk_config)
