"""Host identity options."""

import socket

from oslo_config import cfg

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
]


def register_opts(conf):
    conf.register_opts(netconf_opts)


def list_opts():
    return {'DEFAULT': netconf_opts}
