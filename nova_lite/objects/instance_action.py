"""InstanceAction and its events: the history ``os-instance-actions`` shows."""

import traceback

from oslo_log import log as logging
from oslo_utils import timeutils
from oslo_utils import versionutils
from oslo_versionedobjects import fields

from nova_lite.db import instance_records_api as db
from nova_lite.objects import base
from nova_lite import utils

LOG = logging.getLogger(__name__)


@base.NovaObjectRegistry.register
class InstanceAction(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'action': fields.StringField(),
        'instance_uuid': fields.UUIDField(),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
    }

    @classmethod
    @base.remotable
    def action_start(cls, context, instance_uuid, action):
        row = db.action_start(context, {
            'action': action, 'instance_uuid': instance_uuid,
            'request_id': context.request_id, 'user_id': context.user_id,
            'project_id': context.project_id,
            'start_time': timeutils.utcnow()})
        return base.from_db(cls(context), row)

    # What os-instance-actions reads, in the API (which has the database),
    # as dicts.

    @staticmethod
    def get_all(context, instance_uuid, **filters):
        """Newest first; ``filters``: limit, marker, changes_since,
        changes_before (db.actions_get)."""
        return db.actions_get(context, instance_uuid, **filters)

    @staticmethod
    def get_by_request_id(context, instance_uuid, request_id):
        return db.action_get_by_request_id(context, instance_uuid,
                                           request_id)

    @staticmethod
    def get_events(context, action_id):
        return db.action_events_get(context, action_id)


@base.NovaObjectRegistry.register
class InstanceActionEvent(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: details
    # Version 1.2: event_start and event_finish replace event_record
    VERSION = '1.2'

    fields = {
        'id': fields.IntegerField(),
        'event': fields.StringField(),
        'action_id': fields.IntegerField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'result': fields.StringField(nullable=True),
        'traceback': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        target_version = versionutils.convert_version_to_tuple(
            target_version)
        if target_version < (1, 1):
            primitive.pop('details', None)

    @classmethod
    @base.remotable
    def event_start(cls, context, instance_uuid, event, host):
        """Record the start of the event ``event`` of the action of the
        context's request (Nova's event_start); None if it has none."""
        row = db.action_event_start(
            context, instance_uuid, context.request_id,
            {'event': event, 'host': host,
             'start_time': timeutils.utcnow()})
        return base.from_db(cls(context), row) if row else None

    @classmethod
    @base.remotable
    def event_finish(cls, context, instance_uuid, event, start_time, host,
                     exc_val=None, exc_tb=None):
        """Record the end of the event ``event`` (Nova's event_finish and
        event_finish_with_failure). ``exc_tb`` (a traceback text) makes
        it an Error whose ``details`` are ``exc_val``, the message of the
        failure that a user may read (see utils.exception_message).
        ``start_time``: kept if the start could not be recorded."""
        if isinstance(start_time, str):
            # Plain arguments cross RPC as JSON: datetimes become strings.
            start_time = timeutils.parse_isotime(start_time)
        values = {'event': event, 'host': host,
                  'start_time': timeutils.normalize_time(start_time),
                  'finish_time': timeutils.utcnow(),
                  'result': 'Success' if exc_tb is None else 'Error',
                  'traceback': exc_tb}
        if exc_tb is not None and exc_val:
            values['details'] = utils.safe_truncate(exc_val, 255)
        row = db.action_event_finish(context, instance_uuid,
                                     context.request_id, values)
        return base.from_db(cls(context), row) if row else None


class EventReporter(object):
    """Context manager recording one step as an action event: started on
    entry, so a user sees it under way, finished with its result on exit
    (Nova's EventReporter)."""

    def __init__(self, context, event, host, instance_uuid):
        self.context = context
        self.event = event
        self.host = host
        self.instance_uuid = instance_uuid

    def __enter__(self):
        self.start_time = timeutils.utcnow()
        self._record(InstanceActionEvent.event_start, self.context,
                     self.instance_uuid, self.event, self.host)
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        tb = (''.join(traceback.format_exception(exc_type, exc_val, exc_tb))
              if exc_val else None)
        self._record(
            InstanceActionEvent.event_finish, self.context,
            self.instance_uuid, self.event, self.start_time, self.host,
            exc_val=utils.exception_message(exc_val) if exc_val else None,
            exc_tb=tb)
        return False

    def _record(self, method, *args, **kwargs):
        try:
            method(*args, **kwargs)
        except Exception:
            # The history is for the user to read; failing to write it must
            # not fail (and orphan) the work it describes.
            LOG.warning('Could not record event %s', self.event,
                        exc_info=True, instance_uuid=self.instance_uuid)
