"""InstanceInfoCache: the instance's network_info, as the API shows it in
``addresses`` and the compute host plugs it."""

from oslo_versionedobjects import fields

from nova_lite.db import network_api as db
from nova_lite.network import model as network_model
from nova_lite.objects import base


class NetworkModel(fields.FieldType):
    """A network_info value; JSON on the wire, as in the database."""

    @staticmethod
    def coerce(obj, attr, value):
        if isinstance(value, network_model.NetworkInfo):
            return value
        if isinstance(value, (str, list)):
            return network_model.NetworkInfo.from_json(value)
        raise ValueError('A NetworkInfo is required in field %s, not a %s'
                         % (attr, type(value).__name__))

    @staticmethod
    def to_primitive(obj, attr, value):
        return value.to_json()

    @staticmethod
    def from_primitive(obj, attr, value):
        return network_model.NetworkInfo.from_json(value)

    @staticmethod
    def stringify(value):
        return 'NetworkModel(%s)' % ','.join(vif.id for vif in value)


class NetworkModelField(fields.AutoTypedField):
    AUTO_TYPE = NetworkModel()


@base.NovaObjectRegistry.register
class InstanceInfoCache(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'instance_uuid': fields.UUIDField(),
        'network_info': NetworkModelField(default=network_model.NetworkInfo()),
    }

    @classmethod
    def _from_db_object(cls, context, cache, row):
        cache.instance_uuid = row['instance_uuid']
        cache.network_info = network_model.NetworkInfo.from_json(
            row['network_info'])
        cache._context = context
        cache.obj_reset_changes()
        return cache

    @classmethod
    def empty(cls, context, instance_uuid):
        return cls(context, instance_uuid=instance_uuid,
                   network_info=network_model.NetworkInfo())

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        row = db.instance_info_cache_get(context, instance_uuid)
        if row is None:
            return cls.empty(context, instance_uuid)
        return cls._from_db_object(context, cls(), row)

    @base.remotable
    def save(self):
        row = db.instance_info_cache_update(
            self._context, self.instance_uuid, self.network_info.to_json())
        self._from_db_object(self._context, self, row)
