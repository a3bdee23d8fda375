"""Base classes of nova-lite's versioned objects (oslo.versionedobjects)."""

import datetime

from oslo_utils import timeutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields

remotable = ovo_base.remotable


class NovaObjectRegistry(ovo_base.VersionedObjectRegistry):
    def registration_hook(self, cls, index):
        # Make the newest version of every object reachable as
        # nova_lite.objects.<Name>, as Nova does.
        from nova_lite import objects
        version = tuple(int(x) for x in cls.VERSION.split('.'))
        current = getattr(objects, cls.obj_name(), None)
        if current is None or version >= tuple(
                int(x) for x in current.VERSION.split('.')):
            setattr(objects, cls.obj_name(), cls)


class NovaObject(ovo_base.VersionedObject):
    """Base of every object; RPC namespace ``nova_lite``."""

    OBJ_SERIAL_NAMESPACE = 'nova_object'
    OBJ_PROJECT_NAMESPACE = 'nova_lite'

    def obj_get(self, name, default=None):
        """``self.<name>``, or ``default`` when that field is unset or
        not one of this object's (reading an unset field raises)."""
        if name in self.fields and self.obj_attr_is_set(name):
            return getattr(self, name)
        return default


class NovaPersistentObject(object):
    """Fields every database-backed object has."""

    fields = {
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }


class ObjectListBase(ovo_base.ObjectListBase):
    pass


class NovaObjectSerializer(ovo_base.VersionedObjectSerializer):
    """Serializes objects on RPC; an object newer than the receiver knows
    is backported through the receiver's indirection API (the conductor)."""

    OBJ_BASE_CLASS = NovaObject


def db_values(changes):
    """Object changes as column values: naive UTC datetimes, bool deleted."""
    values = {}
    for key, value in changes.items():
        if isinstance(value, datetime.datetime) and value.tzinfo:
            value = timeutils.normalize_time(value)
        values[key] = value
    return values


def from_db(obj, db_row, skip=()):
    """Fill ``obj``'s fields from a DB row (dict or model); reset changes."""
    for name in obj.fields:
        if name in skip or name not in db_row:
            continue
        value = db_row[name]
        if name == 'deleted':
            value = bool(value)
        setattr(obj, name, value)
    obj.obj_reset_changes()
    return obj


def obj_make_list(context, list_obj, item_cls, db_rows, **extra):
    list_obj.objects = [item_cls._from_db_object(context, item_cls(), row,
                                                 **extra)
                        for row in db_rows]
    list_obj._context = context
    list_obj.obj_reset_changes()
    return list_obj
