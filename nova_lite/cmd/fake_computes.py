"""nova-lite-fake-computes: many compute hosts in one process, for
scheduler tests and benchmarks (Nova's functional tests start their
computes the same way, several in one process).

Each host is a whole compute service: its own service record, RPC server
(topic ``compute``, server = the host), heartbeat, periodic tasks and
FakeDriver, whose one node is named after the host. As nova-lite-compute,
the process has no database access: every object method goes to the
conductor.

    nova-lite-fake-computes --config-file F --count 100 --host-prefix fake
"""

import functools
import sys
import time

from oslo_config import cfg
from oslo_log import log as logging

from nova_lite.compute import manager
from nova_lite.compute import rpcapi
from nova_lite.conductor import rpcapi as conductor_rpcapi
from nova_lite import config
from nova_lite.db import api as db_api
from nova_lite.objects import base as objects_base
from nova_lite import service

LOG = logging.getLogger(__name__)

BINARY = 'nova-lite-compute'
DRIVER = 'fake.FakeDriver'

# Options of this command line only (as nova-lite-manage's), so they are
# not in the sample configuration of the services.
cli_opts = [
    cfg.IntOpt('count',
               default=1, min=1,
               help="""
Number of compute hosts (services) the process runs.

Possible values:

* A positive integer.
"""),
    cfg.StrOpt('host-prefix',
               default='fake',
               help="""
Prefix of the host names: PREFIX-0001, PREFIX-0002, ... (at least four
digits, more when ``--count`` needs them).

Possible values:

* A string usable in a host name; each host's RPC queue is
  ``compute.PREFIX-NNNN``.
"""),
    cfg.IntOpt('start-concurrency',
               default=20, min=1,
               help="""
Number of services starting at the same time. Each start is a few
round trips to the conductor (register, recover the host's instances,
publish its compute node), so this bounds the load on the conductor.

Possible values:

* A positive integer.
"""),
]


def host_names(prefix, count):
    """``count`` host names PREFIX-0001... that sort in numeric order."""
    width = max(4, len(str(count)))
    return ['%s-%0*d' % (prefix, width, index)
            for index in range(1, count + 1)]


def compute_services(conf, hosts):
    """A compute service with its own FakeDriver for each of ``hosts``,
    not started."""
    manager_cls = functools.partial(manager.ComputeManager,
                                    compute_driver=DRIVER)
    return [service.Service(conf, host, BINARY, rpcapi.RPC_TOPIC,
                            manager_cls) for host in hosts]


def main():
    conf = cfg.CONF
    conf.register_cli_opts(cli_opts)
    config.parse_args(sys.argv, conf, db=False)
    db_api.disable_db_access('nova-lite-fake-computes')
    objects_base.NovaObject.indirection_api = conductor_rpcapi.ConductorAPI()
    hosts = host_names(conf.host_prefix, conf.count)
    began = time.monotonic()
    services = compute_services(conf, hosts)
    # A cloud missing hosts would mislead whoever measures it: one host
    # failing to start stops the others and ends the process.
    service.start_services(services, conf.start_concurrency)
    LOG.info('%(count)d fake compute services started in %(secs).1f s '
             '(%(first)s ... %(last)s)',
             {'count': len(services), 'secs': time.monotonic() - began,
              'first': hosts[0], 'last': hosts[-1]})
    service.wait_for_stop_signal()
    service.stop_services(services)
    return 0
