"""nova-lite-manage network and port commands, run as an operator runs
them, on a sqlite database of their own."""

import os
import subprocess
import sys

import pytest

MANAGE = os.path.join(os.path.dirname(sys.executable), 'nova-lite-manage')


@pytest.fixture
def manage(tmp_path):
    conf = tmp_path / 'nova-lite.conf'
    conf.write_text('[DEFAULT]\nstate_path = %s\n[database]\n'
                    'connection = sqlite:///%s/db.sqlite\n'
                    % (tmp_path, tmp_path))

    def run(*args, ok=True):
        proc = subprocess.run([MANAGE, '--config-file', str(conf)] +
                              list(args), capture_output=True, text=True)
        assert (proc.returncode == 0) == ok, proc.stderr
        return proc.stdout.strip().splitlines()[-1] if ok else \
            proc.stderr.strip().splitlines()[-1]

    run('db', 'sync')
    return run


def test_network_create_list_and_delete(manage):
    net_id = manage('network', 'create', 'private', '--cidr',
                    '10.254.11.0/24', '--dns', '10.254.11.1', '--mtu', '1450')
    assert manage('network', 'create', 'private', '--cidr', '10.254.11.0/24',
                  '--if-missing') == net_id
    assert manage('network', 'delete', 'private') == \
        'Deleted network private (%s)' % net_id


@pytest.mark.parametrize('args,error', [
    (('--cidr', '10.254.12.1/24'), 'ERROR: Invalid network: 10.254.12.1/24 '
     'must be a network address with a prefix of at most /29'),
    (('--cidr', 'fd00::/64'), 'ERROR: Invalid network: fd00::/64 is not an '
     'IPv4 CIDR'),
    (('--cidr', '10.254.12.0/24', '--gateway', '10.254.13.1'),
     'ERROR: Invalid network: gateway 10.254.13.1 is not a host address of '
     '10.254.12.0/24'),
])
def test_network_create_refuses_bad_subnets(manage, args, error):
    assert manage('network', 'create', 'bad', *args, ok=False) == error


def test_ports_keep_their_network_and_address(manage):
    manage('network', 'create', 'private', '--cidr', '10.254.14.0/24')
    port_id = manage('port', 'create', 'private', '--fixed-ip',
                     '10.254.14.50')
    assert manage('port', 'create', 'private', '--fixed-ip', '10.254.14.50',
                  ok=False) == 'ERROR: Fixed IP 10.254.14.50 is already in ' \
                               'use.'
    assert manage('network', 'delete', 'private', ok=False).startswith(
        'ERROR: Network ')
    assert manage('port', 'delete', port_id) == 'Deleted port %s' % port_id
    manage('network', 'delete', 'private')
