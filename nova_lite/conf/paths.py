"""Where nova-lite keeps its state on disk."""

import os

from oslo_config import cfg

path_opts = [
    cfg.StrOpt('state_path',
               default='/var/lib/nova-lite',
               help="""
Top-level directory for maintaining nova-lite's state.

Possible values:

* An absolute directory path; other paths (instances_path, lock_path, the
  sqlite database) default to sub-directories of it.
"""),
]


def state_path_def(*args):
    """Return a default path rooted at state_path, for option defaults."""
    return os.path.join('$state_path', *args)


def register_opts(conf):
    conf.register_opts(path_opts)


def list_opts():
    return {'DEFAULT': path_opts}
