"""The os-services API (admins only): the services of the deployment,
their state, and the switches an operator has on a compute service.

Only compute services can be disabled (the scheduler then places no new
server on the host) or forced down. Before 2.53 a service is named by
host and binary in the body of ``PUT /os-services/{action}`` and shown
with its integer id; from 2.53 it is named and shown by its uuid.
Deleting a compute service that still hosts servers is refused; deleting
one with none removes it from its aggregates and removes its compute
nodes and their resource providers.
"""

from oslo_log import log as logging
from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.availability_zone import API_BINARIES
from nova_lite.api.openstack.compute.schemas import services as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite.objects import service as service_obj
from nova_lite.policies import services as service_policies

LOG = logging.getLogger(__name__)

COMPUTE_BINARY = service_obj.COMPUTE_BINARY
FORCED_DOWN_MICROVERSION = '2.11'
UUID_MICROVERSION = '2.53'


def _not_compute(binary):
    return webob.exc.HTTPBadRequest(
        explanation='Updating a %s service is not supported. Only %s '
                    'services can be updated.' % (binary, COMPUTE_BINARY))


class ServiceController(object):

    def __init__(self, conf):
        self.conf = conf

    def _detail(self, req, service, zone, forced_down):
        body = {
            'binary': service.binary,
            'host': service.host,
            'id': (service.uuid if wsgi.is_supported(req, UUID_MICROVERSION)
                   else service.id),
            'zone': zone,
            'status': 'disabled' if service.disabled else 'enabled',
            'state': ('up' if service.is_up(self.conf.service_down_time)
                      else 'down'),
            'updated_at': common.naive_time(service.updated_at),
            'disabled_reason': service.disabled_reason,
        }
        if forced_down:
            body['forced_down'] = service.forced_down
        return body

    def _zone(self, context, service):
        return aggregate_obj.service_availability_zones(
            context, [service], self.conf)[0][1]

    @validation.query_validated(schema.index_query, '2.0', '2.74')
    @validation.query_validated(schema.index_query_v275, '2.75')
    def index(self, req):
        """Every service but the API's, filtered by ``host`` and
        ``binary``."""
        context = req.environ['nova.context']
        context.can(service_policies.POLICY_ROOT % 'list')
        services = [s for s in objects.ServiceList.get_all(context)
                    if s.binary not in API_BINARIES]
        for name in ('host', 'binary'):
            # Nova takes the last value of a repeated parameter.
            value = req.GET.get(name)
            if value:
                services = [s for s in services if getattr(s, name) == value]
        forced_down = wsgi.is_supported(req, FORCED_DOWN_MICROVERSION)
        return {'services': [
            self._detail(req, service, zone, forced_down)
            for service, zone in aggregate_obj.service_availability_zones(
                context, services, self.conf)]}

    @validation.validated(schema.update, '2.0', '2.10')
    @validation.validated(schema.update_v211, '2.11', '2.52')
    @validation.validated(schema.update_v253, UUID_MICROVERSION)
    def update(self, req, id, body):
        if wsgi.is_supported(req, UUID_MICROVERSION):
            return self._update_by_uuid(req, id, body)
        context = req.environ['nova.context']
        context.can(service_policies.POLICY_ROOT % 'update')
        actions = {'enable': self._enable, 'disable': self._disable,
                   'disable-log-reason': self._disable_log_reason}
        if wsgi.is_supported(req, FORCED_DOWN_MICROVERSION):
            actions['force-down'] = self._force_down
        if id not in actions:
            raise webob.exc.HTTPNotFound(explanation='Unknown action')
        return actions[id](context, body)

    def _enable(self, context, body):
        return self._set_status(context, body, False, None)

    def _disable(self, context, body):
        return self._set_status(context, body, True, None)

    def _disable_log_reason(self, context, body):
        if 'disabled_reason' not in body:
            raise webob.exc.HTTPBadRequest(
                explanation='Missing disabled reason field')
        return self._set_status(context, body, True, body['disabled_reason'])

    def _set_status(self, context, body, disabled, reason):
        self._update_by_host(context, body['host'], body['binary'],
                             disabled=disabled, disabled_reason=reason)
        result = {'host': body['host'], 'binary': body['binary'],
                  'status': 'disabled' if disabled else 'enabled'}
        if reason:
            result['disabled_reason'] = reason
        return {'service': result}

    def _force_down(self, context, body):
        if 'forced_down' not in body:
            raise webob.exc.HTTPBadRequest(
                explanation='Missing forced_down field')
        forced_down = strutils.bool_from_string(body['forced_down'])
        self._update_by_host(context, body['host'], body['binary'],
                             forced_down=forced_down)
        return {'service': {'host': body['host'], 'binary': body['binary'],
                            'forced_down': forced_down}}

    @staticmethod
    def _update_by_host(context, host, binary, **changes):
        if binary != COMPUTE_BINARY:
            raise _not_compute(binary)
        service = objects.Service.get_by_host_and_binary(context, host,
                                                         binary)
        if service is None:
            raise webob.exc.HTTPNotFound(
                explanation='Could not find binary %s on host %s.' % (
                    binary, host))
        for field, value in changes.items():
            setattr(service, field, value)
        service.save()

    def _update_by_uuid(self, req, id, body):
        if not uuidutils.is_uuid_like(id):
            raise webob.exc.HTTPBadRequest(explanation='Invalid uuid %s' % id)
        context = req.environ['nova.context']
        context.can(service_policies.POLICY_ROOT % 'update')
        try:
            service = objects.Service.get_by_uuid(context, id)
        except exception.ServiceNotFound as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())
        if service.binary != COMPUTE_BINARY:
            raise _not_compute(service.binary)
        if body.get('status') == 'enabled':
            if body.get('disabled_reason'):
                raise webob.exc.HTTPBadRequest(
                    explanation="Specifying 'disabled_reason' with status "
                                "'enabled' is invalid.")
            service.disabled = False
            service.disabled_reason = None
        elif body.get('status') == 'disabled':
            service.disabled = True
            service.disabled_reason = body.get('disabled_reason')
        if 'forced_down' in body:
            service.forced_down = strutils.bool_from_string(
                body['forced_down'], strict=True)
        if not service.obj_what_changed():
            raise webob.exc.HTTPBadRequest(
                explanation="No updates were requested. Fields 'status' or "
                            "'forced_down' should be specified.")
        service.save()
        return {'service': self._detail(req, service,
                                        self._zone(context, service), True)}

    def delete(self, req, id):
        """204; 409 while the compute service hosts servers."""
        context = req.environ['nova.context']
        context.can(service_policies.POLICY_ROOT % 'delete')
        if wsgi.is_supported(req, UUID_MICROVERSION):
            if not uuidutils.is_uuid_like(id):
                raise webob.exc.HTTPBadRequest(
                    explanation='Invalid uuid %s' % id)
            lookup = objects.Service.get_by_uuid
        else:
            try:
                id = int(id)
            except ValueError:
                raise webob.exc.HTTPBadRequest(
                    explanation='id must be an integer')
            lookup = objects.Service.get_by_id
        try:
            service = lookup(context, id)
        except exception.ServiceNotFound:
            raise webob.exc.HTTPNotFound(
                explanation='Service %s not found.' % id)
        if service.binary == COMPUTE_BINARY:
            self._remove_compute_host(context, service.host)
        service.destroy()
        return wsgi.ResponseObject(None, code=204)

    @staticmethod
    def _remove_compute_host(context, host):
        admin = nova_context.get_admin_context()
        if objects.InstanceList.get_by_filters(admin, {'host': [host]}):
            raise webob.exc.HTTPConflict(
                explanation='Unable to delete compute service that is '
                            'hosting instances. Migrate or delete the '
                            'instances first.')
        for aggregate in objects.AggregateList.get_by_host(context, host):
            aggregate.delete_host(host)
        for node in objects.ComputeNodeList.get_all_by_host(context, host):
            if objects.ResourceProvider.delete(context, node.uuid):
                LOG.info('Deleted resource provider %s of compute node %s',
                         node.uuid, node.hypervisor_hostname)
