"""nova-lite-conductor: object indirection and the build workflow."""

import sys

from nova_lite.conductor import manager
from nova_lite.conductor import rpcapi
from nova_lite import config
from nova_lite import service


def main():
    conf = config.parse_args(sys.argv)
    server = service.Service(conf, conf.host, 'nova-lite-conductor',
                             rpcapi.RPC_TOPIC, manager.ConductorManager)
    server.start()
    server.wait_forever()
