"""The API versions: what ``GET /`` and ``GET /v2.1`` answer, without
authentication, so clients can discover the microversion range.

Microversions implemented (MIN_API_VERSION..MAX_API_VERSION of wsgi.py),
for the resources served here:

* 2.2  os-keypairs: key ``type`` (ssh, x509); create is 201, delete 204
* 2.3  extended server attributes (admins): reservation_id, launch_index,
       hostname, kernel_id, ramdisk_id, root_device_name, user_data
* 2.9  server ``locked`` (lock and unlock actions exist from 2.1)
* 2.10 os-keypairs: admins name another user with ``user_id``
* 2.11 os-services: ``forced_down`` and PUT /os-services/force-down
* 2.16 server ``host_status`` (admins)
* 2.19 server ``description`` (create, show and rebuild)
* 2.21 os-instance-actions of deleted servers
* 2.26 server tags: /servers/{id}/tags and its items, ``tags`` in
       server documents, the ``tags``, ``tags-any``, ``not-tags`` and
       ``not-tags-any`` list filters
* 2.28 os-hypervisors: ``cpu_info`` is an object
* 2.32/2.42 device tag on requested networks and block device mappings
       (2.33-2.36: networks only; 2.37-2.41: neither)
* 2.33 os-hypervisors: paged with ``limit``/``marker``
* 2.35 os-keypairs: paged with ``limit``/``marker`` and ``keypairs_links``
* 2.36 the image proxy API (/images) is gone: 404; limits and quota sets
       drop the nova-network resources
* 2.37 ``networks`` required on create: a list, 'auto' or 'none'
* 2.38 invalid status filter is a 400
* 2.39 limits drop ``maxImageMeta``
* 2.47 the server's flavor is embedded, not linked
* 2.50 os-quota-class-sets: ``server_groups`` and
       ``server_group_members`` shown, the nova-network resources gone
* 2.51 os-instance-actions: events for every user (no traceback)
* 2.52 ``tags`` on server create
* 2.53 os-services and os-hypervisors: uuid ids, PUT
       /os-services/{uuid}; os-hypervisors ``hypervisor_hostname_pattern``
       and ``with_servers`` (search and servers routes gone)
* 2.54 rebuild takes ``key_name`` and answers with it
* 2.55 flavor ``description`` (create, PUT /flavors/{id})
* 2.57 rebuild takes ``user_data`` and answers with it; limits, quota
       sets and quota class sets drop the personality file resources
* 2.58 os-instance-actions: paged, ``changes-since``, ``updated_at``
* 2.61 flavor ``extra_specs``
* 2.62 os-instance-actions events: ``hostId``, and ``host`` for admins
* 2.63 server ``trusted_image_certificates`` (always null)
* 2.66 ``changes-before`` list filter (refused: not supported);
       os-instance-actions ``changes-before``
* 2.67 ``volume_type`` in block device mappings (valid, then refused:
       there are no volumes)
* 2.71 ``server_groups`` in GET /servers/{id} (always empty)
* 2.73 lock with a ``locked_reason``; server ``locked_reason``, the
       ``locked`` list filter and sort key
* 2.74 create on a requested ``host`` and/or ``hypervisor_hostname``
       (admins; the scheduler offers only that node)
* 2.75 unknown list query parameters are a 400; flavor swap 0, not "";
       rebuild answers with what GET shows; os-hypervisors
       ``with_servers`` shows an empty ``servers`` list
* 2.76-2.79 change nothing served here
* 2.80 changes nothing served here (os-migrations, which is not)
* 2.81 POST /os-aggregates/{aggregate_id}/images: the aggregate's
       compute hosts cache the images (admins; 202, the conductor asks
       the hosts)
* 2.82 changes nothing served here (os-server-external-events, which is
       not)
* 2.83 servers list: users may filter by availability_zone,
       config_drive, key_name, created_at, launched_at, terminated_at,
       power_state, task_state, vm_state, progress and user_id
* 2.84 os-instance-actions events: ``details``, the message of a failed
       event, for whom the events:details rule lets see it (admins)
* 2.85 changes nothing served here (volume attachments, which are not)
* 2.86 flavor extra specs: create and update validate the specs of the
       namespaces Nova knows (unknown key or bad value: 400)
* 2.87 changes nothing served here (rescue, which is not)
* 2.88 os-hypervisors: detail and show drop the resource figures
       (vcpus, memory_mb, local_gb and their _used, free_ram_mb,
       free_disk_gb, current_workload, running_vms,
       disk_available_least) and cpu_info, and show ``uptime`` (null
       when the host's compute service is down); the statistics and
       {id}/uptime routes are gone (404)
* 2.89 changes nothing served here (volume attachments, which are not)
* 2.90 ``hostname`` on server create (refused with more than one
       server), update and rebuild; ``OS-EXT-SRV-ATTR:hostname`` shown
       to every user and the ``hostname`` list filter open to them
* 2.91 changes nothing served here (shelve and unshelve, which are not)
* 2.92 os-keypairs: create imports only (``public_key`` required, no
       key pair is generated); names may have '@' and '.'
* 2.93 changes nothing served here (rebuild of volume-backed servers:
       create refuses every block device mapping but the image's local
       root disk, so no server is volume-backed)
* 2.94 the ``hostname`` of server create, update and rebuild may be a
       fully qualified domain name, kept and told to the guest as given
* 2.95 changes nothing served here (evacuate, which is not)
* 2.96 ``pinned_availability_zone`` in server show, detail, update and
       rebuild: the zone the server's request spec asks for (the one
       asked for at create, or since pinned by 2.104), else null
* 2.97 changes nothing served here (shares, which are not)
* 2.98 the server's ``image`` shows its ``properties``: those the server
       keeps of its image (in system metadata) that Nova knows by name
* 2.99 changes nothing served here (spice-direct consoles and
       os-console-auth-tokens, which are not)
* 2.100 ``scheduler_hints`` in server show, detail, update and rebuild:
       those of the create, each value a list of strings
* 2.101 changes nothing served here (volume attachments, which are not)
* 2.102 flavors: no ``rxtx_factor`` nor ``OS-FLV-DISABLED:disabled``
       shown, ``rxtx_factor`` refused on create and as a sort key, a
       ``name`` filter (a regular expression) on the lists; unknown
       query parameters are a 400 on every GET that ignored them
       (flavors and their extra specs and access, aggregates,
       availability zones, quota class sets, server groups, a server,
       its ips, metadata, interfaces and instance actions), except the
       version document, server tags and quota set defaults, which
       Nova still leaves lenient
* 2.103 /os-volumes_boot is gone (404); nova-lite never routed it
* 2.104 PUT /servers/{id} takes ``pinned_availability_zone``: null
       unpins the server, its current zone pins it (409 for another
       zone, or for a server pinned to another one)

The legacy v2 API is served at ``/v2`` too (Nova's v2.1 API in its v2
compatible mode, see nova_lite.api.openstack.LegacyV2CompatibleWrapper):
the same resources at microversion 2.1, whatever version is asked for,
with no microversion headers, and request bodies validated as Nova's v2
API did (unknown keys are dropped, not refused; names may have leading
and trailing spaces). ``GET /`` lists both versions, ``GET /v2`` and
``GET /v2.1`` show their own, and any other path of the root is a 300
with the URL of that path in each version.
"""

from nova_lite.api.openstack.compute.views import versions as views_versions
from nova_lite.api.openstack import wsgi

_DOCS = [{'rel': 'describedby', 'type': 'text/html',
          'href': 'http://docs.openstack.org/'}]

VERSIONS = {
    'v2.0': {
        'id': 'v2.0',
        'status': 'DEPRECATED',
        'version': '',
        'min_version': '',
        'updated': '2025-07-04T12:00:00Z',
        'links': _DOCS,
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2',
        }],
    },
    'v2.1': {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': wsgi.MAX_API_VERSION,
        'min_version': wsgi.MIN_API_VERSION,
        'updated': '2013-07-23T11:33:21Z',
        'links': _DOCS,
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2.1',
        }],
    },
}


class VersionsController(object):
    """Handlers of the version documents."""

    def index(self, req):
        """GET /: every version."""
        return views_versions.ViewBuilder(req).build_versions(VERSIONS)

    @wsgi.response(300)
    def multi(self, req):
        """Any other path of the root app: where it exists per version."""
        return views_versions.ViewBuilder(req).build_choices(VERSIONS, req)

    def show(self, req):
        """GET /v2.1 or /v2: the version document of the endpoint."""
        version = 'v2.0' if req.is_legacy_v2() else 'v2.1'
        return views_versions.ViewBuilder(req).build_version(
            VERSIONS[version])


class Versions(object):
    """The app of ``/``: the version list at '/', choices elsewhere. The
    root is outside microversions: version headers are ignored and none
    are answered."""

    def __init__(self):
        controller = VersionsController()
        self._index = wsgi.Resource(controller.index, versioned=False)
        self._multi = wsgi.Resource(controller.multi, versioned=False)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls()

    def __call__(self, environ, start_response):
        app = self._index if environ.get('PATH_INFO', '/') in ('', '/') \
            else self._multi
        return app(environ, start_response)


class VersionsV2(object):
    """The app of ``/v2.1``, ``/v2.1/``, ``/v2`` and ``/v2/``: the version
    document of the endpoint."""

    def __init__(self):
        self._show = wsgi.Resource(VersionsController().show)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls()

    def __call__(self, environ, start_response):
        return self._show(environ, start_response)
