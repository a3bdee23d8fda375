"""nova-lite-scheduler: picks hosts for new instances."""

import sys

from nova_lite import config
from nova_lite.scheduler import manager
from nova_lite.scheduler import rpcapi
from nova_lite import service


def main():
    conf = config.parse_args(sys.argv)
    server = service.Service(conf, conf.host, 'nova-lite-scheduler',
                             rpcapi.RPC_TOPIC, manager.SchedulerManager)
    server.start()
    server.wait_forever()
