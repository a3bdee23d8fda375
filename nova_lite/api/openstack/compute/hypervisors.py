"""The os-hypervisors API (admins only): the compute nodes, with what the
resource tracker of their host reports.

From 2.28 cpu_info is an object; from 2.33 the lists are paged; from 2.53
ids are uuids, the search and servers routes give way to the
``hypervisor_hostname_pattern`` and ``with_servers`` query parameters,
and unknown query parameters are refused. From 2.88 the detailed views
drop the resource figures (placement has them) and cpu_info but show the
host's ``uptime``; the statistics and uptime routes are gone (404). A
node whose compute service was deleted is not shown. ``uptime`` asks the
host's compute service.
"""

from oslo_serialization import jsonutils
from oslo_utils import strutils
from oslo_utils import uuidutils
import oslo_messaging as messaging
import webob.exc

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import hypervisors as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.compute import rpcapi as compute_rpcapi
from nova_lite import context as nova_context
from nova_lite import objects
from nova_lite.objects import service as service_obj
from nova_lite.policies import hypervisors as hypervisor_policies

CPU_INFO_MICROVERSION = '2.28'
PAGING_MICROVERSION = '2.33'
UUID_MICROVERSION = '2.53'
EMPTY_SERVERS_MICROVERSION = '2.75'
NO_STATISTICS_MICROVERSION = '2.88'

_DETAIL_FIELDS = (
    'vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used',
    'local_gb_used', 'free_ram_mb', 'free_disk_gb', 'current_workload',
    'running_vms', 'disk_available_least')


def _not_found(id):
    return webob.exc.HTTPNotFound(
        explanation="Hypervisor with ID '%s' could not be found." % id)


class _LinksBuilder(common.ViewBuilder):
    _collection_name = 'os-hypervisors'
    _id_key = 'id'


class HypervisorsController(object):

    def __init__(self, conf):
        self.conf = conf
        self._links = _LinksBuilder(conf)
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    # reading nodes and their services

    @staticmethod
    def _services(context):
        """{host: its compute service}."""
        return {s.host: s for s in objects.ServiceList.get_all(
            context, service_obj.COMPUTE_BINARY)}

    @staticmethod
    def _matching(context, pattern):
        """The nodes whose hypervisor_hostname contains ``pattern``;
        404 if none does."""
        nodes = [n for n in objects.ComputeNodeList.get_all(context)
                 if pattern in n.hypervisor_hostname]
        if not nodes:
            raise webob.exc.HTTPNotFound(
                explanation="No hypervisor matching '%s' could be found."
                            % pattern)
        return nodes

    @staticmethod
    def _servers(host):
        admin = nova_context.get_admin_context()
        return objects.InstanceList.get_by_filters(admin, {'host': [host]})

    def _get(self, req, id):
        """The node of the URL's id and its service; 400 for an id of the
        wrong kind from 2.53, 404 otherwise."""
        context = req.environ['nova.context']
        if wsgi.is_supported(req, UUID_MICROVERSION):
            if not uuidutils.is_uuid_like(id):
                raise webob.exc.HTTPBadRequest(
                    explanation='Invalid uuid %s' % id)
            key = 'uuid'
        else:
            try:
                id = int(id)
            except ValueError:
                raise _not_found(id)
            key = 'id'
        for node in objects.ComputeNodeList.get_all(context):
            if getattr(node, key) == id:
                service = self._services(context).get(node.host)
                if service is None:
                    break
                return node, service
        raise _not_found(id)

    # views

    def _view(self, req, node, service, detail, servers=None):
        uuid_ids = wsgi.is_supported(req, UUID_MICROVERSION)
        body = {
            'id': node.uuid if uuid_ids else node.id,
            'hypervisor_hostname': node.hypervisor_hostname,
            'state': ('up' if service.is_up(self.conf.service_down_time)
                      else 'down'),
            'status': 'disabled' if service.disabled else 'enabled',
        }
        if detail:
            body.update({
                'hypervisor_type': node.hypervisor_type,
                'hypervisor_version': node.hypervisor_version,
                'host_ip': node.host_ip,
                'service': {
                    'id': service.uuid if uuid_ids else service.id,
                    'host': node.host,
                    'disabled_reason': service.disabled_reason,
                },
            })
            if wsgi.is_supported(req, NO_STATISTICS_MICROVERSION):
                body['uptime'] = self._host_uptime(req, node, service)
            else:
                body.update(self._statistics_view(req, node))
        if servers:
            body['servers'] = [{'name': s.display_name, 'uuid': s.uuid}
                               for s in servers]
        elif servers is not None and wsgi.is_supported(
                req, EMPTY_SERVERS_MICROVERSION):
            body['servers'] = []
        return body

    @staticmethod
    def _statistics_view(req, node):
        """The resource figures and cpu_info of detailed views before
        2.88."""
        body = {field: getattr(node, field) for field in _DETAIL_FIELDS}
        if wsgi.is_supported(req, CPU_INFO_MICROVERSION):
            body['cpu_info'] = jsonutils.loads(node.cpu_info or '{}')
        else:
            body['cpu_info'] = node.cpu_info
        return body

    def _host_uptime(self, req, node, service):
        """The uptime of detailed views from 2.88: what ``uptime`` prints
        on the node's host, None when its compute service cannot be asked
        (down or not answering), as Nova shows it."""
        if not service.is_up(self.conf.service_down_time):
            return None
        try:
            return self.compute_rpcapi.get_host_uptime(
                req.environ['nova.context'], node.host)
        except (messaging.MessagingTimeout, NotImplementedError):
            return None

    # the lists

    def _list(self, req, detail):
        context = req.environ['nova.context']
        context.can(hypervisor_policies.POLICY_ROOT %
                    ('list-detail' if detail else 'list'))
        pattern = with_servers = None
        if wsgi.is_supported(req, UUID_MICROVERSION):
            pattern = req.GET.get('hypervisor_hostname_pattern')
            with_servers = strutils.bool_from_string(
                req.GET.get('with_servers', False), strict=True)
        paged = wsgi.is_supported(req, PAGING_MICROVERSION)
        if pattern is not None:
            if 'limit' in req.GET or 'marker' in req.GET:
                raise webob.exc.HTTPBadRequest(
                    explanation='Paging over hypervisors with the '
                                'hypervisor_hostname_pattern query parameter '
                                'is not supported.')
            nodes, paged = self._matching(context, pattern), False
        else:
            nodes = objects.ComputeNodeList.get_all(context)
            if paged:
                nodes = self._page(req, nodes)
        services = self._services(context)
        hypervisors = [
            self._view(req, node, services[node.host], detail,
                       self._servers(node.host) if with_servers else None)
            for node in nodes if node.host in services]
        body = {'hypervisors': hypervisors}
        if paged:
            links = self._links._get_collection_links(
                req, hypervisors, 'os-hypervisors/detail' if detail
                else 'os-hypervisors', self.conf.api.max_limit, id_key='id')
            if links:
                body['hypervisors_links'] = links
        return body

    def _page(self, req, nodes):
        limit, marker = common.get_limit_and_marker(req,
                                                    self.conf.api.max_limit)
        if marker is not None:
            key = ('uuid' if wsgi.is_supported(req, UUID_MICROVERSION)
                   else 'id')
            ids = [str(getattr(node, key)) for node in nodes]
            if marker not in ids:
                raise webob.exc.HTTPBadRequest(
                    explanation='marker [%s] not found' % marker)
            nodes = nodes[ids.index(marker) + 1:]
        return nodes[:limit]

    @validation.query_validated(schema.index_query, '2.1', '2.32')
    @validation.query_validated(schema.index_query_v233, '2.33', '2.52')
    @validation.query_validated(schema.index_query_v253, UUID_MICROVERSION)
    def index(self, req):
        return self._list(req, detail=False)

    @validation.query_validated(schema.index_query, '2.1', '2.32')
    @validation.query_validated(schema.index_query_v233, '2.33', '2.52')
    @validation.query_validated(schema.index_query_v253, UUID_MICROVERSION)
    def detail(self, req):
        return self._list(req, detail=True)

    # one hypervisor

    @validation.query_validated(schema.show_query, '2.1', '2.52')
    @validation.query_validated(schema.show_query_v253, UUID_MICROVERSION)
    def show(self, req, id):
        context = req.environ['nova.context']
        context.can(hypervisor_policies.POLICY_ROOT % 'show')
        with_servers = wsgi.is_supported(req, UUID_MICROVERSION) and \
            strutils.bool_from_string(req.GET.get('with_servers', False),
                                      strict=True)
        node, service = self._get(req, id)
        servers = self._servers(node.host) if with_servers else None
        return {'hypervisor': self._view(req, node, service, True,
                                         servers)}

    @wsgi.api_version('2.1', '2.87')
    def uptime(self, req, id):
        """What ``uptime`` prints on the node's host; 400 while its
        compute service is down. From 2.88 the detailed views show it."""
        context = req.environ['nova.context']
        context.can(hypervisor_policies.POLICY_ROOT % 'uptime')
        node, service = self._get(req, id)
        unavailable = webob.exc.HTTPBadRequest(
            explanation='Compute service of %s is unavailable at this '
                        'time.' % node.host)
        if not service.is_up(self.conf.service_down_time):
            raise unavailable
        try:
            uptime = self.compute_rpcapi.get_host_uptime(context, node.host)
        except messaging.MessagingTimeout:
            raise unavailable
        body = self._view(req, node, service, False)
        body['uptime'] = uptime
        return {'hypervisor': body}

    @wsgi.api_version('2.1', '2.52')
    def search(self, req, id):
        context = req.environ['nova.context']
        context.can(hypervisor_policies.POLICY_ROOT % 'search')
        services = self._services(context)
        return {'hypervisors': [
            self._view(req, node, services[node.host], False)
            for node in self._matching(context, id)
            if node.host in services]}

    @wsgi.api_version('2.1', '2.52')
    def servers(self, req, id):
        context = req.environ['nova.context']
        context.can(hypervisor_policies.POLICY_ROOT % 'servers')
        services = self._services(context)
        return {'hypervisors': [
            self._view(req, node, services[node.host], False,
                       self._servers(node.host))
            for node in self._matching(context, id)
            if node.host in services]}

    @wsgi.api_version('2.1', '2.87')
    def statistics(self, req):
        """Sums over the nodes of enabled compute services."""
        context = req.environ['nova.context']
        context.can(hypervisor_policies.POLICY_ROOT % 'statistics')
        services = self._services(context)
        nodes = [n for n in objects.ComputeNodeList.get_all(context)
                 if n.host in services and not services[n.host].disabled]
        stats = {'count': len(nodes)}
        for field in _DETAIL_FIELDS:
            stats[field] = sum(getattr(node, field) or 0 for node in nodes)
        return {'hypervisor_statistics': stats}
