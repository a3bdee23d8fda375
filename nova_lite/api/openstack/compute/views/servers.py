"""Server documents, as Nova shows them at each microversion."""

import hashlib

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute import helpers
from nova_lite.api.openstack.compute.views import flavors as views_flavors
from nova_lite.api.openstack.compute.views import images as views_images
from nova_lite.api.openstack import wsgi
from nova_lite.compute import vm_states
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import aggregate as aggregate_obj
from nova_lite.objects import image_meta
from nova_lite.policies import extended_server_attributes as esa_policies
from nova_lite.policies import servers as server_policies

# Statuses whose document carries 'progress' / the instance 'fault'.
_PROGRESS_STATUSES = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE',
                      'VERIFY_RESIZE', 'MIGRATING')
_FAULT_STATUSES = ('ERROR', 'DELETED')

# Values of host_status (2.16).
HOST_UP, HOST_DOWN = 'UP', 'DOWN'
HOST_MAINTENANCE, HOST_UNKNOWN, HOST_NONE = 'MAINTENANCE', 'UNKNOWN', ''

COMPUTE_BINARY = 'nova-lite-compute'


def generate_host_id(host, project_id):
    """A per-project opaque id of the host: servers of one project on one
    host share it, and it tells nothing about the host's name."""
    if not host:
        return ''
    return hashlib.sha224((str(project_id) + host).encode('utf-8')
                          ).hexdigest()


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'servers'
    _member_name = 'server'

    def __init__(self, conf):
        super().__init__(conf)
        self._flavor_builder = views_flavors.ViewBuilder(conf)
        self._image_builder = views_images.ViewBuilder(conf)

    def create(self, request, instance, security_groups):
        """The answer to POST /servers (without adminPass)."""
        return {'server': {
            'id': instance.uuid,
            'links': self._get_links(request, instance.uuid,
                                     self._collection_name),
            'OS-DCF:diskConfig': helpers.disk_config_to_api(
                instance.obj_get('auto_disk_config')),
            'security_groups': security_groups,
        }}

    def basic(self, request, instance):
        return {'server': {
            'id': instance.uuid,
            'name': instance.display_name,
            'links': self._get_links(request, instance.uuid,
                                     self._collection_name),
        }}

    def detail(self, request, instances):
        host_status = _HostStatusCache(request, self.conf)
        request_specs = _listed_request_specs(request, instances)
        return self._list_view(
            lambda req, inst: self.show(req, inst, host_status=host_status,
                                        request_specs=request_specs),
            request, instances, self._collection_name + '/detail')

    def show(self, request, instance, show_server_groups=False,
             host_status=None, request_specs=None):
        """The detailed document of a server; ``request_specs``: those
        of a listed page, {uuid: RequestSpec}, read at once."""
        server = self._core(request, instance)
        if server['status'] in _FAULT_STATUSES and instance.fault:
            server['fault'] = self._fault(request, instance.fault)
        if server['status'] in _PROGRESS_STATUSES:
            server['progress'] = instance.progress or 0
        server.update(self._extensions(request, instance))
        context = request.environ['nova.context']
        if context.can(esa_policies.BASE_POLICY_NAME, fatal=False):
            server.update(_extended_attributes(request, instance))
        elif wsgi.is_supported(request, '2.90'):
            # From 2.90 everyone sees the hostname the guest is told.
            server['OS-EXT-SRV-ATTR:hostname'] = instance.hostname
        if wsgi.is_supported(request, '2.16'):
            shown = _host_status_shown(context)
            if shown:
                host_status = host_status or _HostStatusCache(request,
                                                              self.conf)
                status = host_status.get(instance.host)
                if shown == 'all' or status == 'UNKNOWN':
                    server['host_status'] = status
        server.update(_versioned_fields(request, instance))
        server.update(_request_spec_fields(request, instance,
                                           request_specs))
        if show_server_groups:
            server['server_groups'] = _server_groups(context, instance)
        return {'server': server}

    def rebuild(self, request, instance, show_user_data=True):
        """The answer to a rebuild (without adminPass) or an update:
        before 2.75 the core document only, with plain addresses (and the
        server groups from 2.71); from 2.75 what GET shows, less
        ``OS-EXT-SRV-ATTR:user_data`` without ``show_user_data`` (a
        rebuild shows ``user_data`` its own way)."""
        if wsgi.is_supported(request, '2.75'):
            view = self.show(request, instance, show_server_groups=True)
            if not show_user_data:
                view['server'].pop('OS-EXT-SRV-ATTR:user_data', None)
            return view
        server = self._core(request, instance)
        if wsgi.is_supported(request, '2.71'):
            server['server_groups'] = _server_groups(
                request.environ['nova.context'], instance)
        server['addresses'] = self._addresses(instance, extended=False)
        if server['status'] in _FAULT_STATUSES and instance.fault:
            server['fault'] = self._fault(request, instance.fault)
        if server['status'] in _PROGRESS_STATUSES:
            server['progress'] = instance.progress or 0
        server.update(_versioned_fields(request, instance))
        return {'server': server}

    def _core(self, request, instance):
        access_v4, access_v6 = instance.access_ip_v4, instance.access_ip_v6
        return {
            'id': instance.uuid,
            'name': instance.display_name,
            'status': _status(instance),
            'tenant_id': instance.project_id or '',
            'user_id': instance.user_id or '',
            'metadata': dict(instance.metadata or {}),
            'hostId': generate_host_id(instance.host, instance.project_id),
            'image': self._image(request, instance),
            'flavor': self._flavor(request, instance),
            'created': common.isotime(instance.created_at),
            'updated': common.isotime(instance.updated_at),
            'addresses': self._addresses(instance),
            'accessIPv4': str(access_v4) if access_v4 is not None else '',
            'accessIPv6': str(access_v6) if access_v6 is not None else '',
            'links': self._get_links(request, instance.uuid,
                                     self._collection_name),
            'OS-DCF:diskConfig': helpers.disk_config_to_api(
                instance.obj_get('auto_disk_config')),
        }

    @staticmethod
    def _addresses(instance, extended=True):
        """The server's fixed IPs by network label, as Nova shows them
        from the info cache ({} while the server is building)."""
        if instance.vm_state == vm_states.BUILDING:
            return {}
        return addresses_from_network_info(instance.get_network_info(),
                                           extended)

    def _extensions(self, request, instance):
        """The attributes of Nova's former v2 extensions (all users)."""
        fields = {
            'OS-EXT-AZ:availability_zone': self._availability_zone(
                request, instance),
            'config_drive': instance.config_drive,
            'key_name': instance.key_name,
            'OS-SRV-USG:launched_at': common.naive_time(instance.launched_at),
            'OS-SRV-USG:terminated_at': common.naive_time(
                instance.terminated_at),
            'OS-EXT-STS:task_state': instance.task_state,
            'OS-EXT-STS:vm_state': instance.vm_state,
            'OS-EXT-STS:power_state': instance.power_state,
            # Servers boot from images only: no volume is ever attached.
            'os-extended-volumes:volumes_attached': [],
        }
        return fields

    def _availability_zone(self, request, instance):
        return aggregate_obj.get_instance_availability_zone(
            request.environ['nova.context'], instance, self.conf) or ''

    def _image(self, request, instance):
        if not instance.image_ref:
            return ''
        image_id = str(common.get_id_from_href(instance.image_ref))
        image = {'id': image_id,
                 'links': [{'rel': 'bookmark',
                            'href': self._image_builder._get_bookmark_link(
                                request, image_id, 'images')}]}
        if wsgi.is_supported(request, '2.98'):
            image['properties'] = _image_properties(instance)
        return image

    def _flavor(self, request, instance):
        flavor = instance.flavor
        if not flavor:
            return {}
        if wsgi.is_supported(request, '2.47'):
            # Everyone may read extra specs by default, as in Nova.
            return {'vcpus': flavor.vcpus, 'ram': flavor.memory_mb,
                    'disk': flavor.root_gb, 'ephemeral': flavor.ephemeral_gb,
                    'swap': flavor.swap, 'original_name': flavor.name,
                    'extra_specs': dict(flavor.extra_specs)}
        return {'id': str(flavor.flavorid),
                'links': [{'rel': 'bookmark',
                           'href': self._flavor_builder._get_bookmark_link(
                               request, flavor.flavorid, 'flavors')}]}

    @staticmethod
    def _fault(request, fault):
        """The fault; its details (a traceback for 500s) only for admins
        or when the fault is not an internal error."""
        body = {'code': fault.code,
                'created': common.isotime(fault.created_at),
                'message': fault.message}
        if fault.details:
            context = request.environ['nova.context']
            if context.is_admin or fault.code != 500:
                body['details'] = fault.details
        return body


def _status(instance):
    if instance.deleted:
        return 'DELETED'
    return common.status_from_state(instance.vm_state, instance.task_state)


def _server_groups(context, instance):
    """[the uuid of the server group the server is in], or []."""
    try:
        group = objects.InstanceGroup.get_by_instance_uuid(context,
                                                           instance.uuid)
    except exception.InstanceGroupNotFound:
        return []
    return [group.uuid]


def _host_status_shown(context):
    """'all' if the caller sees host_status, 'unknown' if only an
    UNKNOWN one, None if none."""
    rule = server_policies.SERVERS % 'show:host_status'
    if context.can(rule, fatal=False):
        return 'all'
    if context.can(rule + ':unknown-only', fatal=False):
        return 'unknown'
    return None


def _extended_attributes(request, instance):
    """OS-EXT-SRV-ATTR:*, shown to administrators."""
    fields = {
        'OS-EXT-SRV-ATTR:host': instance.host,
        'OS-EXT-SRV-ATTR:instance_name': instance.name,
        'OS-EXT-SRV-ATTR:hypervisor_hostname': instance.node,
    }
    if wsgi.is_supported(request, '2.3'):
        fields.update({
            'OS-EXT-SRV-ATTR:reservation_id': (
                instance.system_metadata or {}).get('reservation_id'),
            'OS-EXT-SRV-ATTR:launch_index': instance.launch_index,
            'OS-EXT-SRV-ATTR:hostname': instance.hostname,
            # Images boot without separate kernel and ramdisk; the root
            # device name is not recorded.
            'OS-EXT-SRV-ATTR:kernel_id': '',
            'OS-EXT-SRV-ATTR:ramdisk_id': '',
            'OS-EXT-SRV-ATTR:root_device_name': None,
            'OS-EXT-SRV-ATTR:user_data': instance.user_data,
        })
    return fields


def _versioned_fields(request, instance):
    """Fields later microversions added to every server document."""
    fields = {}
    if wsgi.is_supported(request, '2.9'):
        fields['locked'] = bool(instance.locked)
    if wsgi.is_supported(request, '2.73'):
        fields['locked_reason'] = (
            instance.system_metadata or {}).get('locked_reason')
    if wsgi.is_supported(request, '2.19'):
        fields['description'] = instance.display_description
    if wsgi.is_supported(request, '2.26'):
        fields['tags'] = _tag_names(request, instance)
    if wsgi.is_supported(request, '2.63'):
        fields['trusted_image_certificates'] = None
    return fields


def _image_properties(instance):
    """The properties of the server's image that Nova knows by name, as
    the server keeps them in its system metadata (``image_<name>``)."""
    prefix = 'image_'
    return {key[len(prefix):]: value
            for key, value in (instance.system_metadata or {}).items()
            if key.startswith(prefix) and value is not None and
            key[len(prefix):] in image_meta.STANDARD_PROPERTIES}


def _listed_request_specs(request, instances):
    """{uuid: RequestSpec} of the listed servers that have one (a
    server recorded without one has none), when the documents show
    them (2.96)."""
    if not wsgi.is_supported(request, '2.96'):
        return None
    specs = objects.RequestSpec.get_by_instance_uuids(
        request.environ['nova.context'],
        [instance.uuid for instance in instances])
    return {spec.instance_uuid: spec for spec in specs}


def _request_spec_fields(request, instance, request_specs=None):
    """What the server asked the scheduler for: the zone it is pinned
    to (2.96; a 2.104 update may unpin or re-pin it) and the
    scheduler hints of its create (2.100)."""
    if not wsgi.is_supported(request, '2.96'):
        return {}
    if request_specs is None:
        spec = _request_spec(request, instance)
        # Nova's show says {} for the hints of a server without a request
        # spec, its list null.
        no_hints = {}
    else:
        spec = request_specs.get(instance.uuid)
        no_hints = None
    fields = {'pinned_availability_zone': (
        spec.availability_zone if spec else None)}
    if wsgi.is_supported(request, '2.100'):
        fields['scheduler_hints'] = (
            spec.obj_get('scheduler_hints') if spec else no_hints)
    return fields


def _request_spec(request, instance):
    try:
        return objects.RequestSpec.get_by_instance_uuid(
            request.environ['nova.context'], instance.uuid)
    except exception.NotFound:
        return None


def _tag_names(request, instance):
    """The server's tags: loaded with it, or read now (a deleted server
    has none)."""
    tags = instance.obj_get('tags')
    if tags is not None:
        return tags.names()
    context = request.environ['nova.context']
    return objects.TagList.get_names_by_resource_ids(
        context, [instance.uuid])[instance.uuid]


class _HostStatusCache(object):
    """host_status of hosts, each looked up once per request."""

    def __init__(self, request, conf):
        self.context = request.environ['nova.context']
        self.conf = conf
        self._cache = {}

    def get(self, host):
        if not host:
            return HOST_NONE
        if host not in self._cache:
            self._cache[host] = self._lookup(host)
        return self._cache[host]

    def _lookup(self, host):
        service = objects.Service.get_by_host_and_binary(
            self.context, host, COMPUTE_BINARY)
        if service is None:
            return HOST_NONE
        if service.forced_down:
            return HOST_DOWN
        if service.disabled:
            return HOST_MAINTENANCE
        if service.is_up(self.conf.service_down_time):
            return HOST_UP
        return HOST_UNKNOWN


def addresses_from_network_info(network_info, extended=True):
    """{label: [{version, addr[, OS-EXT-IPS:type, OS-EXT-IPS-MAC:mac_addr]}]}
    in the order the VIFs and their IPs come."""
    addresses = {}
    for vif in network_info:
        entries = addresses.setdefault(vif.network.label, [])
        for ip in vif.fixed_ips():
            entry = {'version': ip.version, 'addr': ip.address}
            if extended:
                entry['OS-EXT-IPS:type'] = 'fixed'
                entry['OS-EXT-IPS-MAC:mac_addr'] = vif.address
            entries.append(entry)
    return addresses
