"""All nova-lite options, registered on the global ``cfg.CONF``.

oslo.messaging registers its own options on ``cfg.CONF``, so the services
use that object; code that can take ``conf`` as an argument does.
"""

from oslo_concurrency import lockutils
from oslo_config import cfg
from oslo_log import log
from oslo_policy import opts as policy_opts

from nova_lite.conf import api
from nova_lite.conf import base
from nova_lite.conf import compute
from nova_lite.conf import database
from nova_lite.conf import image
from nova_lite.conf import image_cache
from nova_lite.conf import libvirt
from nova_lite.conf import netconf
from nova_lite.conf import network
from nova_lite.conf import paths
from nova_lite.conf import quota
from nova_lite.conf import scheduler
from nova_lite.conf import service
from nova_lite.conf import vnc

CONF = cfg.CONF

MODULES = (paths, netconf, base, service, compute, api, scheduler, quota,
           image, image_cache, database, libvirt, network, vnc)


def register_all(conf):
    for module in MODULES:
        module.register_opts(conf)


register_all(CONF)
lockutils.set_defaults(paths.state_path_def('lock'))
log.register_options(CONF)
# [oslo_policy]: the policy file (policy.yaml beside the configuration).
policy_opts.set_defaults(CONF)
