"""ResourceTracker: the compute host's view of its node's resources, kept
in the compute_nodes table (through the conductor) and checked by claims."""

import math
import threading

from oslo_log import log as logging

from nova_lite.compute import claims
from nova_lite.compute import task_states
from nova_lite.compute import vm_states
from nova_lite import exception
from nova_lite import objects
from nova_lite.scheduler.client import report

LOG = logging.getLogger(__name__)

# Tasks that load the host's disks or network, counted with the builds in
# a node's current_workload (Nova's io_workload). Of Nova's list,
# RESIZE_MIGRATING and the image snapshot and backup tasks do not exist
# here.
IO_TASKS = (task_states.REBUILDING, task_states.RESIZE_PREP,
            task_states.RESCUING, task_states.UNSHELVING)


def _is_io_workload(instance):
    return (instance.vm_state == vm_states.BUILDING or
            instance.task_state in IO_TASKS)


class ResourceTracker(object):
    """Tracks what instances use on this host's node."""

    def __init__(self, host, driver, conf):
        self.host = host
        self.driver = driver
        self.conf = conf
        self.compute_nodes = {}
        # instance uuid -> flavor of every instance holding resources here.
        self.tracked = {}
        # uuids of the instances counted in current_workload: as in Nova,
        # a claim counts until the next update_available_resource.
        self.busy = set()
        # _lock guards ``tracked`` and is never held across a conductor
        # round trip, so claims do not queue behind each other's saves;
        # _save_lock keeps the saves of the node record in order.
        self._lock = threading.Lock()
        self._save_lock = threading.Lock()
        self.reportclient = report.SchedulerReportClient()
        # Nodes whose record is behind the tracked usage, and whether a
        # writer is on its way: claims do not wait for the record.
        self._dirty = set()
        self._writer_running = False
        # While update_available_resource reads this host's instances
        # ({uuid: flavor, or None if dropped}): the claims and drops made
        # meanwhile, which the list read may predate and must not undo.
        self._changes_during_read = None

    def _ratios(self):
        return {'cpu_allocation_ratio': self.conf.cpu_allocation_ratio,
                'ram_allocation_ratio': self.conf.ram_allocation_ratio,
                'disk_allocation_ratio': self.conf.disk_allocation_ratio}

    def update_available_resource(self, context, nodename, service_id=None):
        """Read the hypervisor's resources and this host's instances, then
        write the compute node record."""
        resources = self.driver.get_available_resource(nodename)
        with self._lock:
            self._changes_during_read = {}
        try:
            instances = objects.InstanceList.get_by_host(context, self.host)
        finally:
            with self._lock:
                changes, self._changes_during_read = \
                    self._changes_during_read, None
        with self._lock:
            tracked = {inst.uuid: inst.flavor for inst in instances
                       if inst.flavor and inst.node == nodename}
            busy = {inst.uuid for inst in instances
                    if inst.uuid in tracked and _is_io_workload(inst)}
            # As Nova's lock around both: a claim made while the list was
            # read counts, and an instance dropped meanwhile does not.
            for uuid, flavor in changes.items():
                if flavor is None:
                    tracked.pop(uuid, None)
                    busy.discard(uuid)
                else:
                    tracked[uuid] = flavor
                    busy.add(uuid)
            self.tracked, self.busy = tracked, busy
        with self._save_lock:
            self._save_node(context, nodename, resources, service_id)
        node = self.compute_nodes[nodename]
        self.reportclient.set_inventory_for_provider(
            context, node.uuid, nodename, self._inventory(resources))

    def _inventory(self, resources):
        """The node's Placement inventory: the hypervisor's totals, the
        host's reservations and the allocation ratios, as Nova reports
        them (a class with nothing in it is left out)."""
        conf = self.conf
        inventory = {}
        for rc, total, reserved, ratio in (
                (report.VCPU, resources['vcpus'], conf.reserved_host_cpus,
                 conf.cpu_allocation_ratio),
                (report.MEMORY_MB, resources['memory_mb'],
                 conf.reserved_host_memory_mb, conf.ram_allocation_ratio),
                (report.DISK_GB, resources['local_gb'],
                 int(math.ceil(conf.reserved_host_disk_mb / 1024.0)),
                 conf.disk_allocation_ratio)):
            if total > 0:
                inventory[rc] = {'total': total, 'reserved': reserved,
                                 'min_unit': 1, 'max_unit': total,
                                 'step_size': 1, 'allocation_ratio': ratio}
        return inventory

    def _usage(self):
        flavors = list(self.tracked.values())
        return {
            'vcpus_used': sum(f.vcpus for f in flavors),
            'memory_mb_used': sum(f.memory_mb for f in flavors),
            'local_gb_used': sum(f.root_gb + f.ephemeral_gb for f in flavors),
            'running_vms': len(flavors),
            'current_workload': len(self.busy),
        }

    def _save_node(self, context, nodename, resources, service_id=None):
        values = {k: resources[k] for k in (
            'vcpus', 'memory_mb', 'local_gb', 'hypervisor_type',
            'hypervisor_version', 'cpu_info', 'disk_available_least')}
        values['host_ip'] = self.conf.my_ip
        # The record offers what is left after the host's reservations, so
        # the scheduler and the claims count the same free resources.
        values['vcpus'] = max(values['vcpus'] - self.conf.reserved_host_cpus,
                              0)
        values['memory_mb'] = max(
            values['memory_mb'] - self.conf.reserved_host_memory_mb, 0)
        values['local_gb'] = max(
            values['local_gb'] - self.conf.reserved_host_disk_mb // 1024, 0)
        with self._lock:
            values.update(self._usage())
        values.update(self._ratios())
        values['free_ram_mb'] = values['memory_mb'] - values['memory_mb_used']
        values['free_disk_gb'] = values['local_gb'] - values['local_gb_used']
        node = self.compute_nodes.get(nodename)
        if node is None:
            try:
                node = objects.ComputeNode.get_by_host_and_nodename(
                    context, self.host, nodename)
            except exception.ComputeHostNotFound:
                node = objects.ComputeNode(context, host=self.host,
                                           hypervisor_hostname=nodename,
                                           service_id=service_id, **values)
                node.create()
                LOG.info('Compute node record created for %s:%s',
                         self.host, nodename)
        for key, value in values.items():
            if getattr(node, key) != value:
                setattr(node, key, value)
        node.save()
        self.compute_nodes[nodename] = node

    def _free(self, node, limits):
        usage = self._usage()
        free = {}
        if 'memory_mb' in limits:
            free['memory_mb'] = limits['memory_mb'] - usage['memory_mb_used']
        if 'disk_gb' in limits:
            free['disk_gb'] = limits['disk_gb'] - usage['local_gb_used']
        if 'vcpu' in limits:
            free['vcpu'] = limits['vcpu'] - usage['vcpus_used']
        return free

    def instance_claim(self, context, instance, nodename, limits=None):
        """Hold ``instance``'s flavor on ``nodename`` or raise
        ComputeResourcesUnavailable; returns a Claim to use as a context
        manager around the build."""
        with self._lock:
            node = self.compute_nodes.get(nodename)
            if node is None:
                raise exception.ComputeHostNotFound(host=nodename)
            claim = claims.Claim(context, self, instance, nodename, limits)
            claim.test(self._free(node, limits or {}))
            self.tracked[instance.uuid] = instance.flavor
            self.busy.add(instance.uuid)
            if self._changes_during_read is not None:
                self._changes_during_read[instance.uuid] = instance.flavor
        LOG.info('Claim successful on node %s', nodename, instance=instance)
        self._push_soon(context, nodename)
        return claim

    def abort_instance_claim(self, context, instance, nodename):
        """Give back the claim of a build that failed on this host and
        write the node record at once, as Nova does, so that no usage of
        a failed build outlives it."""
        self.drop_instance(context, instance, nodename)

    def drop_instance(self, context, instance, nodename=None):
        """Give back what ``instance`` held (build failed or deleted)."""
        with self._lock:
            dropped = self.tracked.pop(instance.uuid, None) is not None
            self.busy.discard(instance.uuid)
            if self._changes_during_read is not None:
                self._changes_during_read[instance.uuid] = None
        if dropped and context:
            self._push(context, nodename or instance.node)

    def _push_soon(self, context, nodename):
        """Write the node record, unless another claim is writing it now:
        that writer writes again with this claim counted, so claims that
        arrive together do not queue one conductor round trip each."""
        with self._lock:
            self._dirty.add(nodename)
            if self._writer_running:
                return
            self._writer_running = True
        self._write_dirty(context)

    def _write_dirty(self, context):
        while True:
            with self._lock:
                if not self._dirty:
                    self._writer_running = False
                    return
                nodename = self._dirty.pop()
            try:
                self._push(context, nodename)
            except Exception:
                LOG.exception('Could not write the record of node %s; the '
                              'next update_available_resource will',
                              nodename)

    def _push(self, context, nodename):
        """Write the current usage to the node record."""
        with self._save_lock:
            node = self.compute_nodes.get(nodename)
            if node is None:
                return
            with self._lock:
                usage = self._usage()
            for key, value in usage.items():
                setattr(node, key, value)
            node.free_ram_mb = node.memory_mb - node.memory_mb_used
            node.free_disk_gb = node.local_gb - node.local_gb_used
            node.save()
