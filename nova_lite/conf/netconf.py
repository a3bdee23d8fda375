"""Host identity options."""

import socket

from oslo_config import cfg
from oslo_utils import netutils

netconf_opts = [
    cfg.StrOpt('host',
               sample_default='<current_hostname>',
               default=socket.gethostname(),
               help="""
Hostname, FQDN or IP address of this host.

Used as the RPC server name of nova-lite-compute (the conductor casts
``build_and_run_instance`` to ``server=host``), as the ``host`` of the
service record and of the compute node.

Possible values:

* A string unique among the hosts of one deployment.
"""),
    cfg.StrOpt('my_ip',
               sample_default='<host_ipv4>',
               default=netutils.get_my_ipv4(),
               help="""
The IP address of this host, as the other hosts reach it.

Shown as the ``host_ip`` of the host's hypervisor (``os-hypervisors``).
"""),
]


def register_opts(conf):
    conf.register_opts(netconf_opts)


def list_opts():
    return {'DEFAULT': netconf_opts}
