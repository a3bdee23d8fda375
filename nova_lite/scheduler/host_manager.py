"""HostManager: the scheduler's in-memory view of every compute node,
refreshed incrementally.

Per request it reads the change counters (one small query). Only
providers whose inventory or allocations changed since the last request
are read again; aggregates are read again only when one changed.
Services and compute nodes are read again when an operator changed a
service (disabled, enabled, forced down, deleted) or a service appeared,
when a provider appears that has no node yet, and otherwise every
SERVICE_REFRESH_SECONDS, which is how heartbeats (up/down) are seen.
"""

import json
import threading
import time

from oslo_log import log as logging

from nova_lite.db import api as db
from nova_lite.db import placement_api
from nova_lite import objects
from nova_lite.objects import service as service_obj
from nova_lite.scheduler.client import report
from nova_lite.scheduler import host_state

LOG = logging.getLogger(__name__)

# A service is "down" only after service_down_time (a minute by default)
# without a heartbeat, so a few seconds of staleness change no decision
# that matters; reading a thousand services and nodes costs tens of
# milliseconds, which no request should pay each time.
SERVICE_REFRESH_SECONDS = 5.0


def fits(provider, resources):
    """Whether ``provider`` (placement_api.Provider) can take
    ``resources`` ({rc: n}) now: Placement's allocation candidate test."""
    room = provider.room
    for rc, amount in resources.items():
        free = room.get(rc)
        if (free is None or amount > free[0] or amount < free[1] or
                amount > free[2] or amount % free[3]):
            return False
    return True


def _supported_instances(node):
    try:
        arch = json.loads(node.cpu_info or '{}').get('arch')
    except ValueError:
        arch = None
    if not arch or not node.hypervisor_type:
        return []
    return [(arch, node.hypervisor_type.lower(), 'hvm')]


class HostManager(object):
    """HostStates of every compute node that has a resource provider."""

    def __init__(self, conf):
        self.conf = conf
        self._lock = threading.Lock()
        self._providers = {}        # uuid -> placement_api.Provider
        self._provider_seq = -1
        self._aggregate_seq = -1
        self._services_seq = -1
        self._aggregates_by_host = {}
        # uuid -> the node and its service (db.compute_hosts_for_scheduler)
        self._nodes = {}
        self._services_read_at = None
        self._states = {}           # uuid -> HostState
        # uuid -> builds chosen here since the hosts' records were read:
        # the builds in flight, which Nova's hosts report as io_workload.
        self._io_ops = {}

    def get_host_states(self, context):
        """The current HostStates (fresh for what the database says)."""
        with self._lock:
            self._refresh(context)
            return list(self._states.values())

    def get_provider(self, uuid):
        return self._providers.get(uuid)

    def _refresh(self, context):
        seqs = placement_api.change_sequences(context)
        changed = set()
        if seqs.get(placement_api.PROVIDERS) != self._provider_seq:
            self._provider_seq, providers = (
                placement_api.get_providers_changed_since(
                    context, self._provider_seq))
            for provider in providers:
                self._providers[provider.uuid] = provider
                changed.add(provider.uuid)
        if seqs.get(placement_api.AGGREGATES) != self._aggregate_seq:
            self._aggregate_seq = seqs.get(placement_api.AGGREGATES)
            self._read_aggregates(context)
            changed.update(self._providers)
        now = time.monotonic()
        services_seq = seqs.get(db.SERVICES_SEQUENCE)
        if (services_seq != self._services_seq or
                self._services_read_at is None or
                now - self._services_read_at >= SERVICE_REFRESH_SECONDS or
                any(uuid not in self._nodes for uuid in changed)):
            self._read_services(context)
            self._services_read_at = now
            self._services_seq = services_seq
            changed.update(self._providers)
        for uuid in changed:
            self._update_state(uuid)

    def _read_aggregates(self, context):
        by_host = {}
        for aggregate in objects.AggregateList.get_all(context):
            for host in aggregate.hosts or []:
                by_host.setdefault(host, []).append(aggregate)
        self._aggregates_by_host = by_host

    def _read_services(self, context):
        self._nodes = {row.uuid: row for row in
                       db.compute_hosts_for_scheduler(context)}
        self._io_ops = {}

    def _update_state(self, uuid):
        provider = self._providers.get(uuid)
        node = self._nodes.get(uuid)
        if provider is None or node is None:
            self._states.pop(uuid, None)
            return
        has_service = node.service_id is not None
        state = host_state.HostState(
            uuid=uuid, host=node.host, nodename=node.hypervisor_hostname,
            service_up=has_service and service_obj.heartbeat_is_recent(
                node.forced_down, node.last_seen,
                self.conf.service_down_time),
            service_disabled=has_service and bool(node.disabled),
            disabled_reason=node.disabled_reason,
            hypervisor_type=node.hypervisor_type,
            hypervisor_version=node.hypervisor_version,
            cpu_info=node.cpu_info,
            supported_instances=_supported_instances(node),
            instances=set(provider.consumers),
            num_io_ops=self._io_ops.get(uuid, 0),
            aggregates=self._aggregates_by_host.get(node.host, []))
        _set_resources(state, provider)
        self._states[uuid] = state

    def consume_from_request(self, state, resources, instance_uuid,
                             claim=None):
        """Count a selection against ``state`` at once, as Nova's
        HostState.consume_from_request.

        ``claim``: what the claim's write reported, [the providers change
        sequence it set, [ids of the providers it changed]]. When that
        write is the only one since the last refresh, the cache plus this
        selection is what the database holds, so the cache takes the
        write's sequence and the next request reads nothing again. When a
        refresh already read the write, the usage is not counted twice.
        """
        with self._lock:
            provider = self._providers.get(state.uuid)
            seq, changed = claim if claim else (None, None)
            if seq is not None and seq <= self._provider_seq:
                provider = None     # the refresh read this claim
            if provider is not None:
                usages = dict(provider.usages)
                for rc, amount in resources.items():
                    usages[rc] = usages.get(rc, 0) + amount
                provider = placement_api.Provider(
                    provider.id, provider.uuid, provider.name,
                    provider.generation + 1, provider.inventories, usages,
                    provider.consumers | {instance_uuid})
                self._providers[state.uuid] = provider
                _set_resources(state, provider)
                if (seq == self._provider_seq + 1 and
                        list(changed) == [provider.id]):
                    self._provider_seq = seq
            state.instances.add(instance_uuid)
            self._io_ops[state.uuid] = self._io_ops.get(state.uuid, 0) + 1
            state.num_io_ops = self._io_ops[state.uuid]


def _set_resources(state, provider):
    """Capacities and free amounts of ``state`` from its provider."""
    inv = provider.inventories
    used = provider.usages
    vcpu = inv.get(report.VCPU)
    ram = inv.get(report.MEMORY_MB)
    disk = inv.get(report.DISK_GB)
    state.vcpus_total = vcpu.total - vcpu.reserved if vcpu else 0
    state.cpu_allocation_ratio = vcpu.allocation_ratio if vcpu else 1.0
    state.vcpus_used = used.get(report.VCPU, 0)
    state.total_usable_ram_mb = ram.total - ram.reserved if ram else 0
    state.ram_allocation_ratio = ram.allocation_ratio if ram else 1.0
    state.free_ram_mb = state.total_usable_ram_mb - used.get(
        report.MEMORY_MB, 0)
    state.total_usable_disk_gb = disk.total - disk.reserved if disk else 0
    state.disk_allocation_ratio = disk.allocation_ratio if disk else 1.0
    state.free_disk_mb = (state.total_usable_disk_gb - used.get(
        report.DISK_GB, 0)) * 1024
