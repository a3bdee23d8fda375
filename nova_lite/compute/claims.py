"""Claim: resources an instance build holds on its host until it ends."""

from oslo_log import log as logging

from nova_lite import exception

LOG = logging.getLogger(__name__)


class Claim(object):
    """Resources of ``flavor`` held on a node; a context manager that gives
    them back if the build inside it fails."""

    def __init__(self, context, tracker, instance, nodename, limits):
        self.context = context
        self.tracker = tracker
        self.instance = instance
        self.nodename = nodename
        self.limits = limits or {}
        self.flavor = instance.flavor

    @property
    def memory_mb(self):
        return self.flavor.memory_mb

    @property
    def disk_gb(self):
        return self.flavor.root_gb + self.flavor.ephemeral_gb

    @property
    def vcpus(self):
        return self.flavor.vcpus

    def test(self, free):
        """Raise ComputeResourcesUnavailable unless ``free`` (what is left
        under the scheduler's limits) covers this claim."""
        problems = []
        for resource, requested in (('memory_mb', self.memory_mb),
                                    ('disk_gb', self.disk_gb),
                                    ('vcpu', self.vcpus)):
            left = free.get(resource)
            if left is not None and requested > left:
                problems.append('Free %s %s < requested %s' %
                                (resource, left, requested))
        if problems:
            raise exception.ComputeResourcesUnavailable(
                reason='; '.join(problems))

    def abort(self):
        LOG.debug('Aborting claim', instance=self.instance)
        self.tracker.abort_instance_claim(self.context, self.instance,
                                          self.nodename)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        if exc_type is not None:
            self.abort()
        return False
