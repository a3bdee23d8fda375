"""One dnsmasq per network on the host, run as Neutron's DHCP agent runs
it: DHCP only (no DNS), on the network's bridge, answering only the MACs
of the network's ports.

Its files live in ``[network] dhcp_state_path/<bridge>/``: ``host/`` with
one ``mac,ip,hostname`` entry per port (``--dhcp-hostsdir``), ``leases``
and ``pid``. The pid file is how the daemon of a bridge is found again,
by this process or after a restart.
"""

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import time

import netaddr
from oslo_concurrency import lockutils
from oslo_concurrency import processutils
from oslo_log import log as logging

from nova_lite import exception

LOG = logging.getLogger(__name__)

STOP_TIMEOUT = 5  # seconds dnsmasq gets to exit on SIGTERM


def served_subnet(network):
    """The subnet DHCP is served on: the network's first IPv4 subnet,
    provided it has a gateway (the bridge's address, which dnsmasq
    listens on); None otherwise."""
    subnet = next((s for s in network.subnets if s.version == 4), None)
    return subnet if subnet is not None and subnet.gateway else None


class Dnsmasq:
    """The dnsmasq of one network (``network`` is a ``model.Network``)."""

    def __init__(self, conf, network):
        self.conf = conf
        self.network = network
        self.bridge = network.bridge
        self.state_dir = os.path.join(conf.network.dhcp_state_path,
                                      self.bridge)
        self.hosts_dir = os.path.join(self.state_dir, 'host')
        self.lease_file = os.path.join(self.state_dir, 'leases')
        self.pid_file = os.path.join(self.state_dir, 'pid')

    def add_host(self, vif, hostname):
        """Answer DHCP for ``vif``: write its entry, then start dnsmasq or
        make the running one re-read its entries."""
        entry = self._host_entry(vif, hostname)
        if entry is None:
            LOG.debug('Port %s has no IPv4 address served by DHCP on %s',
                      vif.id, self.bridge)
            return
        with self._lock():
            self._ensure_dirs()
            self._write_host(vif.id, entry)
            pid = self._pid()
            if pid is None:
                self._start()
            else:
                self._reload(pid)

    def remove_host(self, vif):
        """Stop answering ``vif``; with no port left, stop dnsmasq and
        remove its files. A port never added is not an error."""
        with self._lock():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(self.hosts_dir, vif.id))
            if self._hosts():
                pid = self._pid()
                if pid is not None:
                    self._reload(pid)
                return
            self._stop()
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def is_running(self):
        return self._pid() is not None

    def stop(self):
        """Stop dnsmasq, keeping its entries."""
        with self._lock():
            self._stop()

    def command(self):
        """dnsmasq's command line for this network."""
        subnet = served_subnet(self.network)
        cidr = netaddr.IPNetwork(subnet.cidr)
        tag = 'subnet-%s' % subnet.id if subnet.id else 'tag0'
        gateway = subnet.gateway.address
        cmd = [self.conf.network.dnsmasq_binary,
               '--no-hosts', '--no-resolv', '--port=0',
               '--bind-interfaces', '--interface=%s' % self.bridge,
               '--except-interface=lo', '--listen-address=%s' % gateway,
               '--dhcp-range=set:%s,%s,static,%s,%ds' % (
                   tag, cidr.network, cidr.netmask,
                   self.conf.network.dhcp_lease_time),
               '--dhcp-hostsdir=%s' % self.hosts_dir,
               '--dhcp-leasefile=%s' % self.lease_file,
               '--pid-file=%s' % self.pid_file,
               '--conf-file=/dev/null']
        if self.network.mtu:
            # Forced: clients such as udhcpc do not ask for option 26.
            cmd.append('--dhcp-option-force=option:mtu,%d' %
                       self.network.mtu)
        cmd.append('--dhcp-option=tag:%s,option:router,%s' % (tag, gateway))
        if subnet.dns:
            cmd.append('--dhcp-option=tag:%s,option:dns-server,%s' % (
                tag, ','.join(ip.address for ip in subnet.dns)))
        return cmd

    def _host_entry(self, vif, hostname):
        subnet = served_subnet(vif.network)
        if subnet is None or not subnet.ips:
            return None
        fields = [vif.address, subnet.ips[0].address]
        if hostname:
            fields.append(hostname)
        return ','.join(fields)

    def _lock(self):
        # Per bridge, across processes: two plugs must not start two
        # daemons. The lock file outlives state_dir, which is removed.
        os.makedirs(self.conf.network.dhcp_state_path, exist_ok=True)
        return lockutils.lock('dnsmasq-%s' % self.bridge, external=True,
                              lock_path=self.conf.network.dhcp_state_path)

    def _ensure_dirs(self):
        # dnsmasq drops its privileges to nobody and then (re-)reads the
        # host entries, on SIGHUP and through inotify: the whole path must
        # be searchable and the entries readable by others. The lease and
        # pid files are opened before the drop and need nothing.
        for path in (self.state_dir, self.hosts_dir):
            os.makedirs(path, exist_ok=True)
            os.chmod(path, 0o755)
        directory = os.path.realpath(self.conf.network.dhcp_state_path)
        while True:
            if not os.stat(directory).st_mode & stat.S_IXOTH:
                raise exception.DhcpStatePathNotSearchable(
                    path=self.hosts_dir, directory=directory)
            if directory == os.path.dirname(directory):
                break
            directory = os.path.dirname(directory)

    def _write_host(self, port_id, entry):
        # Written aside then renamed, so dnsmasq never reads half an
        # entry; it ignores names starting with a dot.
        fd, tmp = tempfile.mkstemp(prefix='.', dir=self.hosts_dir)
        with os.fdopen(fd, 'w') as f:
            f.write(entry + '\n')
        os.chmod(tmp, 0o644)
        os.replace(tmp, os.path.join(self.hosts_dir, port_id))

    def _hosts(self):
        try:
            return [name for name in os.listdir(self.hosts_dir)
                    if not name.startswith('.')]
        except FileNotFoundError:
            return []

    def _pid(self):
        """The pid of this bridge's dnsmasq, or None: the pid file's pid,
        if that process is a dnsmasq started with this pid file."""
        try:
            with open(self.pid_file) as f:
                pid = int(f.read().strip())
            with open('/proc/%d/cmdline' % pid, 'rb') as f:
                argv = f.read().split(b'\0')
        except (OSError, ValueError):
            return None
        if ('--pid-file=%s' % self.pid_file).encode() not in argv:
            return None
        return pid

    def _start(self):
        LOG.info('Starting dnsmasq for %s', self.bridge)
        # dnsmasq forks; its parent exits once the daemon is listening and
        # has written the pid file, or fails with the reason on stderr.
        processutils.execute(*self.command())

    def _reload(self, pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGHUP)

    def _stop(self):
        pid = self._pid()
        if pid is None:
            return
        LOG.info('Stopping dnsmasq for %s (pid %d)', self.bridge, pid)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
            deadline = time.monotonic() + STOP_TIMEOUT
            while time.monotonic() < deadline:
                if self._pid() != pid:
                    return
                time.sleep(0.05)
        LOG.warning('dnsmasq for %s (pid %d) did not exit', self.bridge, pid)
