"""Schema migrations with alembic (``nova-lite-manage db sync``)."""

import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration

from nova_lite.db import api as db_api

MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), 'migrations')


def _alembic_config(connection):
    config = alembic_config.Config(os.path.join(MIGRATIONS_DIR,
                                                'alembic.ini'))
    config.set_main_option('script_location', MIGRATIONS_DIR)
    config.attributes['connection'] = connection
    return config


def db_sync(version='head'):
    """Upgrade the configured database to ``version``."""
    engine = db_api.get_engine()
    with engine.begin() as connection:
        alembic_command.upgrade(_alembic_config(connection), version)


def db_version():
    """The alembic revision the configured database is at, or None."""
    engine = db_api.get_engine()
    with engine.connect() as connection:
        return alembic_migration.MigrationContext.configure(
            connection).get_current_revision()
