"""Aggregate: a named set of hosts with metadata (availability_zone and
what filters match flavors against)."""

from oslo_versionedobjects import fields

from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Aggregate(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'hosts': fields.ListOfStringsField(nullable=True, default=[]),
        'metadata': fields.DictOfStringsField(nullable=True, default={}),
    }

    @property
    def availability_zone(self):
        return (self.metadata or {}).get('availability_zone')
