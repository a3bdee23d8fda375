"""Database options: oslo.db's ``[database]`` group, sqlite by default."""

from oslo_db import options as oslo_db_options

from nova_lite.conf import paths

_DEFAULT_SQL_CONNECTION = 'sqlite:///' + paths.state_path_def('nova_lite.sqlite')


def register_opts(conf):
    oslo_db_options.set_defaults(conf, connection=_DEFAULT_SQL_CONNECTION)


def list_opts():
    return {'database': oslo_db_options.database_opts}
