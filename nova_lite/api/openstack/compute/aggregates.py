"""The os-aggregates API (admins only): host aggregates, their hosts and
metadata, and with them the availability zones.

A host is in at most one availability zone: adding it to an aggregate,
or giving an aggregate a zone, is refused when one of its hosts would
end up in two zones, and when a host with servers would change zone
(servers do not move between zones).

From 2.81 the hosts of an aggregate can be asked to cache images
(``POST /os-aggregates/{aggregate_id}/images``).
"""

import webob.exc

from nova_lite.api.openstack.compute.schemas import aggregate_images
from nova_lite.api.openstack.compute.schemas import aggregates as schema
from nova_lite.api.openstack.compute.views import aggregates as view
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.conductor import api as conductor_api
from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite.policies import aggregates as aggregate_policies

COMPUTE_BINARY = 'nova-lite-compute'
IMAGE_CACHE_MICROVERSION = '2.81'
AZ_KEY = aggregate_obj.AZ_KEY

_ZONE_CHANGE_WITH_INSTANCES = (
    "The host cannot be %(done)s the aggregate as the availability zone of "
    "the host would change from '%(old)s' to '%(new)s' but the host "
    "already has %(count)d instance(s). Changing the AZ of an existing "
    "instance is not supported by this action. Move the instances away "
    "from this host then try again. If you need to move the instances "
    "between AZs then you can use shelve_offload and unshelve to achieve "
    "this.")


def _aggregate_id(id):
    """The integer id of the URL; 400 otherwise."""
    try:
        return int(str(id))
    except ValueError:
        raise exception.InvalidInput(reason='id must be an integer')


def _instances_on(hosts):
    if not hosts:
        return []
    return objects.InstanceList.get_by_filters(
        nova_context.get_admin_context(), {'host': list(hosts)})


def check_zone_change(context, metadata, aggregate, error, hosts=None,
                      check_instances=False):
    """Refuse (``error``) metadata that would give a host of the
    aggregate (or one of ``hosts``) a second zone or an empty one, and
    with ``check_instances`` a new zone to hosts that have servers (Nova's
    is_safe_to_update_az)."""
    if AZ_KEY not in metadata:
        return
    new_zone = metadata[AZ_KEY]
    if not new_zone:
        raise error(aggregate_id=aggregate.id,
                    reason='Aggregate %s does not support empty named '
                           'availability zone' % aggregate.name)
    hosts = hosts or aggregate.hosts
    conflicting = [
        other.availability_zone
        for other in objects.AggregateList.get_by_metadata_key(
            context, AZ_KEY, hosts=hosts)
        if other.availability_zone != new_zone and other.id != aggregate.id]
    if conflicting:
        raise error(aggregate_id=aggregate.id,
                    reason='One or more hosts already in availability '
                           'zone(s) %s' % conflicting)
    if (check_instances and aggregate.availability_zone != new_zone and
            _instances_on(hosts)):
        raise error(aggregate_id=aggregate.id,
                    reason='One or more hosts contain instances in this zone')


def _host_zone(context, host, without=None):
    """The zone the host's aggregates give it, not counting the
    aggregate ``without``; None if they give none."""
    zones = {other.availability_zone
             for other in objects.AggregateList.get_by_host(context, host)
             if other.availability_zone and other.id != without}
    return sorted(zones)[0] if zones else None


def check_host_keeps_zone(context, aggregate, host, adding):
    """Refuse to add (remove) a host that has servers to (from) an
    aggregate if that changes the host's zone."""
    zone = aggregate.availability_zone
    instances = _instances_on([host])
    if not instances or not zone:
        return
    if adding:
        old, new, error = (_host_zone(context, host), zone,
                           exception.InvalidAggregateActionAdd)
    else:
        old, new, error = (zone, _host_zone(context, host, aggregate.id),
                           exception.InvalidAggregateActionDelete)
    if old != new:
        raise error(aggregate_id=aggregate.id,
                    reason=_ZONE_CHANGE_WITH_INSTANCES % {
                        'done': 'added to' if adding else 'removed from',
                        'old': old, 'new': new, 'count': len(instances)})


def _compute_service(context, host):
    """The compute service of ``host``; ComputeHostNotFound if none."""
    service = objects.Service.get_by_host_and_binary(context, host,
                                                     COMPUTE_BINARY)
    # A case-insensitive database matches another spelling of the name.
    if service is None or service.host != host:
        raise exception.ComputeHostNotFound(host=host)
    return service


class AggregateController(object):

    def __init__(self, conf):
        self.conf = conf
        self._conductor_tasks = None

    @property
    def conductor_tasks(self):
        # Built on first use: it needs the RPC transport.
        if self._conductor_tasks is None:
            self._conductor_tasks = conductor_api.ComputeTaskAPI(self.conf)
        return self._conductor_tasks

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req):
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'index')
        return {'aggregates': [
            view.aggregate(req, aggregate)['aggregate']
            for aggregate in objects.AggregateList.get_all(context)]}

    @validation.validated(schema.create_v20, '2.0', '2.0')
    @validation.validated(schema.create, '2.1')
    def create(self, req, body):
        """A new aggregate, in a zone if one is named (200, without
        hosts and metadata, as in Nova)."""
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'create')
        values = body['aggregate']
        aggregate = objects.Aggregate(context, name=values['name'].strip())
        zone = values.get(AZ_KEY)
        if zone:
            aggregate.metadata = {AZ_KEY: zone.strip()}
        aggregate.create()
        return view.aggregate(req, aggregate, with_members=False)

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, id):
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'show')
        return view.aggregate(req, objects.Aggregate.get_by_id(
            context, _aggregate_id(id)))

    @validation.validated(schema.update_v20, '2.0', '2.0')
    @validation.validated(schema.update, '2.1')
    def update(self, req, id, body):
        """Rename the aggregate and/or move it to another zone."""
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'update')
        aggregate = objects.Aggregate.get_by_id(context, _aggregate_id(id))
        updates = dict(body['aggregate'])
        name = updates.pop('name', None)
        check_zone_change(context, updates, aggregate,
                          exception.InvalidAggregateActionUpdate,
                          check_instances=True)
        if name is not None:
            aggregate.name = name.strip()
            aggregate.save()
        if updates:
            aggregate.update_metadata(updates)
        return view.aggregate(req, aggregate)

    def delete(self, req, id):
        """Delete an aggregate that has no hosts (200, no body)."""
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'delete')
        aggregate = objects.Aggregate.get_by_id(context, _aggregate_id(id))
        if aggregate.hosts:
            raise exception.InvalidAggregateActionDelete(
                aggregate_id=aggregate.id,
                reason='Host aggregate is not empty')
        aggregate.destroy()

    @validation.validated(schema.add_host)
    def add_host(self, req, id, body):
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'add_host')
        aggregate_id = _aggregate_id(id)
        host = body['add_host']['host']
        _compute_service(context, host)
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        try:
            check_zone_change(context, aggregate.metadata, aggregate,
                              exception.InvalidAggregateActionAdd,
                              hosts=[host])
            check_host_keeps_zone(context, aggregate, host, adding=True)
        except exception.InvalidAggregateAction as exc:
            # Nova answers a refused add with 409, not 400.
            raise webob.exc.HTTPConflict(explanation=exc.format_message())
        aggregate.add_host(host)
        return view.aggregate(req, aggregate)

    @validation.validated(schema.remove_host)
    def remove_host(self, req, id, body):
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'remove_host')
        aggregate_id = _aggregate_id(id)
        host = body['remove_host']['host']
        try:
            _compute_service(context, host)
            aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
            try:
                check_host_keeps_zone(context, aggregate, host, adding=False)
            except exception.InvalidAggregateAction as exc:
                raise webob.exc.HTTPConflict(
                    explanation=exc.format_message())
            aggregate.delete_host(host)
        except (exception.ComputeHostNotFound, exception.AggregateNotFound,
                exception.AggregateHostNotFound):
            raise exception.NotFound(
                'Cannot remove host %(host)s in aggregate %(id)s' %
                {'host': host, 'id': id})
        return view.aggregate(req, aggregate)

    @validation.validated(schema.set_metadata)
    def set_metadata(self, req, id, body):
        """Set metadata keys (a null value deletes its key)."""
        context = req.environ['nova.context']
        context.can(aggregate_policies.POLICY_ROOT % 'set_metadata')
        aggregate = objects.Aggregate.get_by_id(context, _aggregate_id(id))
        metadata = body['set_metadata']['metadata']
        check_zone_change(context, metadata, aggregate,
                          exception.InvalidAggregateActionUpdateMeta,
                          check_instances=True)
        aggregate.update_metadata(metadata)
        return view.aggregate(req, aggregate)

    @wsgi.api_version(IMAGE_CACHE_MICROVERSION)
    @wsgi.response(202)
    @validation.validated(aggregate_images.aggregate_images)
    def images(self, req, id, body):
        """Have the compute hosts of the aggregate cache the images (202
        with no body: the conductor asks the hosts after the answer)."""
        context = req.environ['nova.context']
        context.can(aggregate_policies.NEW_POLICY_ROOT % 'images')
        aggregate_id = _aggregate_id(id)
        image_ids = [image['id'] for image in body['cache']]
        if len(set(image_ids)) != len(image_ids):
            raise webob.exc.HTTPBadRequest(
                explanation='Duplicate images in request')
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        try:
            self.conductor_tasks.cache_images(context, aggregate, image_ids)
        except exception.NovaException as exc:
            # An unknown image included: Nova answers 400, not 404.
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
