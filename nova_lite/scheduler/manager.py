"""Scheduler manager: picks hosts for new instances."""

import random
import threading

import oslo_messaging as messaging
from oslo_log import log as logging

from nova_lite import exception
from nova_lite import manager
from nova_lite import objects
from nova_lite.scheduler import filters
from nova_lite.scheduler import host_manager
from nova_lite.scheduler import weights

LOG = logging.getLogger(__name__)


class SchedulerManager(manager.Manager):
    """Chooses a host (and alternates) by filters and weighers."""

    target = messaging.Target(version='1.0')

    def __init__(self, host, service_name, conf):
        super().__init__(host, service_name, conf)
        self.host_manager = host_manager.HostManager(conf)
        self.filters = filters.load_filters(
            conf.filter_scheduler.enabled_filters)
        self.weighers = weights.load_weighers(
            conf.filter_scheduler.weight_classes)
        # Choosing and claiming must not interleave: two requests would
        # see the same free resources.
        self._lock = threading.Lock()

    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_alternates=True):
        """Return, per instance, [chosen Selection, alternates...].

        The choice is claimed at once by recording the instance's host and
        node, so the next request sees the resources as used.
        """
        with self._lock:
            return [self._select_one(context, spec_obj, uuid,
                                     return_alternates)
                    for uuid in instance_uuids]

    def _select_one(self, context, spec_obj, instance_uuid,
                    return_alternates):
        hosts = self.host_manager.get_host_states(context)
        ignore = set(spec_obj.ignore_hosts or []) | set(
            spec_obj.retry_hosts or [])
        hosts = [h for h in hosts if h.host not in ignore]
        if spec_obj.force_hosts:
            hosts = [h for h in hosts if h.host in spec_obj.force_hosts]
        for host_filter in self.filters:
            hosts = host_filter.filter_all(hosts, spec_obj)
            LOG.debug('%s returned %d host(s)', type(host_filter).__name__,
                      len(hosts), instance_uuid=instance_uuid)
        if not hosts:
            raise exception.NoValidHost(
                reason='There are not enough hosts available.')
        ranked = weights.weigh_hosts(self.weighers, hosts, spec_obj,
                                     self.conf)
        subset = ranked[:self.conf.filter_scheduler.host_subset_size]
        chosen = random.choice(subset)
        self._claim(context, instance_uuid, chosen)
        selections = [objects.Selection.from_host_state(chosen)]
        if return_alternates:
            max_alternates = self.conf.scheduler.max_attempts - 1
            selections += [objects.Selection.from_host_state(h)
                           for h in ranked if h is not chosen
                           ][:max_alternates]
        LOG.info('Selected host %s', chosen.host,
                 instance_uuid=instance_uuid)
        return selections

    @staticmethod
    def _claim(context, instance_uuid, host_state):
        instance = objects.Instance.get_by_uuid(context, instance_uuid)
        instance.host = host_state.host
        instance.node = host_state.nodename
        instance.save()
