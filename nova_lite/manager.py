"""Base class of the RPC endpoints of each service."""

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


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
