"""InstanceFault: why an instance went to ERROR, as the API shows it."""

import traceback

from oslo_versionedobjects import fields

from nova_lite.db import instance_records_api as db
from nova_lite import exception
from nova_lite.objects import base
from nova_lite import utils


@base.NovaObjectRegistry.register
class InstanceFault(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'code': fields.IntegerField(),
        'message': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, fault, db_fault):
        base.from_db(fault, db_fault)
        fault._context = context
        return fault

    @classmethod
    @base.remotable
    def get_latest_for_instance(cls, context, instance_uuid):
        row = db.instance_fault_get_latest(context, [instance_uuid]).get(
            instance_uuid)
        return cls._from_db_object(context, cls(), row) if row else None

    @base.remotable
    def create(self):
        values = base.db_values(self.obj_get_changes())
        self._from_db_object(self._context, self,
                             db.instance_fault_create(self._context, values))


def fault_from_exc(context, instance, exc, host, exc_tb=None):
    """Record ``exc`` as the instance's fault, as Nova's
    compute.utils.add_instance_fault_from_exc: NovaException's code and
    message, else 500 and the exception class name."""
    code = getattr(exc, 'code', 500) if isinstance(
        exc, exception.NovaException) else 500
    details = ''
    if code == 500:
        details = ''.join(traceback.format_exception(
            type(exc), exc, exc_tb or exc.__traceback__))
    fault = InstanceFault(
        context, instance_uuid=instance.uuid, code=code,
        message=utils.safe_truncate(str(utils.exception_message(exc)), 255),
        details=details, host=host)
    fault.create()
    return fault
