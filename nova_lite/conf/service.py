"""Options common to every long-running service."""

from oslo_config import cfg

service_opts = [
    cfg.IntOpt('report_interval',
               default=10, min=1,
               help="""
Number of seconds between the heartbeats a service writes to its row of
the ``services`` table.

Possible values:

* A positive integer, smaller than ``service_down_time``.
"""),
    cfg.IntOpt('service_down_time',
               default=60, min=1,
               help="""
Maximum age in seconds of a service's last heartbeat for it to be
considered up. Down compute services are skipped by the scheduler.

Possible values:

* A positive integer, larger than ``report_interval``.
"""),
    cfg.IntOpt('periodic_interval',
               default=60, min=1,
               help="""
Number of seconds between runs of a service's periodic tasks (for
nova-lite-compute: the resource tracker's update of its compute node).

Possible values:

* A positive integer.
"""),
    cfg.StrOpt('osapi_compute_listen',
               default='0.0.0.0',
               help="""
IP address on which the compute API listens.

Possible values:

* An IPv4 or IPv6 address, ``0.0.0.0`` for all addresses.
"""),
    cfg.PortOpt('osapi_compute_listen_port',
                default=8774,
                help="""
Port on which the compute API listens.

Possible values:

* A TCP port number; 0 picks a free port (it is logged at start).
"""),
    cfg.IntOpt('long_rpc_timeout',
               default=1800, min=1,
               help="""
Timeout in seconds of the RPC calls that may take long, instead of
``rpc_response_timeout``. While such a call lasts, the callee keeps
telling the caller that it is still working, so a callee that died is
still noticed within ``rpc_response_timeout`` seconds.

Calls that use it:

* image pre-caching (the conductor asking a compute host)

Possible values:

* A positive integer.

Related options:

* ``rpc_response_timeout``
"""),
]


def register_opts(conf):
    conf.register_opts(service_opts)


def list_opts():
    return {'DEFAULT': service_opts}
