"""The config drive: when an instance gets one, and the tree of files on
it, version by version, as Nova writes it."""

import base64
import datetime
import json
import os

import pytest

from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import configdrive
from tests.unit.virt.libvirt import conftest as fx

KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHNvbWUta2V5LWRhdGE= demo@host'
OPENSTACK_VERSIONS = ['2012-08-10', '2013-04-04', '2013-10-17',
                      '2015-10-15', '2016-06-30', '2016-10-06',
                      '2017-02-22', '2018-08-27', '2020-10-14',
                      '2025-04-04']


def _read(root, *parts, mode='r'):
    with open(os.path.join(root, *parts), mode) as f:
        return f.read()


def _json(root, *parts):
    return json.loads(_read(root, *parts))


def _meta(root, version='latest'):
    return _json(root, 'openstack', version, 'meta_data.json')


def _tree(root):
    return sorted(os.path.relpath(os.path.join(d, f), root)
                  for d, _, files in os.walk(root) for f in files)


@pytest.fixture
def keyed_instance():
    return fx.make_instance(key_name='demo-key', key_data=KEY)


# -- required_by --------------------------------------------------------------

def test_required_when_the_instance_asked_for_one():
    assert configdrive.required_by(fx.make_instance(config_drive='True'))


def test_not_required_by_default():
    assert not configdrive.required_by(fx.make_instance(config_drive=''))


def test_not_required_when_config_drive_is_unset():
    inst = fx.make_instance()
    del inst.config_drive
    assert not configdrive.required_by(inst)


def test_forced_for_a_new_instance():
    assert configdrive.required_by(fx.make_instance(), force=True)


def test_not_forced_on_an_instance_launched_without_one():
    launched = fx.make_instance(
        launched_at=datetime.datetime(2024, 1, 2,
                                      tzinfo=datetime.timezone.utc))
    assert not configdrive.required_by(launched, force=True)


def test_required_by_an_image_that_makes_it_mandatory():
    meta = fx.make_image_meta(properties={'img_config_drive': 'mandatory'})
    assert configdrive.required_by(fx.make_instance(), image_meta=meta)


def test_optional_image_property_does_not_require_one():
    meta = fx.make_image_meta(properties={'img_config_drive': 'optional'})
    assert not configdrive.required_by(fx.make_instance(), image_meta=meta)


def test_mandatory_image_gets_a_config_drive_disk():
    meta = fx.make_image_meta(properties={'img_config_drive': 'mandatory'})
    info = blockinfo.get_disk_info('qemu', fx.make_instance(), meta)
    assert info.mapping['disk.config'] == blockinfo.DiskMapping(
        bus='ide', dev='hda', type='cdrom')


# -- the tree -----------------------------------------------------------------

def test_tree_has_every_version_folder_and_the_files_each_has(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    tree = _tree(tmp_path)
    for version in OPENSTACK_VERSIONS + ['latest']:
        files = {p.split('/')[-1] for p in tree
                 if p.startswith('openstack/%s/' % version)}
        expected = {'meta_data.json'}
        if version == 'latest' or version >= '2013-10-17':
            expected.add('vendor_data.json')
        if version == 'latest' or version >= '2015-10-15':
            expected.add('network_data.json')
        if version == 'latest' or version >= '2016-10-06':
            expected.add('vendor_data2.json')
        assert files == expected, version


def test_tree_has_the_ec2_folders_nova_writes_by_default(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    ec2 = [p for p in _tree(tmp_path) if p.startswith('ec2/')]
    assert ec2 == ['ec2/2009-04-04/meta-data.json',
                   'ec2/latest/meta-data.json']


def test_meta_data_json(tmp_path):
    inst = fx.make_instance(launch_index=2, availability_zone='az1')
    configdrive.write_tree(str(tmp_path), inst,
                           injected_files=[('/etc/motd', b'hi\n')])
    meta = _meta(tmp_path)
    assert meta['uuid'] == inst.uuid
    assert meta['name'] == 'vm1'
    assert meta['hostname'] == 'vm1'
    assert meta['launch_index'] == 2
    assert meta['availability_zone'] == 'az1'
    assert meta['project_id'] == 'proj1'
    assert meta['meta'] == {'role': 'test'}
    assert meta['files'] == [{'path': '/etc/motd',
                              'content_path': '/content/0000'}]
    assert meta['devices'] == []
    assert meta['dedicated_cpus'] == []
    assert len(base64.b64decode(meta['random_seed'])) == 512
    assert 'admin_pass' not in meta
    assert 'public_keys' not in meta and 'keys' not in meta


def test_injected_files_are_under_content(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance(),
                           injected_files=[('/etc/motd', b'hi\n'),
                                           ('/root/b', b'\x00\x01')])
    assert _read(tmp_path, 'openstack', 'content', '0000', mode='rb') == \
        b'hi\n'
    assert _read(tmp_path, 'openstack', 'content', '0001', mode='rb') == \
        b'\x00\x01'
    assert _meta(tmp_path)['files'][1] == {'path': '/root/b',
                                           'content_path': '/content/0001'}


def test_meta_and_files_are_left_out_when_empty(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance(metadata={}))
    meta = _meta(tmp_path)
    assert 'meta' not in meta and 'files' not in meta


def test_meta_data_fields_follow_the_version(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    assert set(_meta(tmp_path, '2012-08-10')) == {
        'uuid', 'meta', 'hostname', 'name', 'launch_index',
        'availability_zone'}
    assert set(_meta(tmp_path, '2013-04-04')) - set(
        _meta(tmp_path, '2012-08-10')) == {'random_seed'}
    assert 'project_id' not in _meta(tmp_path, '2013-10-17')
    assert 'project_id' in _meta(tmp_path, '2015-10-15')
    assert 'devices' not in _meta(tmp_path, '2015-10-15')
    assert 'devices' in _meta(tmp_path, '2016-06-30')
    assert 'dedicated_cpus' not in _meta(tmp_path, '2018-08-27')
    assert 'dedicated_cpus' in _meta(tmp_path, '2020-10-14')


def test_admin_pass_is_in_meta_data_only_when_given(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance(),
                           admin_password='secret')
    assert _meta(tmp_path)['admin_pass'] == 'secret'
    assert _meta(tmp_path, '2012-08-10')['admin_pass'] == 'secret'


def test_key_from_key_data_in_public_keys_and_keys(tmp_path, keyed_instance):
    configdrive.write_tree(str(tmp_path), keyed_instance)
    meta = _meta(tmp_path)
    assert meta['public_keys'] == {'demo-key': KEY}
    assert meta['keys'] == [{'name': 'demo-key', 'type': 'ssh',
                             'data': KEY}]


def test_key_name_without_key_data_gives_no_keys(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance(key_name='gone'))
    meta = _meta(tmp_path)
    assert 'public_keys' not in meta and 'keys' not in meta


def test_user_data_is_decoded_in_every_version(tmp_path):
    inst = fx.make_instance(user_data='I2Nsb3VkLWNvbmZpZwo=')
    configdrive.write_tree(str(tmp_path), inst)
    for version in OPENSTACK_VERSIONS + ['latest']:
        assert _read(tmp_path, 'openstack', version, 'user_data') == \
            '#cloud-config\n'
    assert _read(tmp_path, 'ec2', 'latest', 'user-data') == \
        '#cloud-config\n'


def test_no_user_data_file_without_user_data(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    assert not [p for p in _tree(tmp_path) if 'user' in p]


def test_vendor_data_documents_are_empty(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    assert _json(tmp_path, 'openstack', 'latest', 'vendor_data.json') == {}
    assert _json(tmp_path, 'openstack', 'latest', 'vendor_data2.json') == {}


def test_network_data_json_describes_each_vif_statically(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance(),
                           network_info=fx.make_network_info())
    data = _json(tmp_path, 'openstack', 'latest', 'network_data.json')
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
    assert _json(tmp_path, 'openstack', 'latest', 'network_data.json') == {
        'links': [], 'networks': [], 'services': []}


@pytest.mark.parametrize('hostname,dhcp_domain,seen', [
    ('vm1', 'novalocal', 'vm1.novalocal'),
    # Nova appends the domain to a 2.94 FQDN too; '' turns it off.
    ('db.example.org', 'novalocal', 'db.example.org.novalocal'),
    ('db.example.org', '', 'db.example.org'),
    ('vm1', None, 'vm1'),
])
def test_the_guest_hostname_ends_in_the_dhcp_domain(tmp_path, hostname,
                                                    dhcp_domain, seen):
    configdrive.write_tree(str(tmp_path), fx.make_instance(hostname=hostname),
                           dhcp_domain=dhcp_domain)

    assert _meta(tmp_path)['hostname'] == seen
    ec2 = _json(tmp_path, 'ec2', 'latest', 'meta-data.json')
    assert (ec2['hostname'], ec2['local-hostname'],
            ec2['public-hostname']) == (seen, seen, seen)


def test_ec2_meta_data(tmp_path, keyed_instance):
    keyed_instance.system_metadata = {'reservation_id': 'r-1234abcd'}
    keyed_instance.availability_zone = 'az1'
    configdrive.write_tree(str(tmp_path), keyed_instance,
                           network_info=fx.make_network_info())
    assert _json(tmp_path, 'ec2', 'latest', 'meta-data.json') == {
        'ami-launch-index': 0,
        'instance-id': 'i-00000001',
        'hostname': 'vm1',
        'local-hostname': 'vm1',
        'public-hostname': 'vm1',
        'local-ipv4': '10.254.0.5',
        'public-ipv4': '',
        'reservation-id': 'r-1234abcd',
        'security-groups': [],
        'instance-type': 'm1.tiny',
        'placement': {'availability-zone': 'az1'},
        'instance-action': 'none',
        'public-keys': {'0': {'openssh-key': KEY}},
    }


def test_ec2_meta_data_without_key_or_address(tmp_path):
    configdrive.write_tree(str(tmp_path), fx.make_instance())
    data = _json(tmp_path, 'ec2', '2009-04-04', 'meta-data.json')
    assert 'public-keys' not in data
    assert data['local-ipv4'] is None


def test_make_config_drive_iso(tmp_path):
    path = str(tmp_path / 'disk.config')
    configdrive.make_config_drive(path, fx.make_instance())
    with open(path, 'rb') as f:
        f.seek(32768)
        descriptor = f.read(48)
    assert descriptor[1:6] == b'CD001'
    assert descriptor[40:48] == b'config-2'
