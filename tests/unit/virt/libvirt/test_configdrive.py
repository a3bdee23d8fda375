import json
import os

from nova_lite.virt.libvirt import configdrive
from tests.unit.virt.libvirt import conftest as fx


def _read(root, *parts, mode='r'):
    with open(os.path.join(root, *parts), mode) as f:
        return f.read()


def test_required_by():
    assert configdrive.required_by(fx.make_instance(config_drive='True'))
    assert not configdrive.required_by(fx.make_instance(config_drive=''))
    assert configdrive.required_by(fx.make_instance(), force=True)
    inst = fx.make_instance()
    del inst.config_drive
    assert not configdrive.required_by(inst)


def test_meta_data_json(tmp_path):
    inst = fx.make_instance(launch_index=2, availability_zone='az1')
    configdrive.write_tree(str(tmp_path), inst,
                           injected_files=[('/etc/motd', b'hi\n')])
    meta = json.loads(_read(tmp_path, 'openstack', 'latest',
                            'meta_data.json'))
    assert meta['uuid'] == inst.uuid
    assert meta['name'] == 'vm1'
    assert meta['hostname'] == 'vm1'
    assert meta['launch_index'] == 2
    assert meta['availability_zone'] == 'az1'
    assert meta['project_id'] == 'proj1'
    assert meta['meta'] == {'role': 'test'}
    assert meta['files'] == [{'path': '/etc/motd',
                              'content_path': '/content/0000'}]
    assert _read(tmp_path, 'openstack', 'content', '0000', mode='rb') == \
        b'hi\n'
    assert 'admin_pass' not in meta
    assert not os.path.exists(os.path.join(tmp_path, 'openstack', 'latest',
                                           'user_data'))


def test_user_data_is_decoded(tmp_path):
    inst = fx.make_instance(user_data='I2Nsb3VkLWNvbmZpZwo=')
    configdrive.write_tree(str(tmp_path), inst, admin_password='secret')
    assert _read(tmp_path, 'openstack', 'latest', 'user_data') == \
        '#cloud-config\n'
    meta = json.loads(_read(tmp_path, 'openstack', 'latest',
                            'meta_data.json'))
    assert meta['admin_pass'] == 'secret'


def test_make_config_drive_iso(tmp_path):
    path = str(tmp_path / 'disk.config')
    configdrive.make_config_drive(path, fx.make_instance())
    with open(path, 'rb') as f:
        f.seek(32768)
        descriptor = f.read(48)
    assert descriptor[1:6] == b'CD001'
    assert descriptor[40:48] == b'config-2'


def test_network_data_json_describes_each_vif_statically(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance(),
                           network_info=fx.make_network_info())
    data = json.loads(_read(tmp_path, 'openstack', 'latest',
                            'network_data.json'))
    assert data == {
        'links': [{'id': 'tap3a6e1f9c-84',
                   'vif_id': '3a6e1f9c-84a2-4c57-9e0b-51d4c3b2a1f0',
                   'type': 'bridge', 'mtu': 1450,
                   'ethernet_mac_address': 'fa:16:3e:12:34:56'}],
        'networks': [{'id': 'network0', 'type': 'ipv4',
                      'link': 'tap3a6e1f9c-84', 'ip_address': '10.254.0.5',
                      'netmask': '255.255.255.0',
                      'routes': [{'network': '0.0.0.0',
                                  'netmask': '0.0.0.0',
                                  'gateway': '10.254.0.1'}],
                      'network_id': '6a5e8d0c-2f61-4f0e-9f3b-d2c4b5a69788',
                      'services': [{'type': 'dns',
                                    'address': '10.254.0.1'}]}],
        'services': [{'type': 'dns', 'address': '10.254.0.1'}]}


def test_network_data_json_without_network_is_empty(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    assert json.loads(_read(tmp_path, 'openstack', 'latest',
                            'network_data.json')) == {
        'links': [], 'networks': [], 'services': []}
