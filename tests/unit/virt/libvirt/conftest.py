"""Fixtures of the libvirt driver tests: options, objects, tiny images."""

import datetime
import subprocess
import uuid

import pytest
from oslo_config import cfg

from nova_lite import conf as nova_conf
from nova_lite import objects

objects.register_all()

IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


@pytest.fixture
def conf(tmp_path):
    """A private ConfigOpts with every nova-lite option, pointing at
    libvirt's in-memory test driver and a temporary state path."""
    conf = cfg.ConfigOpts()
    nova_conf.register_all(conf)
    conf([], project='nova-lite', default_config_files=[])
    conf.set_override('state_path', str(tmp_path / 'state'))
    conf.set_override('host', 'cmp1')
    conf.set_override('virt_type', 'qemu', group='libvirt')
    conf.set_override('connection_uri', 'test:///default', group='libvirt')
    yield conf
    # Group options keep their overrides in the (module level) OptGroup,
    # shared by every ConfigOpts: drop them so no test sees another's.
    conf.reset()


def make_flavor(**updates):
    values = dict(id=1, flavorid='1', name='m1.tiny', memory_mb=128,
                  vcpus=1, root_gb=1, ephemeral_gb=0, swap=0,
                  extra_specs={})
    values.update(updates)
    return objects.Flavor(**values)


def make_instance(flavor=None, **updates):
    flavor = flavor or make_flavor()
    values = dict(
        id=1, uuid=str(uuid.uuid4()), display_name='vm1', hostname='vm1',
        user_id='user1', project_id='proj1', image_ref=IMAGE_ID,
        flavor=flavor, memory_mb=flavor.memory_mb, vcpus=flavor.vcpus,
        root_gb=flavor.root_gb, ephemeral_gb=flavor.ephemeral_gb,
        host='cmp1', node='cmp1', launch_index=0, availability_zone='nova',
        config_drive='', metadata={'role': 'test'}, system_metadata={},
        created_at=datetime.datetime(2024, 1, 2, 3, 4, 5,
                                     tzinfo=datetime.timezone.utc))
    values.update(updates)
    return objects.Instance(**values)


def make_image_meta(path=None, **updates):
    values = dict(id=IMAGE_ID, name='cirros', disk_format='qcow2',
                  container_format='bare', size=0, min_disk=0, min_ram=0,
                  properties={})
    if path is not None:
        values['direct_url'] = 'file://%s' % path
    values.update(updates)
    return objects.ImageMeta(**values)


def make_disk_image(path, fmt='qcow2', size='1M', backing=None):
    """Create a small image with qemu-img and return its path."""
    cmd = ['qemu-img', 'create', '-q', '-f', fmt]
    if backing:
        cmd += ['-F', 'raw', '-b', str(backing)]
    cmd += [str(path), size]
    subprocess.run(cmd, check=True)
    return str(path)


@pytest.fixture
def instance():
    return make_instance()


@pytest.fixture
def qcow2_image(tmp_path):
    return make_disk_image(tmp_path / 'cirros.qcow2')


@pytest.fixture
def image_meta(qcow2_image):
    return make_image_meta(qcow2_image)


def make_network_info(port_id='3a6e1f9c-84a2-4c57-9e0b-51d4c3b2a1f0',
                      mac='fa:16:3e:12:34:56', address='10.254.0.5',
                      mtu=1450):
    """network_info of one VIF on a /24 with a gateway and a DNS server."""
    from nova_lite.network import model
    subnet = model.Subnet(
        cidr='10.254.0.0/24', id='5d9c2a31-0d4b-4a4f-bb0a-7c1b1a2f3e4d',
        gateway=model.IP('10.254.0.1', type='gateway'),
        dns=(model.IP('10.254.0.1', type='dns'),),
        ips=(model.IP(address),))
    network = model.Network(
        id='6a5e8d0c-2f61-4f0e-9f3b-d2c4b5a69788', bridge='brq6a5e8d0c-2f',
        label='private', subnets=(subnet,), mtu=mtu)
    return model.NetworkInfo([model.VIF(
        id=port_id, address=mac, network=network,
        devname=model.devname(port_id))])
