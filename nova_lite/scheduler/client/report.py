"""SchedulerReportClient: what Nova asks of Placement (inventories,
claims, allocation removal), answered from nova-lite's own tables."""

import math

from oslo_log import log as logging

from nova_lite import exception
from nova_lite import objects

LOG = logging.getLogger(__name__)

VCPU = 'VCPU'
MEMORY_MB = 'MEMORY_MB'
DISK_GB = 'DISK_GB'


def resources_from_flavor(flavor):
    """The resources one instance of ``flavor`` allocates, as Nova's
    scheduler utils: swap counts in DISK_GB, rounded up to a GiB."""
    disk = flavor.root_gb + flavor.ephemeral_gb + int(
        math.ceil(flavor.swap / 1024.0))
    resources = {VCPU: flavor.vcpus, MEMORY_MB: flavor.memory_mb,
                 DISK_GB: disk}
    return {rc: amount for rc, amount in resources.items() if amount}


class SchedulerReportClient(object):
    """One per service; remembers the inventories it reported so that an
    unchanged inventory is not written again."""

    def __init__(self):
        self._reported = {}

    def set_inventory_for_provider(self, context, rp_uuid, rp_name,
                                   inv_data):
        """Make ``inv_data`` ({rc: {total, reserved, ...}}) the inventory
        of provider ``rp_uuid``, creating the provider if needed."""
        if self._reported.get(rp_uuid) == inv_data:
            return
        objects.ResourceProvider.set_inventory(context, rp_uuid, rp_name,
                                               inv_data)
        self._reported[rp_uuid] = inv_data
        LOG.info('Inventory of resource provider %s (%s) set: %s',
                 rp_name, rp_uuid, inv_data)

    @staticmethod
    def claim_resources(context, consumer_uuid, alloc_request):
        """Allocate ``alloc_request`` ({provider uuid: {rc: n}}) to the
        consumer, replacing what it held. Returns what the write reports,
        [the providers change sequence it set, [changed provider ids]],
        or None if a provider could not take it (it was used up by
        someone else meanwhile)."""
        try:
            return objects.AllocationList.replace_for_consumer(
                context, consumer_uuid, alloc_request)
        except (exception.InvalidAllocationCapacityExceeded,
                exception.InvalidAllocationConstraintsViolated,
                exception.ResourceProviderNotFound) as exc:
            LOG.debug('Unable to claim resources for %s: %s', consumer_uuid,
                      exc.format_message())
            return None

    @staticmethod
    def delete_allocation_for_instance(context, uuid):
        """Give back everything ``uuid`` holds; True if it held any."""
        deleted = objects.AllocationList.delete_for_consumer(context, uuid)
        if deleted:
            LOG.info('Deleted allocations for instance %s', uuid)
        return deleted
