"""HostState: what the scheduler knows of one compute node."""

from oslo_log import log as logging

from nova_lite import objects

LOG = logging.getLogger(__name__)


class HostState(object):
    """Resources of one compute node, less what its instances use."""

    def __init__(self, compute_node, service, service_up, usage):
        self.uuid = compute_node.uuid
        self.host = compute_node.host
        self.nodename = compute_node.hypervisor_hostname
        self.service_up = service_up
        self.service_disabled = bool(service and service.disabled)
        self.total_usable_ram_mb = compute_node.memory_mb
        self.total_usable_disk_gb = compute_node.local_gb
        self.vcpus_total = compute_node.vcpus
        self.ram_allocation_ratio = compute_node.ram_allocation_ratio or 1.0
        self.cpu_allocation_ratio = compute_node.cpu_allocation_ratio or 1.0
        self.disk_allocation_ratio = compute_node.disk_allocation_ratio or 1.0
        self.vcpus_used = usage['vcpus']
        self.free_ram_mb = compute_node.memory_mb - usage['memory_mb']
        self.free_disk_mb = compute_node.local_gb * 1024 - usage['disk_mb']
        self.num_instances = usage['instances']
        self.limits = {}

    def __repr__(self):
        return ('(%s, %s) ram: %sMB disk: %sMB vcpus used: %s/%s' %
                (self.host, self.nodename, self.free_ram_mb,
                 self.free_disk_mb, self.vcpus_used, self.vcpus_total))


def _disk_mb(flavor):
    return (flavor.root_gb + flavor.ephemeral_gb) * 1024 + flavor.swap


class HostManager(object):
    """Builds HostStates from the compute nodes, services and instances."""

    def __init__(self, conf):
        self.conf = conf

    def get_host_states(self, context):
        services = {s.host: s for s in objects.ServiceList.get_all(
            context, binary='nova-lite-compute')}
        usage = _usage_by_node(context)
        states = []
        for node in objects.ComputeNodeList.get_all(context):
            service = services.get(node.host)
            up = bool(service) and service.is_up(self.conf.service_down_time)
            states.append(HostState(node, service, up, usage.get(
                (node.host, node.hypervisor_hostname), _EMPTY_USAGE)))
        return states


_EMPTY_USAGE = {'vcpus': 0, 'memory_mb': 0, 'disk_mb': 0, 'instances': 0}


def _usage_by_node(context):
    """What the live instances placed on each node use, from their flavors
    (the instance's host/node is the scheduler's claim)."""
    usage = {}
    for inst in objects.InstanceList.get_by_filters(
            context, {'deleted': False}):
        if not inst.host or not inst.flavor:
            continue
        node = usage.setdefault((inst.host, inst.node), dict(_EMPTY_USAGE))
        node['vcpus'] += inst.flavor.vcpus
        node['memory_mb'] += inst.flavor.memory_mb
        node['disk_mb'] += _disk_mb(inst.flavor)
        node['instances'] += 1
    return usage


