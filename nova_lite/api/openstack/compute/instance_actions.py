"""The os-instance-actions API: what was done to a server, by whom, and
(for admins, and from 2.51 for everyone, without tracebacks) the events
each action went through on the hosts.

From 2.21 a deleted server's actions can still be read; from 2.58 the
list is paged (marker: a request id), filtered with changes-since (and
changes-before from 2.66) and shows updated_at; from 2.62 events carry
the hostId, and for admins the host; from 2.84 they carry the message of
a failure (``details``) for those the events:details rule lets see it.
"""

from oslo_utils import timeutils
import webob.exc

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import instance_actions \
    as schema
from nova_lite.api.openstack.compute.views import servers as servers_view
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception
from nova_lite import objects
from nova_lite.policies import instance_actions as ia_policies

DELETED_MICROVERSION = '2.21'
EVENTS_FOR_ALL_MICROVERSION = '2.51'
PAGING_MICROVERSION = '2.58'
HOST_MICROVERSION = '2.62'
CHANGES_BEFORE_MICROVERSION = '2.66'
DETAILS_MICROVERSION = '2.84'

ACTION_KEYS = ('action', 'instance_uuid', 'request_id', 'user_id',
               'project_id', 'start_time', 'message')
EVENT_KEYS = ('event', 'start_time', 'finish_time', 'result')
_TIMES = ('start_time', 'finish_time', 'updated_at')


def _value(row, key):
    value = row.get(key)
    return common.naive_time(value) if key in _TIMES else value


class _LinksBuilder(common.ViewBuilder):
    _id_key = 'request_id'


class InstanceActionsController(object):

    def __init__(self, conf):
        self.conf = conf
        self._links = _LinksBuilder(conf)

    def _instance(self, req, server_id, action):
        """The server, deleted ones too from 2.21; 404 if the caller's
        project does not own it, 403 if the policy refuses ``action``."""
        caller = req.environ['nova.context']
        reader = caller
        if wsgi.is_supported(req, DELETED_MICROVERSION):
            reader = caller.elevated(read_deleted='yes')
        try:
            instance = objects.Instance.get_by_uuid(reader, server_id)
        except exception.InstanceNotFound:
            instance = None
        if instance is None or (not caller.is_admin and
                                instance.project_id != caller.project_id):
            raise webob.exc.HTTPNotFound(
                explanation='Instance %s could not be found.' % server_id)
        caller.can(ia_policies.POLICY_ROOT % action,
                   {'project_id': instance.project_id})
        return instance

    @staticmethod
    def _action(req, row):
        keys = ACTION_KEYS
        if wsgi.is_supported(req, PAGING_MICROVERSION):
            keys += ('updated_at',)
        return {key: _value(row, key) for key in keys}

    @validation.query_validated(schema.index_query, '2.1', '2.57')
    @validation.query_validated(schema.index_query_v258,
                                PAGING_MICROVERSION, '2.65')
    @validation.query_validated(schema.index_query_v266,
                                CHANGES_BEFORE_MICROVERSION)
    def index(self, req, server_id):
        """The server's actions, newest first."""
        instance = self._instance(req, server_id, 'list')
        context = req.environ['nova.context']
        filters = {}
        paged = wsgi.is_supported(req, PAGING_MICROVERSION)
        if paged:
            for name in ('changes-since', 'changes-before'):
                if name in req.GET:
                    filters[name.replace('-', '_')] = timeutils.normalize_time(
                        timeutils.parse_isotime(req.GET[name]))
            since = filters.get('changes_since')
            before = filters.get('changes_before')
            if since and before and before < since:
                raise webob.exc.HTTPBadRequest(
                    explanation='The value of changes-since must be less '
                                'than or equal to changes-before.')
            filters['limit'], filters['marker'] = common.get_limit_and_marker(
                req, self.conf.api.max_limit)
        try:
            rows = objects.InstanceAction.get_all(context, instance.uuid,
                                                  **filters)
        except exception.MarkerNotFound as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        actions = [self._action(req, row) for row in rows]
        body = {'instanceActions': actions}
        if paged:
            links = self._links._get_collection_links(
                req, actions, 'servers/%s/os-instance-actions' % server_id,
                self.conf.api.max_limit, id_key='request_id')
            if links:
                body['links'] = links
        return body

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, server_id, id):
        """One action (by request id), with its events when the caller
        may see them."""
        instance = self._instance(req, server_id, 'show')
        context = req.environ['nova.context']
        row = objects.InstanceAction.get_by_request_id(context, instance.uuid,
                                                       id)
        if row is None:
            raise webob.exc.HTTPNotFound(explanation='Action %s not found'
                                         % id)
        action = self._action(req, row)
        admin = context.can(ia_policies.POLICY_ROOT % 'events',
                            {'project_id': instance.project_id}, fatal=False)
        if admin or wsgi.is_supported(req, EVENTS_FOR_ALL_MICROVERSION):
            with_host = wsgi.is_supported(req, HOST_MICROVERSION)
            with_details = wsgi.is_supported(
                req, DETAILS_MICROVERSION) and context.can(
                    ia_policies.POLICY_ROOT % 'events:details',
                    {'project_id': instance.project_id}, fatal=False)
            action['events'] = [
                self._event(event, row['project_id'] or instance.project_id,
                            admin, with_host, with_details)
                for event in objects.InstanceAction.get_events(context,
                                                               row['id'])]
        return {'instanceAction': action}

    @staticmethod
    def _event(row, project_id, admin, with_host, with_details):
        event = {key: _value(row, key) for key in EVENT_KEYS}
        if admin:
            event['traceback'] = row.get('traceback')
        if with_host:
            if admin:
                event['host'] = row.get('host')
            event['hostId'] = servers_view.generate_host_id(row.get('host'),
                                                            project_id)
        if with_details:
            event['details'] = row.get('details')
        return event
