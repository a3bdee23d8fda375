"""Fixtures of the unit tests: the global config reset after each test, an
in-memory sqlite database with the real schema, and the fake RPC
transport (messages go nowhere, nothing is listening)."""

import sqlite3

import pytest
from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import enginefacade
from oslo_messaging import conffixture as messaging_conffixture

from nova_lite import conf as nova_conf
from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite.db import migration
from nova_lite import objects
from nova_lite import policy
from nova_lite import rpc

objects.register_all()


@pytest.fixture
def conf(tmp_path):
    """cfg.CONF with no config files, state under a temporary directory;
    overrides are undone after the test."""
    fixture = config_fixture.Config(nova_conf.CONF)
    fixture.setUp()
    nova_conf.CONF([], project='nova-lite', default_config_files=[])
    fixture.config(state_path=str(tmp_path))
    policy.reset()
    yield nova_conf.CONF
    policy.reset()
    fixture.cleanUp()


def _in_memory_database():
    manager = enginefacade.transaction_context()
    manager.configure(connection='sqlite://', sqlite_fk=True)
    return manager


@pytest.fixture(scope='session')
def migrated_schema():
    """One in-memory database brought to the head revision by the real
    migrations, once: each test's database starts as a copy of it, which
    costs far less than running every migration again."""
    manager = _in_memory_database()
    restore = db_api.context_manager.patch_factory(manager)
    try:
        migration.db_sync()
    finally:
        restore()
    template = sqlite3.connect(':memory:')
    with manager.writer.get_engine().connect() as connection:
        connection.connection.dbapi_connection.backup(template)
    yield template
    template.close()


@pytest.fixture
def db(conf, migrated_schema):
    """A fresh in-memory sqlite database at the head revision."""
    manager = _in_memory_database()
    restore = db_api.context_manager.patch_factory(manager)
    # In-memory sqlite keeps one connection per thread for the engine's
    # life, so the copy made on it is the database every session sees.
    with manager.writer.get_engine().connect() as connection:
        migrated_schema.backup(connection.connection.dbapi_connection)
    yield manager
    restore()


@pytest.fixture
def fake_rpc(conf):
    """The fake:// transport, so casts can be made with no broker."""
    fixture = messaging_conffixture.ConfFixture(conf, transport_url='fake:/')
    fixture.setUp()
    rpc.init(conf)
    yield
    rpc.cleanup()
    fixture.cleanUp()


@pytest.fixture
def admin_context():
    return nova_context.get_admin_context()


@pytest.fixture
def user_context():
    return nova_context.RequestContext(user_id='demo', project_id='demo')
