"""The os-availability-zone API: the zones (anyone) and, for admins, the
hosts and services in each.

A zone is available while one of its services is enabled. The list
hides the internal zone of the non-compute services; the detailed list
shows it with them (the API services aside, as Nova does).
"""

from nova_lite.api.openstack import common
from nova_lite.api import validation
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite.policies import availability_zone as az_policies

# Not listed as hosts of the internal zone: they are not kept as the
# other services are.
API_BINARIES = ('nova-lite-api',)


def _zone(name, available, hosts=None):
    return {'zoneName': name, 'zoneState': {'available': available},
            'hosts': hosts}


class AvailabilityZoneController(object):

    def __init__(self, conf):
        self.conf = conf

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req):
        """Every zone but the internal one, available ones first."""
        context = req.environ['nova.context'].elevated()
        available, unavailable = aggregate_obj.get_availability_zones(
            context, self.conf, objects.ServiceList.get_all(context))
        internal = self.conf.api.internal_service_availability_zone
        return {'availabilityZoneInfo': (
            [_zone(name, True) for name in available if name != internal] +
            [_zone(name, False) for name in unavailable
             if name != internal])}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def detail(self, req):
        """Every zone; an available one with its hosts and, per host,
        the state of each enabled service."""
        context = req.environ['nova.context']
        context.can(az_policies.POLICY_ROOT % 'detail')
        services = objects.ServiceList.get_all(context)
        available, unavailable = aggregate_obj.get_availability_zones(
            context, self.conf, services)
        hosts_by_zone = {}
        for service, zone in aggregate_obj.service_availability_zones(
                context, services, self.conf):
            if service.disabled or service.binary in API_BINARIES:
                continue
            hosts = hosts_by_zone.setdefault(zone, {})
            hosts.setdefault(service.host, {})[service.binary] = {
                'available': service.is_up(self.conf.service_down_time),
                'active': not service.disabled,
                'updated_at': common.naive_time(service.updated_at),
            }
        return {'availabilityZoneInfo': (
            [_zone(name, True, hosts_by_zone.get(name, {}))
             for name in available] +
            [_zone(name, False) for name in unavailable])}
