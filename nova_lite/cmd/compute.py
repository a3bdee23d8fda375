"""nova-lite-compute: runs the guests of this host. It has no database
access: every object method goes to the conductor."""

import sys

from nova_lite.compute import manager
from nova_lite.compute import rpcapi
from nova_lite.conductor import rpcapi as conductor_rpcapi
from nova_lite import config
from nova_lite.db import api as db_api
from nova_lite.objects import base as objects_base
from nova_lite import service


def main():
    conf = config.parse_args(sys.argv, db=False)
    db_api.disable_db_access('nova-lite-compute')
    objects_base.NovaObject.indirection_api = conductor_rpcapi.ConductorAPI()
    server = service.Service(conf, conf.host, 'nova-lite-compute',
                             rpcapi.RPC_TOPIC, manager.ComputeManager)
    server.start()
    server.wait_forever()
