"""HostState: what the scheduler knows of one compute node, kept in memory
by the HostManager and consumed at once by each selection."""

import dataclasses
import typing


@dataclasses.dataclass
class HostState:
    """One compute node (= one resource provider) as filters and weighers
    see it. Resource figures come from the provider's inventories and
    allocations; service and hypervisor facts from the services and
    compute_nodes tables."""

    uuid: str                      # compute node uuid = provider uuid
    host: str
    nodename: str
    service_up: bool = True
    service_disabled: bool = False
    disabled_reason: typing.Optional[str] = None
    hypervisor_type: typing.Optional[str] = None
    hypervisor_version: typing.Optional[int] = None
    cpu_info: typing.Optional[str] = None
    # [(arch, hypervisor_type, vm_mode)], as Nova's supported_instances
    supported_instances: list = dataclasses.field(default_factory=list)
    # capacities: (total - reserved) of each inventory, before ratios
    total_usable_ram_mb: int = 0
    total_usable_disk_gb: int = 0
    vcpus_total: int = 0
    ram_allocation_ratio: float = 1.0
    cpu_allocation_ratio: float = 1.0
    disk_allocation_ratio: float = 1.0
    # usage: the sums of the provider's allocations
    vcpus_used: int = 0
    free_ram_mb: int = 0           # total_usable_ram_mb - used
    free_disk_mb: int = 0          # total_usable_disk_gb * 1024 - used
    # consumers (instance uuids) with an allocation on this provider
    instances: set = dataclasses.field(default_factory=set)
    num_io_ops: int = 0            # builds in flight chosen for this host
    # objects.Aggregate the host is in
    aggregates: list = dataclasses.field(default_factory=list)
    limits: dict = dataclasses.field(default_factory=dict)
    # set by weigh_hosts: the sum of the normalised weights
    weight: float = 0.0
    stats: dict = dataclasses.field(default_factory=dict)

    @property
    def num_instances(self):
        return len(self.instances)

    def __repr__(self):
        return ('(%s, %s) ram: %sMB disk: %sMB io_ops: %s instances: %s' %
                (self.host, self.nodename, self.free_ram_mb,
                 self.free_disk_mb, self.num_io_ops, self.num_instances))
