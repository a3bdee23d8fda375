"""The compute API WSGI application of nova-lite-api."""

import os
import sys

from oslo_db.sqlalchemy import enginefacade
from oslo_log import log as logging
from paste import deploy

from nova_lite.db import api as db_api
from nova_lite import exception
from nova_lite import objects
from nova_lite import rpc

LOG = logging.getLogger(__name__)

APP_NAME = 'osapi_compute'

# Where a relative api_paste_config is looked for after the directories
# of the configuration files: a source checkout, then an installed
# package's data files.
_PACKAGE_ETC_DIRS = (
    os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), 'etc', 'nova_lite'),
    os.path.join(sys.prefix, 'etc', 'nova_lite'),
)


def find_paste_config(conf):
    """The absolute path of ``[api] api_paste_config``."""
    name = conf.api.api_paste_config
    if os.path.isabs(name):
        candidates = [name]
    else:
        found = conf.find_file(name)
        candidates = ([found] if found else []) + [
            os.path.join(directory, name) for directory in _PACKAGE_ETC_DIRS]
    for path in candidates:
        if os.path.exists(path):
            return os.path.abspath(path)
    raise exception.NovaException(
        'Cannot find the API paste configuration %s' % name)


def load_app(conf, name=APP_NAME):
    """The WSGI app the paste configuration defines (no process setup)."""
    path = find_paste_config(conf)
    LOG.info('Loading app %(name)s from %(path)s',
             {'name': name, 'path': path})
    return deploy.loadapp('config:%s' % path, name=name)


def init_application(conf):
    """Set up the process for the API (objects, database, RPC transport)
    and return its WSGI app."""
    objects.register_all()
    try:
        db_api.configure(conf)
    except enginefacade.AlreadyStartedError:
        # The caller set up and used the database already.
        pass
    rpc.init(conf)
    return load_app(conf)
