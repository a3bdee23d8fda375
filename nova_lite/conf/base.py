"""Options of every nova-lite service that belong to no one part of it
(group ``DEFAULT``)."""

from oslo_config import cfg

base_opts = [
    cfg.IntOpt('password_length',
               default=12,
               min=0,
               help="""
Length of generated instance admin passwords.

Possible values:

* A non-negative integer.
"""),
]


def register_opts(conf):
    conf.register_opts(base_opts)


def list_opts():
    return {'DEFAULT': base_opts}
