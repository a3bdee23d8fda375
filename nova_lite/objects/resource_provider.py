"""Placement calls as remotable classmethods: the compute service, which
has no database, reaches them through the conductor as it would reach
Placement's REST API."""

from oslo_versionedobjects import fields

from nova_lite.db import placement_api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class ResourceProvider(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'generation': fields.IntegerField(),
    }

    @classmethod
    @base.remotable
    def set_inventory(cls, context, uuid, name, inventories):
        """Create provider ``uuid`` if new and replace its inventories
        ({resource class: {total, reserved, min_unit, max_unit,
        step_size, allocation_ratio}}); returns the new generation."""
        return db.set_inventory(context, uuid, name, {
            rc: db.Inventory(**values) for rc, values in inventories.items()})

    @classmethod
    @base.remotable
    def get_by_name(cls, context, name):
        """The provider named ``name`` (a compute node's hypervisor
        hostname); ResourceProviderNotFound if there is none."""
        row = db.get_provider_by_name(context, name)
        return cls(context, uuid=row.uuid, name=row.name,
                   generation=row.generation)

    @classmethod
    @base.remotable
    def delete(cls, context, uuid):
        """Remove provider ``uuid`` and everything allocated on it."""
        return db.delete_provider(context, uuid)


@base.NovaObjectRegistry.register
class AllocationList(base.NovaObject):
    """A consumer's allocations: {provider uuid: {resource class: n}}."""
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {}

    @classmethod
    @base.remotable
    def replace_for_consumer(cls, context, consumer_id, allocations):
        """Returns [the change sequence written, [changed provider ids]]
        (see placement_api.replace_allocations)."""
        seq, changed = db.replace_allocations(context, consumer_id,
                                              allocations)
        return [seq, changed]

    @classmethod
    @base.remotable
    def delete_for_consumer(cls, context, consumer_id):
        return db.delete_allocations(context, consumer_id)
