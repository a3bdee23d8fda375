"""Quota defaults (group ``quota``), counted from the instances and server
groups tables, and whether the conductor rechecks them once a request's
instances exist."""

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
    cfg.BoolOpt('recheck_quota', default=True,
                help="""
Recheck quota after resource creation to prevent allowing quota to be exceeded.

This defaults to True (recheck quota after resource creation) but can be set to
False to avoid additional load if allowing quota to be exceeded because of
racing requests is considered acceptable. For example, when set to False, if a
user makes highly parallel REST API requests to create servers, it will be
possible for them to create more servers than their allowed quota during the
race. If their quota is 10 servers, they might be able to create 50 during the
burst. After the burst, they will not be able to create any more servers but
they will be able to keep their 50 servers until they delete them.

The initial quota check is done before resources are created, so if multiple
parallel requests arrive at the same time, all could pass the quota check and
create resources, potentially exceeding quota. When recheck_quota is True,
quota will be checked a second time after resources have been created and if
the resource is over quota, it will be deleted and OverQuota will be raised,
usually resulting in a 403 response to the REST API user. This makes it
impossible for a user to exceed their quota with the caveat that it will,
however, be possible for a REST API user to be rejected with a 403 response in
the event of a collision close to reaching their quota limit, even if the user
has enough quota available when they made the request.
"""),
]


def register_opts(conf):
    conf.register_group(quota_group)
    conf.register_opts(quota_opts, group=quota_group)


def list_opts():
    return {quota_group: quota_opts}
