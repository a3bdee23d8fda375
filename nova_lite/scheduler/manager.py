"""Scheduler manager: picks hosts for new instances and claims them."""

import random

import oslo_messaging as messaging
from oslo_log import log as logging

from nova_lite import exception
from nova_lite import manager
from nova_lite import objects
from nova_lite.scheduler.client import report
from nova_lite.scheduler import filters
from nova_lite.scheduler import host_manager
from nova_lite.scheduler import weights

LOG = logging.getLogger(__name__)


class SchedulerManager(manager.Manager):
    """Chooses a host (and alternates) by filters and weighers, then
    claims the host's resources in the database before answering."""

    target = messaging.Target(version='1.0')

    def __init__(self, host, service_name, conf):
        super().__init__(host, service_name, conf)
        self.host_manager = host_manager.HostManager(conf)
        self.reportclient = report.SchedulerReportClient()
        self.filters = filters.load_filters(
            conf.filter_scheduler.enabled_filters, conf)
        self.weighers = weights.load_weighers(
            conf.filter_scheduler.weight_classes, conf)

    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_alternates=True):
        """Return, per instance, [chosen Selection, alternates...].

        Each chosen host's resources are allocated to its instance before
        this returns. If not every instance fits, the allocations made so
        far are removed and NoValidHost raised: a multi-create fits as a
        whole or not at all, as in Nova."""
        resources = report.resources_from_flavor(spec_obj.flavor)
        hosts = self._candidates(context, spec_obj, resources)
        self._group_hosts_from_allocations(spec_obj, hosts)
        claimed = []
        result = []
        try:
            for uuid in instance_uuids:
                selections = self._select_one(context, spec_obj, uuid, hosts,
                                              resources, return_alternates)
                claimed.append(uuid)
                result.append(selections)
        except exception.NoValidHost:
            for uuid in claimed:
                self.reportclient.delete_allocation_for_instance(context,
                                                                 uuid)
            raise
        return result

    def _candidates(self, context, spec_obj, resources):
        """The hosts whose provider has room for ``resources`` (Placement's
        allocation candidates), only the requested destination if there
        is one, less those the request excludes."""
        limit = self.conf.scheduler.max_placement_results
        hosts = _requested_hosts(self.host_manager.get_host_states(context),
                                 spec_obj.obj_get('requested_destination'))
        hosts = [h for h in hosts
                 if host_manager.fits(self.host_manager.get_provider(h.uuid),
                                      resources)][:limit]
        ignore = set(spec_obj.obj_get('ignore_hosts') or []) | set(
            spec_obj.obj_get('retry_hosts') or [])
        hosts = [h for h in hosts if h.host not in ignore]
        force = spec_obj.obj_get('force_hosts')
        if force:
            hosts = [h for h in hosts if h.host in force]
        return hosts

    @staticmethod
    def _group_hosts_from_allocations(spec_obj, hosts):
        """Add to the group's hosts those where a member holds resources
        now (the conductor read them from the instances' hosts, which a
        build records only once it reaches its compute)."""
        group = spec_obj.obj_get('instance_group')
        if group is None:
            return
        members = set(group.obj_get('members') or [])
        group.hosts = list(group.obj_get('hosts') or []) + [
            h.host for h in hosts if h.instances & members]

    def _select_one(self, context, spec_obj, instance_uuid, hosts,
                    resources, return_alternates):
        passing = list(hosts)
        # As Nova: a forced host or node (availability_zone 'zone:host')
        # skips the filters; it still needs room in Placement.
        filters = [] if spec_obj.obj_get('force_hosts') else self.filters
        for host_filter in filters:
            passing = host_filter.filter_all(passing, spec_obj)
            LOG.debug('%s returned %d host(s)', type(host_filter).__name__,
                      len(passing), instance_uuid=instance_uuid)
        ranked = weights.weigh_hosts(self.weighers, passing, spec_obj)
        chosen = claim = None
        for host in self._in_order_of_choice(ranked):
            if not host_manager.fits(
                    self.host_manager.get_provider(host.uuid), resources):
                continue
            claim = self.reportclient.claim_resources(
                context, instance_uuid, {host.uuid: resources})
            if claim is not None:
                chosen = host
                break
        if chosen is None:
            raise exception.NoValidHost(
                reason='There are not enough hosts available.')
        self.host_manager.consume_from_request(chosen, resources,
                                               instance_uuid, claim)
        group = spec_obj.obj_get('instance_group')
        if group is not None:
            group.hosts = list(group.hosts or []) + [chosen.host]
            group.members = list(group.members or []) + [instance_uuid]
        selections = [objects.Selection.from_host_state(chosen, resources)]
        if return_alternates:
            max_alternates = self.conf.scheduler.max_attempts - 1
            for host in ranked:
                if len(selections) > max_alternates:
                    break
                if host is not chosen and host_manager.fits(
                        self.host_manager.get_provider(host.uuid),
                        resources):
                    selections.append(
                        objects.Selection.from_host_state(host, resources))
        LOG.info('Selected host %s', chosen.host,
                 instance_uuid=instance_uuid)
        return selections

    def _in_order_of_choice(self, ranked):
        """The host to claim first, then the others to try if that claim
        loses a race: as Nova, the best equally weighed hosts are
        shuffled if configured, and the first pick is random among the
        best ``host_subset_size``."""
        conf = self.conf.filter_scheduler
        if not ranked:
            return []
        if conf.shuffle_best_same_weighed_hosts:
            best = [h for h in ranked if h.weight == ranked[0].weight]
            random.shuffle(best)
            ranked = best + ranked[len(best):]
        first = random.choice(ranked[:conf.host_subset_size])
        return [first] + [h for h in ranked if h is not first]


def _requested_hosts(hosts, destination):
    """The hosts matching the requested destination's host and node (all
    of them without one); NoValidHost, with Nova's reason, if none does.
    As Nova asks Placement for candidates in that node's tree only, the
    candidate limit does not apply before this."""
    if destination is None:
        return hosts
    host, node = destination.obj_get('host'), destination.obj_get('node')
    matching = [h for h in hosts
                if (host is None or h.host == host) and
                (node is None or h.nodename == node)]
    if not matching:
        raise exception.NoValidHost(
            reason='No such host - host: %(host)s node: %(node)s ' %
            {'host': host, 'node': node})
    LOG.info('Host filter only checking host %(host)s and node %(node)s',
             {'host': host, 'node': node})
    return matching
