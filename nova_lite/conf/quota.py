"""Quota defaults (group ``quota``), counted from the instances and server
groups tables."""

from oslo_config import cfg

quota_group = cfg.OptGroup('quota', title='Quota options')

quota_opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help="""
Number of instances a project may have.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('cores', default=20, min=-1,
               help="""
Number of vCPUs a project's instances may have in all.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('ram', default=50 * 1024, min=-1,
               help="""
MiB of RAM a project's instances may have in all.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('injected_files', default=5, min=-1,
               help="""
Number of personality files a server may be created with.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('injected_file_content_bytes', default=10 * 1024, min=-1,
               help="""
Bytes a personality file's content may have (decoded).

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('injected_file_path_length', default=255, min=-1,
               help="""
Characters a personality file's path may have.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help="""
Number of metadata items a server may have.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help="""
Number of key pairs a user may have.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help="""
Number of server groups a project may have.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help="""
Number of servers of one user a server group may have.

Possible values:

* A non-negative integer, or -1 for no limit.
"""),
]


def register_opts(conf):
    conf.register_group(quota_group)
    conf.register_opts(quota_opts, group=quota_group)


def list_opts():
    return {quota_group: quota_opts}
