"""Database options: oslo.db's ``[database]`` group, sqlite by default."""

from oslo_db import options as oslo_db_options

from nova_lite.conf import paths

_DEFAULT_SQL_CONNECTION = 'sqlite:///' + paths.state_path_def(
    'nova_lite.sqlite')
# Green threads of one process (API requests, RPC handlers) use the
# database at once; with oslo.db's 5 pooled connections, every one over
# that opened and closed a connection per transaction (a TCP and TLS
# set-up each), which cost a fifth of the API's and conductor's time
# under 20 concurrent boots.
_DEFAULT_MAX_POOL_SIZE = 20


def register_opts(conf):
    oslo_db_options.set_defaults(conf, connection=_DEFAULT_SQL_CONNECTION,
                                 max_pool_size=_DEFAULT_MAX_POOL_SIZE)


def list_opts():
    return {'database': oslo_db_options.database_opts}
