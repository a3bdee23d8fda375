"""Service: one running nova-lite-* process on a host, with its heartbeat."""

import datetime

from oslo_utils import timeutils
from oslo_versionedobjects import fields

from nova_lite.db import api as db
from nova_lite.objects import base

COMPUTE_BINARY = 'nova-lite-compute'

# Bumped when a service gains an RPC or object capability others check for.
SERVICE_VERSION = 1


@base.NovaObjectRegistry.register
class Service(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(),
        'binary': fields.StringField(),
        'topic': fields.StringField(nullable=True),
        'report_count': fields.IntegerField(default=0),
        'disabled': fields.BooleanField(default=False),
        'disabled_reason': fields.StringField(nullable=True),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'forced_down': fields.BooleanField(default=False),
        'version': fields.IntegerField(default=SERVICE_VERSION),
    }

    @staticmethod
    def _from_db_object(context, service, db_service):
        base.from_db(service, db_service)
        service._context = context
        return service

    @classmethod
    @base.remotable
    def get_by_host_and_binary(cls, context, host, binary):
        db_service = db.service_get_by_host_and_binary(context, host, binary)
        if db_service is None:
            return None
        return cls._from_db_object(context, cls(), db_service)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, service_id):
        return cls._from_db_object(context, cls(),
                                   db.service_get(context, service_id))

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, service_uuid):
        return cls._from_db_object(context, cls(),
                                   db.service_get_by_uuid(context,
                                                          service_uuid))

    @base.remotable
    def create(self):
        values = base.db_values(self.obj_get_changes())
        db_service = db.service_create(self._context, values)
        self._from_db_object(self._context, self, db_service)

    @base.remotable
    def save(self):
        values = base.db_values(self.obj_get_changes())
        values.pop('id', None)
        if values:
            db_service = db.service_update(self._context, self.id, values)
            self._from_db_object(self._context, self, db_service)

    @base.remotable
    def heartbeat(self):
        """Record that this service is alive (Nova's servicegroup db
        driver)."""
        db_service = db.service_update(
            self._context, self.id,
            {'report_count': self.report_count + 1,
             'last_seen_up': timeutils.utcnow()})
        self._from_db_object(self._context, self, db_service)

    @base.remotable
    def destroy(self):
        db.service_destroy(self._context, self.id)

    def is_up(self, service_down_time):
        """Whether the last heartbeat is recent enough."""
        return heartbeat_is_recent(
            self.forced_down,
            self.last_seen_up or self.updated_at or self.created_at,
            service_down_time)


def heartbeat_is_recent(forced_down, last, service_down_time):
    """Whether a service whose last sign of life was at ``last`` (naive
    times are UTC) is up: not forced down, and seen within
    ``service_down_time`` seconds."""
    if forced_down or last is None:
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=datetime.timezone.utc)
    elapsed = (timeutils.utcnow(with_timezone=True) - last).total_seconds()
    return abs(elapsed) <= service_down_time


@base.NovaObjectRegistry.register
class ServiceList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Service')}

    @classmethod
    @base.remotable
    def get_all(cls, context, binary=None):
        return base.obj_make_list(context, cls(context), Service,
                                  db.service_get_all(context, binary))
