"""The compute API's policy defaults, one module per resource as Nova's
``nova/policies``; ``list_rules`` is what the enforcer registers and
``oslopolicy-sample-generator`` documents."""

import itertools

from nova_lite.policies import aggregates
from nova_lite.policies import attach_interfaces
from nova_lite.policies import availability_zone
from nova_lite.policies import base
from nova_lite.policies import console_output
from nova_lite.policies import extended_server_attributes
from nova_lite.policies import flavor_access
from nova_lite.policies import flavor_extra_specs
from nova_lite.policies import flavor_manage
from nova_lite.policies import hypervisors
from nova_lite.policies import instance_actions
from nova_lite.policies import ips
from nova_lite.policies import keypairs
from nova_lite.policies import limits
from nova_lite.policies import lock_server
from nova_lite.policies import pause_server
from nova_lite.policies import quota_class_sets
from nova_lite.policies import quota_sets
from nova_lite.policies import server_groups
from nova_lite.policies import server_metadata
from nova_lite.policies import server_tags
from nova_lite.policies import servers
from nova_lite.policies import services
from nova_lite.policies import suspend_server

_MODULES = (base, aggregates, attach_interfaces, availability_zone,
            console_output, extended_server_attributes, flavor_access,
            flavor_extra_specs, flavor_manage, hypervisors,
            instance_actions, ips, keypairs, limits, lock_server,
            pause_server, quota_class_sets, quota_sets, server_groups,
            server_metadata, server_tags, servers, services, suspend_server)


def list_rules():
    return itertools.chain(*(module.list_rules() for module in _MODULES))
