"""Process start-up: parse options, set up logging, RPC and the database."""

from oslo_log import log as logging

from nova_lite import conf as nova_conf
from nova_lite.db import api as db_api
from nova_lite import objects
from nova_lite import rpc


def parse_args(argv, conf=None, default_config_files=None, db=True,
               rpc_transport=True):
    """Load ``--config-file`` options into ``conf`` (cfg.CONF) and start the
    process's logging, RPC transport and database engine."""
    conf = conf or nova_conf.CONF
    conf(argv[1:], project='nova-lite', prog=argv[0].rsplit('/', 1)[-1],
         default_config_files=default_config_files)
    logging.setup(conf, 'nova-lite')
    objects.register_all()
    if rpc_transport:
        rpc.init(conf)
    if db:
        db_api.configure(conf)
    return conf
