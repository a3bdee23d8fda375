"""Base class of the RPC endpoints of each service, and the spacing of
their periodic tasks."""

import functools

from oslo_log import log as logging

from nova_lite import utils

LOG = logging.getLogger(__name__)


def periodic_task(spacing):
    """Make ``method(self, context)``, called at each run of the
    manager's periodic tasks, run at its first call and then only once
    ``spacing(self.conf)`` seconds have passed (0: every call; negative:
    never), as Nova's ``periodic_task(spacing=...)``. Its errors are
    logged and do not stop the manager's other periodic tasks."""

    def outer(method):
        gate_attr = '_%s_gate' % method.__name__

        @functools.wraps(method)
        def decorated(self, context):
            gate = getattr(self, gate_attr, None)
            if gate is None:
                gate = utils.IntervalGate(spacing(self.conf))
                setattr(self, gate_attr, gate)
            if not gate.due():
                return
            try:
                method(self, context)
            except Exception:
                LOG.exception('Error during %s', method.__name__)
        return decorated
    return outer


class Manager(object):
    """A service's RPC endpoint: ``target`` gives its version; periodic
    tasks run every ``periodic_interval`` seconds."""

    target = None

    def __init__(self, host, service_name, conf):
        self.host = host
        self.service_name = service_name
        self.conf = conf

    def init_host(self, service_ref):
        """Set up before the RPC server starts (service record exists)."""

    def additional_endpoints(self):
        """Other endpoints served on the same topic (e.g. namespaced)."""
        return []

    def periodic_tasks(self, context):
        """Run the manager's periodic tasks."""

    def cleanup_host(self):
        """Tear down at service stop."""
