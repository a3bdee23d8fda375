"""list_opts() for oslo-config-generator (namespace ``nova_lite.conf``)."""

import collections

from nova_lite import conf as nova_conf


def list_opts():
    grouped = collections.defaultdict(list)
    for module in nova_conf.MODULES:
        for group, opts in module.list_opts().items():
            grouped[group].extend(opts)
    return [(group, opts) for group, opts in grouped.items()]
