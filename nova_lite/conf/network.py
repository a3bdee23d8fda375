"""Options of the host side of guest networking (group ``[network]``)."""

from oslo_config import cfg

from nova_lite.conf import paths

network_group = cfg.OptGroup(
    'network',
    title='Guest networking options',
    help="""
Options of the host side of guest networking: the Linux bridge of each
network and the dnsmasq that answers DHCP for its ports.
""")

network_opts = [
    cfg.StrOpt('dhcp_state_path',
               default=paths.state_path_def('dhcp'),
               help="""
Directory of the per-network dnsmasq files: one sub-directory per bridge
holding the host entries (one file per port), the lease file and the pid
file.

dnsmasq drops its privileges to ``nobody`` and re-reads the host entries as
that user, so every directory above this one must be searchable by others.

Possible values:

* An absolute directory path.
"""),
    cfg.IntOpt('dhcp_lease_time',
               default=86400,
               min=120,
               help="""
Lifetime of a DHCP lease, in seconds.

Possible values:

* An integer of at least 120 (dnsmasq's minimum lease time).
"""),
    cfg.StrOpt('dnsmasq_binary',
               default='dnsmasq',
               help="""
The dnsmasq executable started for each network.

Possible values:

* A command name found on ``PATH``, e.g. ``dnsmasq``.
* An absolute path, e.g. ``/usr/sbin/dnsmasq``.
"""),
]


def register_opts(conf):
    conf.register_group(network_group)
    conf.register_opts(network_opts, group=network_group)


def list_opts():
    return {network_group: network_opts}
