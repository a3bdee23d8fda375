"""Host network devices (the Linux bridge of a network, taps), through
netlink with pyroute2.

Every change is tried and its "already done" answer (EEXIST, ENODEV)
accepted, rather than looked up first, so two callers racing to plug
ports of one network both succeed.
"""

import errno
import functools

from oslo_log import log as logging
from pyroute2 import IPRoute
from pyroute2.netlink.exceptions import NetlinkError

try:
    from eventlet import patcher
    from eventlet import tpool
except ImportError:  # pragma: no cover - eventlet is a requirement
    patcher = tpool = None

LOG = logging.getLogger(__name__)


def _native_thread(func):
    """Run ``func`` in a real thread when the process is green: pyroute2
    drives an asyncio loop for each call, and two green threads would
    enter one loop at once (libvirt calls go through tpool likewise)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if tpool is not None and patcher.is_monkey_patched('thread'):
            return tpool.execute(func, *args, **kwargs)
        return func(*args, **kwargs)
    return wrapper


_FORWARDING = '/proc/sys/net/ipv4/conf/%s/forwarding'


@_native_thread
def device_exists(name):
    """Whether a network device of that name exists."""
    with IPRoute() as ipr:
        return bool(ipr.link_lookup(ifname=name))


@_native_thread
def ensure_bridge(bridge, gateway=None, prefixlen=None, mtu=None):
    """Create the bridge if missing, set its MTU, bring it up and give it
    ``gateway/prefixlen``; turn IPv4 forwarding off on it.

    The bridge has no uplink: guests reach each other and the host's
    services on it (DHCP), and nothing they send is routed further.
    """
    with IPRoute() as ipr:
        try:
            ipr.link('add', ifname=bridge, kind='bridge')
            LOG.debug('Created bridge %s', bridge)
        except NetlinkError as e:
            if e.code != errno.EEXIST:
                raise
        index = ipr.link_lookup(ifname=bridge)[0]
        _disable_forwarding(bridge)
        settings = {'state': 'up'}
        if mtu:
            settings['mtu'] = mtu
        ipr.link('set', index=index, **settings)
        if gateway:
            try:
                ipr.addr('add', index=index, address=gateway,
                         prefixlen=prefixlen)
            except NetlinkError as e:
                if e.code != errno.EEXIST:
                    raise


def _disable_forwarding(bridge):
    with open(_FORWARDING % bridge, 'w') as sysctl:
        sysctl.write('0')


@_native_thread
def delete_net_dev(name):
    """Delete a network device; one already gone is not an error."""
    with IPRoute() as ipr:
        try:
            ipr.link('del', ifname=name)
            LOG.debug('Deleted network device %s', name)
        except NetlinkError as e:
            if e.code != errno.ENODEV:
                raise


@_native_thread
def delete_bridge(bridge):
    """Delete a bridge (its ports are released); absent is not an error."""
    delete_net_dev(bridge)
