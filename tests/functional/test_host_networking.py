"""The host side of guest networking on real devices: the network's bridge
and its dnsmasq, with guests played by network namespaces joined to the
bridge by veth pairs and asking for a lease with busybox udhcpc.

Everything happens in namespaces the tests create ("host" and one per
guest); the machine's own namespace is never touched. Needs root, iproute2,
dnsmasq and busybox.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid

import pytest
from oslo_config import cfg
from pyroute2 import IPRoute
from pyroute2 import netns

from nova_lite import conf as nova_conf
from nova_lite import exception
from nova_lite.network import dhcp
from nova_lite.network import linux_net
from nova_lite.network import model
from nova_lite import objects
from nova_lite.virt.libvirt import vif as libvirt_vif

objects.register_all()

DNSMASQ = (shutil.which('dnsmasq') or
           shutil.which('dnsmasq', path='/usr/sbin:/sbin'))


@pytest.fixture(autouse=True, scope='module')
def _host_tools():
    # tools/install_system_deps.sh provides these; without them this is
    # a broken machine, not a test to leave out.
    assert os.geteuid() == 0, 'the host networking tests run as root'
    assert DNSMASQ and shutil.which('busybox'), 'dnsmasq and busybox needed'


BRIDGE = 'brq-test'
GATEWAY = '10.77.0.1'
DNS = '10.77.0.53'
IFF_UP = 1

UDHCPC_SCRIPT = """#!/bin/sh
[ "$1" = bound ] && echo "ip=$ip mask=$subnet router=$router mtu=$mtu dns=$dns"
exit 0
"""


def ip(*args):
    subprocess.run(('ip',) + args, check=True, capture_output=True)


@contextlib.contextmanager
def in_netns(name):
    """Run the block (and the processes it starts) in namespace ``name``."""
    netns.pushns(name)
    try:
        yield
    finally:
        netns.popns()


def delete_netns(name):
    pids = subprocess.run(['ip', 'netns', 'pids', name], text=True,
                          capture_output=True).stdout.split()
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)
    subprocess.run(['ip', 'netns', 'del', name], capture_output=True)


@pytest.fixture
def namespaces():
    """Creates namespaces on demand; kills what runs in them and deletes
    them at teardown."""
    prefix = 'nl-%s-' % uuid.uuid4().hex[:8]
    created = []

    def create(role):
        name = prefix + role
        ip('netns', 'add', name)
        created.append(name)
        ip('-n', name, 'link', 'set', 'lo', 'up')
        return name

    yield create
    for name in created:
        delete_netns(name)


@pytest.fixture
def host_ns(namespaces):
    """The compute host: IPv4 forwarding on, as on a router, so a bridge
    left forwarding would route its guests' packets."""
    name = namespaces('host')
    with in_netns(name):
        with open('/proc/sys/net/ipv4/ip_forward', 'w') as sysctl:
            sysctl.write('1')
    return name


@pytest.fixture
def state_dir():
    # Not pytest's tmp_path: its parents are private to root, and dnsmasq
    # reads its host entries as nobody.
    path = tempfile.mkdtemp(prefix='nova-lite-dhcp-')
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def conf(state_dir):
    conf = cfg.ConfigOpts()
    nova_conf.register_all(conf)
    conf([], project='nova-lite', default_config_files=[])
    conf.set_override('state_path', state_dir)
    conf.set_override('dnsmasq_binary', DNSMASQ, group='network')
    yield conf
    conf.reset()


@pytest.fixture
def udhcpc_script(tmp_path):
    path = tmp_path / 'udhcpc.sh'
    path.write_text(UDHCPC_SCRIPT)
    path.chmod(0o755)
    return str(path)


def make_vif(last_octet, mac, mtu=1450, dns=(DNS,)):
    port_id = str(uuid.uuid4())
    subnet = model.Subnet(cidr='10.77.0.0/24',
                          gateway=model.IP(GATEWAY, type='gateway'),
                          dns=tuple(model.IP(d, type='dns') for d in dns),
                          ips=(model.IP('10.77.0.%d' % last_octet),),
                          id='6b0d7c1e')
    network = model.Network(id='net-1', bridge=BRIDGE, label='private',
                            subnets=(subnet,), mtu=mtu)
    return model.VIF(id=port_id, address=mac, network=network,
                     devname=model.devname(port_id))


def make_instance(hostname):
    return objects.Instance(uuid=str(uuid.uuid4()), hostname=hostname)


def add_guest(namespaces, host_ns, role, mac):
    """A guest: its own namespace, its eth0 (with ``mac``) a veth whose
    peer is a port of the bridge."""
    guest = namespaces(role)
    port = 'v' + role
    ip('-n', host_ns, 'link', 'add', port, 'type', 'veth', 'peer', 'name',
       'eth0', 'netns', guest)
    ip('-n', guest, 'link', 'set', 'eth0', 'address', mac, 'up')
    ip('-n', host_ns, 'link', 'set', port, 'master', BRIDGE, 'up')
    return guest


def request_lease(guest, script, tries=3):
    """What the guest's DHCP client is offered: the values of the
    ``bound`` event, or None when no server answered."""
    result = subprocess.run(
        ['ip', 'netns', 'exec', guest, 'busybox', 'udhcpc', '-n', '-q',
         '-t', str(tries), '-T', '1', '-i', 'eth0', '-s', script],
        capture_output=True, text=True, timeout=30)
    for line in result.stdout.splitlines():
        if line.startswith('ip='):
            return dict(field.split('=', 1) for field in line.split(' '))
    return None


def bridge_state(host_ns):
    with in_netns(host_ns), IPRoute() as ipr:
        index = ipr.link_lookup(ifname=BRIDGE)[0]
        link = ipr.get_links(index)[0]
        addresses = [(a.get('IFA_ADDRESS'), a['prefixlen'])
                     for a in ipr.get_addr(index=index, family=2)]
        with open('/proc/sys/net/ipv4/conf/%s/forwarding' % BRIDGE) as f:
            forwarding = f.read().strip()
    kind = link.get_attr('IFLA_LINKINFO').get_attr('IFLA_INFO_KIND')
    return {'kind': kind, 'up': bool(link['flags'] & IFF_UP),
            'mtu': link.get_attr('IFLA_MTU'), 'addresses': addresses,
            'forwarding': forwarding}


def dnsmasq_pids(host_ns):
    pids = subprocess.run(['ip', 'netns', 'pids', host_ns], text=True,
                          capture_output=True).stdout.split()
    found = []
    for pid in pids:
        with contextlib.suppress(OSError):
            with open('/proc/%s/comm' % pid) as f:
                if f.read().strip() == 'dnsmasq':
                    found.append(int(pid))
    return found


# The bridge


def test_ensure_bridge_makes_an_up_bridge_with_the_gateway(host_ns):
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24, mtu=1450)
    assert bridge_state(host_ns) == {
        'kind': 'bridge', 'up': True, 'mtu': 1450,
        'addresses': [(GATEWAY, 24)], 'forwarding': '0'}
    assert not linux_net.device_exists(BRIDGE)  # not in our namespace


def test_ensure_bridge_twice_changes_nothing(host_ns):
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24, mtu=1450)
        first = bridge_state(host_ns)
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24, mtu=1450)
    assert bridge_state(host_ns) == first


def test_delete_bridge_and_absent_devices(host_ns):
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE)
        assert linux_net.device_exists(BRIDGE)
        linux_net.delete_bridge(BRIDGE)
        assert not linux_net.device_exists(BRIDGE)
        linux_net.delete_bridge(BRIDGE)
        linux_net.delete_net_dev('tapabsent')


# DHCP


def test_guest_with_an_entry_gets_its_address(
        conf, namespaces, host_ns, udhcpc_script):
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    with in_netns(host_ns):
        libvirt_vif.LibvirtGenericVIFDriver(conf).plug(
            make_instance('vm1'), vif)
    guest = add_guest(namespaces, host_ns, 'g1', vif.address)
    assert request_lease(guest, udhcpc_script) == {
        'ip': '10.77.0.5', 'mask': '255.255.255.0', 'router': GATEWAY,
        'mtu': '1450', 'dns': DNS}


def test_guest_with_an_unknown_mac_gets_no_lease(
        conf, namespaces, host_ns, udhcpc_script):
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    with in_netns(host_ns):
        libvirt_vif.LibvirtGenericVIFDriver(conf).plug(
            make_instance('vm1'), vif)
    stranger = add_guest(namespaces, host_ns, 'g2', 'fa:16:3e:00:00:99')
    assert request_lease(stranger, udhcpc_script, tries=2) is None
    with open(dhcp.Dnsmasq(conf, vif.network).lease_file) as leases:
        assert 'fa:16:3e:00:00:99' not in leases.read()


def test_dnsmasq_runs_as_nobody_and_reads_entries_added_later(
        conf, namespaces, host_ns, udhcpc_script):
    first = make_vif(5, 'fa:16:3e:00:00:05')
    second = make_vif(6, 'fa:16:3e:00:00:06')
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24)
        dnsmasq = dhcp.Dnsmasq(conf, first.network)
        dnsmasq.add_host(first, 'vm1')
        dnsmasq.add_host(second, 'vm2')
    [pid] = dnsmasq_pids(host_ns)
    with open('/proc/%d/status' % pid) as status:
        uid = [line.split()[1:] for line in status if line.startswith('Uid')]
    assert uid == [['65534'] * 4]
    guest = add_guest(namespaces, host_ns, 'g2', second.address)
    assert request_lease(guest, udhcpc_script)['ip'] == '10.77.0.6'


def test_removed_entry_gets_no_lease_while_others_still_do(
        conf, namespaces, host_ns, udhcpc_script):
    kept = make_vif(5, 'fa:16:3e:00:00:05')
    removed = make_vif(6, 'fa:16:3e:00:00:06')
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24)
        dnsmasq = dhcp.Dnsmasq(conf, kept.network)
        dnsmasq.add_host(kept, 'vm1')
        dnsmasq.add_host(removed, 'vm2')
    guest = add_guest(namespaces, host_ns, 'g2', removed.address)
    assert request_lease(guest, udhcpc_script)['ip'] == '10.77.0.6'
    dnsmasq.remove_host(removed)
    assert dnsmasq.is_running()
    # dnsmasq drops the entry when it handles the reload it was sent.
    deadline = time.time() + 15
    while request_lease(guest, udhcpc_script, tries=1) is not None:
        assert time.time() < deadline, 'the removed entry is still served'
    assert request_lease(guest, udhcpc_script, tries=2) is None
    guest = add_guest(namespaces, host_ns, 'g1', kept.address)
    assert request_lease(guest, udhcpc_script)['ip'] == '10.77.0.5'


def test_unplugging_the_last_port_stops_dnsmasq(conf, host_ns):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    first = make_vif(5, 'fa:16:3e:00:00:05')
    second = make_vif(6, 'fa:16:3e:00:00:06')
    dnsmasq = dhcp.Dnsmasq(conf, first.network)
    with in_netns(host_ns):
        driver.plug(make_instance('vm1'), first)
        driver.plug(make_instance('vm2'), second)
        driver.unplug(make_instance('vm1'), first)
        assert len(dnsmasq_pids(host_ns)) == 1
        driver.unplug(make_instance('vm2'), second)
        driver.unplug(make_instance('vm2'), second)
    assert dnsmasq_pids(host_ns) == []
    assert not os.path.exists(dnsmasq.state_dir)


def test_plugging_twice_runs_one_dnsmasq(conf, host_ns):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    with in_netns(host_ns):
        driver.plug(make_instance('vm1'), vif)
        driver.plug(make_instance('vm1'), vif)
    assert len(dnsmasq_pids(host_ns)) == 1
    assert os.listdir(dhcp.Dnsmasq(conf, vif.network).hosts_dir) == [vif.id]


def test_ports_plugged_at_once_share_one_dnsmasq(conf, host_ns):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    vifs = [make_vif(5 + i, 'fa:16:3e:00:00:0%d' % (5 + i)) for i in range(4)]
    start = threading.Barrier(len(vifs))
    errors = []

    def plug(vif):
        start.wait()
        try:
            driver.plug(make_instance('vm'), vif)
        except Exception as e:
            errors.append(e)

    with in_netns(host_ns):  # the threads inherit the namespace
        threads = [threading.Thread(target=plug, args=(vif,))
                   for vif in vifs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(dnsmasq_pids(host_ns)) == 1


def test_unplug_deletes_the_tap_libvirt_left(conf, host_ns):
    driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    with in_netns(host_ns):
        driver.plug(make_instance('vm1'), vif)
        ip('tuntap', 'add', 'dev', vif.devname, 'mode', 'tap')
        ip('link', 'set', vif.devname, 'master', BRIDGE)
        driver.unplug(make_instance('vm1'), vif)
        assert not linux_net.device_exists(vif.devname)
        assert linux_net.device_exists(BRIDGE)


def test_dnsmasq_is_found_again_by_its_pid_file(conf, host_ns):
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24)
        dhcp.Dnsmasq(conf, vif.network).add_host(vif, 'vm1')
    # As after a restart of the compute service: a new object, no memory.
    again = dhcp.Dnsmasq(conf, vif.network)
    assert again.is_running()
    again.stop()
    assert not again.is_running()
    assert dnsmasq_pids(host_ns) == []


def test_pid_file_of_another_process_is_not_dnsmasq(conf, host_ns):
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    dnsmasq = dhcp.Dnsmasq(conf, vif.network)
    os.makedirs(dnsmasq.state_dir)
    with open(dnsmasq.pid_file, 'w') as f:
        f.write('%d\n' % os.getpid())
    assert not dnsmasq.is_running()
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24)
        dnsmasq.add_host(vif, 'vm1')
    assert dnsmasq.is_running()
    assert dnsmasq_pids(host_ns) != []


def test_port_without_ipv4_address_starts_no_dnsmasq(conf, host_ns):
    network = model.Network(id='net-2', bridge=BRIDGE, label='no-subnet')
    vif = model.VIF(id='port-2', address='fa:16:3e:00:00:07',
                    network=network, devname=model.devname('port-2'))
    with in_netns(host_ns):
        libvirt_vif.LibvirtGenericVIFDriver(conf).plug(
            make_instance('vm1'), vif)
        assert bridge_state(host_ns)['addresses'] == []
    assert dnsmasq_pids(host_ns) == []


def test_state_path_nobody_can_search_is_refused(conf, state_dir, host_ns):
    private = os.path.join(state_dir, 'private')
    os.mkdir(private, 0o700)
    conf.set_override('dhcp_state_path', os.path.join(private, 'dhcp'),
                      group='network')
    vif = make_vif(5, 'fa:16:3e:00:00:05')
    with in_netns(host_ns):
        linux_net.ensure_bridge(BRIDGE, GATEWAY, 24)
        with pytest.raises(exception.DhcpStatePathNotSearchable) as err:
            dhcp.Dnsmasq(conf, vif.network).add_host(vif, 'vm1')
    assert private in err.value.format_message()
    assert dnsmasq_pids(host_ns) == []
