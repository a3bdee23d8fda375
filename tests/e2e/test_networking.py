"""Real QEMU guests on a network: each gets the address its server shows,
by DHCP or from the config drive, the guests reach each other over the
bridge, and a delete leaves no tap, port or dnsmasq behind."""

import base64
import os
import re
import subprocess

from lxml import etree

from tests.e2e.conftest import wait_for_console as _console

NET_LINE = re.compile(
    r'net: (eth\d) ([0-9a-f:]{17}) ([0-9.]+)/(\d+) (dhcp|config-drive)')


def _boot(api, cloud, name, **extra):
    resp = api.create_server(name, cloud.image_id, **extra)
    assert resp.status_code == 202, resp.text
    return resp.json()['server']['id']


def _address(server):
    [(label, [address])] = server['addresses'].items()
    assert label == 'private'
    return address['addr'], address['OS-EXT-IPS-MAC:mac_addr']


def _taps_on(bridge):
    path = '/sys/class/net/%s/brif' % bridge
    return set(os.listdir(path)) if os.path.isdir(path) else set()


def _dnsmasq_for(bridge):
    return subprocess.run(['pgrep', '-f', 'dnsmasq.*--interface=%s' % bridge],
                          capture_output=True).returncode == 0


def test_guests_get_their_addresses_and_reach_each_other(cloud):
    api = cloud.client()
    # Two servers asked for at once: one names the network, one takes
    # the only one there is.
    first = _boot(api, cloud, 'dhcp-a',
                  networks=[{'uuid': cloud.network_id}])
    second = _boot(api, cloud, 'dhcp-b')
    servers = [api.wait_for_status(s, {'ACTIVE', 'ERROR'}, timeout=180)
               for s in (first, second)]
    assert [s['status'] for s in servers] == ['ACTIVE', 'ACTIVE'], \
        [s.get('fault') for s in servers]
    (ip_a, mac_a), (ip_b, mac_b) = [_address(s) for s in servers]
    assert ip_a != ip_b and mac_a != mac_b

    # Each guest asked DHCP and got exactly what its server shows.
    for server_id, ip, mac in ((first, ip_a, mac_a), (second, ip_b, mac_b)):
        output = _console(api, server_id, 'net: eth0 %s' % mac)
        assert ('eth0', mac, ip, '24', 'dhcp') in NET_LINE.findall(output)

    ports = {p['id']: p for p in cloud.ports()}
    taps = {('tap' + port_id)[:14] for port_id in ports}
    assert len(taps) == 2 and taps <= _taps_on(cloud.bridge)
    assert {p['status'] for p in ports.values()} == {'ACTIVE'}

    # A third guest learns its address from the config drive and runs
    # its user_data, which pings the first guest across the bridge.
    script = ('#!/bin/sh\nping -c 3 -W 2 %s && echo "PING-OK %s"\n'
              % (ip_a, ip_a)).encode()
    third = _boot(api, cloud, 'drive-c', config_drive=True,
                  user_data=base64.b64encode(script).decode())
    server = api.wait_for_status(third, {'ACTIVE', 'ERROR'}, timeout=180)
    assert server['status'] == 'ACTIVE', server.get('fault')
    ip_c, mac_c = _address(server)
    output = _console(api, third, 'user-data: exit')
    assert ('eth0', mac_c, ip_c, '24', 'config-drive') in \
        NET_LINE.findall(output)
    assert 'PING-OK %s' % ip_a in output
    assert 'user-data: exit 0' in output

    # The domain's NIC is the port's: MAC, bridge and tap.
    xml = os.path.join(cloud.dir, 'kvm1', 'instances', third, 'libvirt.xml')
    nic = etree.parse(xml).find('devices/interface')
    [port_c] = [p for p in cloud.ports() if p['device'] == third]
    assert nic.get('type') == 'bridge'
    assert nic.find('mac').get('address') == mac_c
    assert nic.find('source').get('bridge') == cloud.bridge
    assert nic.find('target').get('dev') == ('tap' + port_c['id'])[:14]

    for server_id in (first, second, third):
        api.delete('/servers/%s' % server_id)
    for server_id in (first, second, third):
        api.wait_for_deleted(server_id, timeout=120)
    assert cloud.ports() == []
    assert _taps_on(cloud.bridge) == set()
    assert not any(os.path.exists('/sys/class/net/' + tap)
                   for tap in taps | {nic.find('target').get('dev')})
    assert not _dnsmasq_for(cloud.bridge)
    # The bridge stays for the next server.
    assert os.path.exists('/sys/class/net/%s' % cloud.bridge)


def test_a_guest_that_fails_to_start_leaves_no_port_tap_or_dnsmasq(
        cloud, test_image):
    # libvirt refuses the machine type only after the VIF was plugged.
    image_id = cloud.manage(
        'image', 'create', '--name', 'bad-machine', '--file', test_image,
        '--property', 'hw_machine_type=no-such-machine').strip() \
        .splitlines()[-1]
    api = cloud.client()
    resp = api.create_server('doomed', image_id)
    assert resp.status_code == 202, resp.text
    server_id = resp.json()['server']['id']
    server = api.wait_for_status(server_id, {'ACTIVE', 'ERROR'},
                                 timeout=180)
    assert server['status'] == 'ERROR'
    assert 'no-such-machine' in cloud.log('kvm1')
    assert cloud.ports() == []
    assert _taps_on(cloud.bridge) == set()
    assert not _dnsmasq_for(cloud.bridge)
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id)
