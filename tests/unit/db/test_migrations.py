"""The alembic migrations build exactly the schema the models describe."""

from alembic import autogenerate
from alembic import migration as alembic_migration

from nova_lite.db import api as db_api
from nova_lite.db import migration
from nova_lite.db import models
from nova_lite.db import placement_models  # noqa: F401 (tables)


def test_db_sync_reaches_head_revision(db):
    assert migration.db_version() == '0012'


def test_migrations_match_models(db):
    with db_api.get_engine().connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        diff = autogenerate.compare_metadata(context, models.BASE.metadata)
    assert diff == []
