"""The servers API: list, show, create and delete servers."""

from oslo_log import log as logging
from oslo_utils import strutils
from oslo_utils import uuidutils

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute import helpers
from nova_lite.api.openstack.compute.schemas import servers as schema
from nova_lite.api.openstack.compute import server_search
from nova_lite.api.openstack.compute.views import servers as views_servers
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.compute import scheduling
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite.policies import servers as server_policies
from nova_lite import utils

LOG = logging.getLogger(__name__)

# What the compute API loads with listed instances by default (the ip
# filters read the info cache).
_INSTANCE_ATTRS = ('fault', 'info_cache')


def target(instance):
    """The policy target of an action on ``instance``."""
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


def for_versions(decorator, schemas):
    """Apply ``decorator(schema, min, max)`` for each versioned schema."""
    def apply(func):
        for min_version, max_version, version_schema in schemas:
            func = decorator(version_schema, min_version, max_version)(func)
        return func
    return apply


class ServersController(common.ComputeAPIController):

    def __init__(self, conf, compute=None):
        super().__init__(conf, compute)
        self._view_builder = views_servers.ViewBuilder(conf)

    @for_versions(validation.query_validated, schema.QUERY_SCHEMAS)
    def index(self, req):
        req.environ['nova.context'].can(server_policies.SERVERS % 'index')
        return self._get_servers(req, is_detail=False)

    @for_versions(validation.query_validated, schema.QUERY_SCHEMAS)
    def detail(self, req):
        req.environ['nova.context'].can(server_policies.SERVERS % 'detail')
        return self._get_servers(req, is_detail=True)

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, id):
        context = req.environ['nova.context']
        instance = self.compute_api.get(
            context, id, expected_attrs=_show_expected_attrs(req))
        context.can(server_policies.SERVERS % 'show', target(instance))
        return self._view_builder.show(
            req, instance,
            show_server_groups=wsgi.is_supported(req, '2.71'))

    @validation.validated(schema.update_v20, '2.0', '2.0')
    @validation.validated(schema.update, '2.1', '2.18')
    @validation.validated(schema.update_v219, '2.19', '2.89')
    @validation.validated(schema.update_v290, '2.90', '2.93')
    @validation.validated(schema.update_v294, '2.94', '2.103')
    @validation.validated(schema.update_v2104, '2.104')
    def update(self, req, id, body):
        """A new name, description, hostname (2.90), disk config, access
        addresses or pinned availability zone (2.104); the answer is the
        server as a rebuild answers with it."""
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id)
        context.can(server_policies.SERVERS % 'update', target(instance))
        server = body['server']
        if 'pinned_availability_zone' in server:
            _pin_availability_zone(context, instance,
                                   server['pinned_availability_zone'],
                                   self.conf)
        updates = {field: server[key] for key, field in (
            ('name', 'display_name'), ('description', 'display_description'),
            ('hostname', 'hostname')) if key in server}
        updates.update(helpers.translate_attributes(server))
        instance = self.compute_api.update_instance(context, instance,
                                                    updates)
        return self._view_builder.rebuild(req, instance)

    @wsgi.response(204)
    def delete(self, req, id):
        context = req.environ['nova.context']
        instance = self.compute_api.get(context, id)
        context.can(server_policies.SERVERS % 'delete', target(instance))
        try:
            self.compute_api.delete(context, instance)
        except exception.InstanceNotFound:
            raise exception.InstanceNotFound(
                message='Instance could not be found')
        except exception.InstanceInvalidState as exc:
            raise conflict(exc, 'delete', id)

    @wsgi.response(202)
    @for_versions(validation.validated, schema.CREATE_SCHEMAS)
    def create(self, req, body):
        context = req.environ['nova.context']
        server = body['server']
        context.can(server_policies.SERVERS % 'create')
        password = admin_password(self.conf, server)
        min_count, max_count, return_reservation_id = _counts(server)
        image_href = _image_from_req_data(server)
        networks = _requested_networks(req, server.get('networks'))
        if networks and not networks.no_allocate:
            context.can(server_policies.SERVERS % 'create:attach_network')
        zone, forced_host, forced_node = self._availability_zone(
            context, server.get('availability_zone'))
        destination = _requested_destination(req, server, forced_host,
                                             forced_node)
        flavor = _flavor_for_create(context, server['flavorRef'])
        try:
            instances, reservation_id = self.compute_api.create(
                context, flavor, image_href, server['name'],
                min_count=min_count, max_count=max_count,
                metadata=server.get('metadata', {}),
                config_drive=strutils.bool_from_string(
                    server.get('config_drive', False)),
                availability_zone=zone, forced_host=forced_host,
                forced_node=forced_node,
                scheduler_hints=_scheduler_hints(body),
                user_data=server.get('user_data'), admin_password=password,
                requested_networks=networks,
                key_name=server.get('key_name'),
                description=_description(req, server),
                injected_files=_personality(server),
                tags=server.get('tags'), hostname=_hostname(req, server),
                **destination, **helpers.translate_attributes(server))
        except exception.ImageNotFound:
            raise exception.Invalid('Can not find requested image')
        except exception.KeypairNotFound:
            # A name in the body that names nothing is a bad request.
            raise exception.Invalid('Invalid key_name provided.')
        except (exception.NetworkNotFound, exception.PortNotFound,
                exception.InstanceGroupNotFound,
                exception.ComputeHostNotFound) as exc:
            # Missing things named in the body make a bad request, not a
            # missing resource (Nova's mapping).
            raise exception.Invalid(exc.format_message())
        if return_reservation_id:
            return wsgi.ResponseObject({'reservation_id': reservation_id})
        view = self._view_builder.create(
            req, instances[0],
            server.get('security_groups', [{'name': 'default'}]))
        if self.conf.api.enable_instance_password:
            view['server']['adminPass'] = password
        location = [link['href'] for link in view['server']['links']
                    if link['rel'] == 'self'][0]
        return wsgi.ResponseObject(view, headers={'Location': location})

    def _availability_zone(self, context, requested):
        """(zone, forced host, forced node) of the requested zone; only
        admins may force a host with 'zone:host:node'."""
        zone, host, node = scheduling.parse_availability_zone(requested)
        if host or node:
            context.can(server_policies.SERVERS % 'create:forced_host')
            zone = _zone_of_forced_host(
                context, zone, host, self.conf.api.default_availability_zone)
        return zone, host, node

    def _get_servers(self, req, is_detail):
        context = req.environ['nova.context']
        found = server_search.search_options(req)
        if found is None:
            return {'servers': []}
        search_opts, all_tenants = found
        limit, marker = common.get_limit_and_marker(
            req, self.conf.api.max_limit)
        sort_keys, sort_dirs = server_search.sort_params(req)
        try:
            instances = self.compute_api.get_all(
                context.elevated() if all_tenants else context,
                search_opts=search_opts, limit=limit, marker=marker,
                sort_keys=sort_keys, sort_dirs=sort_dirs,
                expected_attrs=(_show_expected_attrs(req) if is_detail
                                else _INSTANCE_ATTRS))
        except exception.MarkerNotFound:
            raise exception.Invalid('marker [%s] not found' % marker)
        except exception.FlavorNotFound:
            # A flavor that does not exist matches no server.
            instances = []
        if is_detail:
            return self._view_builder.detail(req, instances)
        return self._view_builder.index(req, instances)


def _show_expected_attrs(req):
    """What a server document needs loaded with the instance."""
    if wsgi.is_supported(req, '2.26'):
        return _INSTANCE_ATTRS + ('tags',)
    return _INSTANCE_ATTRS


def admin_password(conf, server):
    """The adminPass of a create or rebuild body, else a new one."""
    if 'adminPass' in server:
        return server['adminPass']
    return utils.generate_password(conf.password_length)


def _pin_availability_zone(context, instance, requested, conf):
    """Unpin the server (None) or pin it to the zone it is in, as its
    request spec keeps it for the scheduler; a server pinned to one zone
    is unpinned before it is pinned to another."""
    request_spec = objects.RequestSpec.get_by_instance_uuid(context,
                                                            instance.uuid)
    pinned = request_spec.availability_zone
    if requested == pinned:
        return
    if requested is not None:
        if pinned is not None:
            raise exception.PinnedAvailabilityZoneChange()
        current = aggregate_obj.get_instance_availability_zone(
            context, instance, conf)
        if requested != current:
            raise exception.PinnedAvailabilityZoneNotCurrent(
                current_az=current, requested_az=requested)
    request_spec.availability_zone = requested
    request_spec.save()


def _requested_destination(req, server, forced_host, forced_node):
    """The requested_host / requested_hypervisor_hostname arguments of
    the compute API's create: from 2.74, the host and hypervisor_hostname
    asked for (Nova's requested_destination rule: admins by default),
    which a 'zone:host:node' zone may not force too."""
    if not wsgi.is_supported(req, '2.74'):
        return {}
    host = server.get('host')
    node = server.get('hypervisor_hostname')
    if host or node:
        req.environ['nova.context'].can(
            server_policies.REQUESTED_DESTINATION)
        if forced_host or forced_node:
            raise exception.Invalid(
                'One mechanism with host and/or hypervisor_hostname and '
                'another mechanism with zone:host:node are mutually '
                'exclusive.')
    return {'requested_host': host, 'requested_hypervisor_hostname': node}


def _counts(server):
    """(min_count, max_count, return_reservation_id) of a create."""
    min_count = int(server.get('min_count', 1))
    max_count = int(server.get('max_count', min_count))
    if min_count > max_count:
        raise exception.Invalid('min_count must be <= max_count')
    return_id = strutils.bool_from_string(
        server.get('return_reservation_id', False))
    return min_count, max_count, return_id


def _description(req, server):
    # Before 2.19 a server's description was its name.
    if wsgi.is_supported(req, '2.19'):
        return server.get('description')
    return server['name']


def _hostname(req, server):
    # From 2.90 a server may ask for its hostname.
    if wsgi.is_supported(req, '2.90'):
        return server.get('hostname')
    return None


def _personality(server):
    """(path, base64 contents) of the personality files, as Nova reads
    them: an item missing either is a bad request."""
    files = []
    for item in server.get('personality', []):
        try:
            files.append((item['path'], item['contents']))
        except KeyError as exc:
            raise exception.Invalid('Bad personality format: missing %s'
                                    % exc.args[0])
    return files


def _image_from_req_data(server):
    """The image to boot from: imageRef, which block_device_mapping_v2
    may only repeat (clients such as the openstack CLI send the image as
    both); any other mapping is a 400."""
    image_href = server.get('imageRef')
    bdms = server.get('block_device_mapping_v2') or []
    for bdm in bdms:
        _check_bdm_format(bdm, image_href)
    if bdms:
        _check_bdms_boot_from_image(bdms, image_href)
    if not image_href:
        raise exception.Invalid('Missing imageRef attribute')
    return image_href


def _bdm_invalid(details):
    return exception.Invalid('Block Device Mapping is Invalid: %s' % details)


def _boot_index(bdm):
    # None (or no boot_index) means -1: not a boot device.
    boot_index = bdm.get('boot_index')
    return -1 if boot_index is None else int(boot_index)


def _check_bdm_format(bdm, image_href):
    """What Nova's BlockDeviceDict.from_api refuses in one mapping. An
    image mapped to a local disk is the image the server boots from, so
    it needs a non-empty imageRef and boot_index 0."""
    if bdm.get('no_device'):
        return
    source_type = bdm.get('source_type')
    if source_type == 'blank' and bdm.get('uuid'):
        raise _bdm_invalid('Invalid device UUID.')
    if source_type != 'blank' and not bdm.get('uuid'):
        raise _bdm_invalid('Missing device UUID.')
    if (source_type == 'image' and
            bdm.get('destination_type') == 'local' and
            not (image_href and _boot_index(bdm) == 0)):
        raise _bdm_invalid('Mapping image to local is not supported.')


# What the image-to-local root mapping may say and still be the image
# disk Nova makes of imageRef (nova.block_device.create_image_bdm);
# image_id is overridden by uuid, as in Nova.
_IMAGE_BDM_KEYS = frozenset(('uuid', 'image_id', 'source_type',
                             'destination_type', 'boot_index',
                             'delete_on_termination', 'device_type'))


def _check_bdms_boot_from_image(bdms, image_href):
    """Accept only the mapping that means "boot from imageRef": one
    image-to-local entry for the imageRef image (the format checks made
    sure it is at boot_index 0)."""
    for bdm in bdms:
        if bdm.get('no_device') or (
                bdm.get('source_type'), bdm.get('destination_type')) != (
                'image', 'local'):
            raise _bdm_unsupported(_describe_bdm(bdm))
    if len(bdms) > 1:
        # Two boot devices at index 0, as Nova's compute API finds.
        raise _bdm_invalid('Boot sequence for the instance and '
                           'image/block device mapping combination is not '
                           'valid.')
    bdm = bdms[0]
    if bdm['uuid'].lower() != image_href.lower():
        raise _bdm_unsupported(
            'the image %s is not imageRef %s' % (bdm['uuid'], image_href))
    extra = [key for key in bdm if key not in _IMAGE_BDM_KEYS]
    if bdm.get('device_type', 'disk') != 'disk':
        extra.append('device_type')
    if extra:
        raise _bdm_unsupported(
            'the root disk attribute(s) %s' % ', '.join(sorted(extra)))


def _describe_bdm(bdm):
    """What kind of disk a (non image-to-local) mapping asks for."""
    if bdm.get('no_device'):
        return 'no_device mappings'
    source_type = bdm.get('source_type')
    destination_type = bdm.get('destination_type') or 'local'
    if source_type == 'blank':
        if destination_type == 'volume':
            return 'blank volumes'
        if bdm.get('guest_format') == 'swap':
            return 'swap disks'
        return 'ephemeral disks'
    return "source_type '%s' with destination_type '%s'" % (
        source_type, destination_type)


def _bdm_unsupported(what):
    return exception.Invalid(
        'Block device mapping not supported: %s. nova-lite boots servers '
        'only from imageRef; block_device_mapping_v2 may only repeat it as '
        "a single entry with source_type 'image', destination_type "
        "'local', boot_index 0 and uuid equal to imageRef. Volumes, "
        'snapshots, blank, ephemeral and swap disks are not supported.'
        % what)


def _flavor_for_create(context, flavor_ref):
    """The flavor flavorRef names; a missing, disabled or (for a project
    without access) private flavor is a bad request, not a missing
    resource."""
    flavor_id = common.get_id_from_href(flavor_ref)
    try:
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
    except exception.FlavorNotFound as exc:
        raise exception.Invalid(exc.format_message())
    if flavor.disabled or not flavor.is_visible_to(context):
        raise exception.Invalid(exception.FlavorNotFound(
            flavor_id=flavor_id).format_message())
    return flavor


def _scheduler_hints(body):
    """os:scheduler_hints, or their legacy name OS-SCH-HNT."""
    if 'os:scheduler_hints' in body:
        return body['os:scheduler_hints']
    return body.get('OS-SCH-HNT:scheduler_hints', {})


def _zone_of_forced_host(context, zone, host, default_zone):
    """The zone to record for a server forced onto ``host``: the one
    asked for if the host is in it, else none (the host's own zone then
    applies), as Nova's _validate_host_availability_zone."""
    aggregates = (objects.AggregateList.get_by_host(context, host)
                  if host else [])
    host_zone = next((aggregate.availability_zone
                      for aggregate in aggregates
                      if aggregate.availability_zone), None)
    if zone == host_zone or (zone == default_zone and host_zone is None):
        return zone
    LOG.warning("Requested availability zone '%s' but forced host '%s' is "
                "not in it; ignoring the requested zone", zone, host)
    return None


def _requested_networks(req, networks):
    """The NetworkRequestList of the create: 'auto', 'none' or one request
    per entry; None if the body did not say (before 2.37)."""
    if networks is None or isinstance(networks, str):
        return objects.NetworkRequestList.from_api(networks)
    ports = []
    requests = []
    for network in networks:
        request = _network_request(req, network)
        if request['port_id']:
            if request['port_id'] in ports:
                raise exception.Invalid(
                    "Port ID '%s' was specified twice: you cannot attach a "
                    "port multiple times." % request['port_id'])
            ports.append(request['port_id'])
        requests.append(request)
    return objects.NetworkRequestList.from_api(requests)


def _network_request(req, network):
    port = network.get('port')
    address = network.get('fixed_ip')
    request = {'network_id': None, 'port_id': port, 'address': address,
               'tag': network.get('tag')}
    if port:
        if address is not None:
            raise exception.Invalid(
                "Specified Fixed IP '%(addr)s' cannot be used with port "
                "'%(port)s': the two cannot be specified together." %
                {'addr': address, 'port': port})
        return request
    if 'uuid' not in network:
        raise exception.Invalid("Bad network format: missing 'uuid'")
    net_id = network['uuid']
    # Neutron once allowed 'br-<uuid>' network ids; Nova still does.
    if not (uuidutils.is_uuid_like(net_id) or
            uuidutils.is_uuid_like(net_id.split('-', 1)[-1])):
        raise exception.Invalid('Bad networks format: network uuid is not '
                                'in proper format (%s)' % net_id)
    request['network_id'] = net_id
    return request


def conflict(exc, action, server_id):
    """The 409 of an action the server's state refuses (a locked
    server's refusal says so as it is)."""
    if isinstance(exc, exception.InstanceIsLocked):
        return exc
    attr, state = exc.kwargs.get('attr'), exc.kwargs.get('state')
    if attr is not None and state is not None:
        message = ("Cannot '%(action)s' instance %(server_id)s while it is "
                   "in %(attr)s %(state)s" %
                   {'action': action, 'server_id': server_id,
                    'attr': attr, 'state': state})
    else:
        message = ("Instance %(server_id)s is in an invalid state for "
                   "'%(action)s'" % {'action': action,
                                     'server_id': server_id})
    return exception.InstanceInvalidState(message=message)
