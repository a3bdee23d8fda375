"""Fixtures of the API tests: the real paste pipeline of nova-lite-api
over the in-memory database, clients for it, and a flavor and an image
to boot from."""

import pytest

from nova_lite.api import wsgi_app
from nova_lite import objects
from tests.unit import api as api_helpers


@pytest.fixture
def app(conf, db, fake_rpc):
    return wsgi_app.load_app(conf)


@pytest.fixture
def client(app):
    return api_helpers.Client(app)


@pytest.fixture
def admin(app):
    return api_helpers.Client(app, token='admin:admin-project')


@pytest.fixture
def flavor(db, admin_context):
    return api_helpers.make_flavor(admin_context)


@pytest.fixture
def image(db, admin_context):
    return api_helpers.make_image(admin_context)


@pytest.fixture(autouse=True)
def network(db, admin_context):
    """The one shared network every deployment has, so that
    ``"networks": "auto"`` has something to choose."""
    return api_helpers.make_network(admin_context)


@pytest.fixture
def computes(db, admin_context):
    """Compute services on cmp1 and cmp2, and a conductor on ctl1, to
    put in aggregates."""
    for host, binary, topic in (('cmp1', 'nova-lite-compute', 'compute'),
                                ('cmp2', 'nova-lite-compute', 'compute'),
                                ('ctl1', 'nova-lite-conductor',
                                 'conductor')):
        objects.Service(admin_context, host=host, binary=binary,
                        topic=topic).create()
