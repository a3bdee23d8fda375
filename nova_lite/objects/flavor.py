"""Flavor: the size of an instance."""

from oslo_versionedobjects import fields

from nova_lite.db import flavor_api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Flavor(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'flavorid': fields.StringField(),
        'name': fields.StringField(),
        'memory_mb': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(nullable=True, default=1.0),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(default=False),
        'is_public': fields.BooleanField(default=True),
        'description': fields.StringField(nullable=True),
        'extra_specs': fields.DictOfStringsField(default={}),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, flavor, db_flavor, extra_specs=None):
        base.from_db(flavor, db_flavor, skip=('extra_specs',))
        flavor.extra_specs = extra_specs or {}
        flavor._context = context
        flavor.obj_reset_changes()
        return flavor

    @classmethod
    @base.remotable
    def get_by_flavor_id(cls, context, flavorid):
        db_flavor = db.flavor_get_by_flavor_id(context, flavorid)
        specs = db.flavor_extra_specs_get(context, db_flavor.id)
        return cls._from_db_object(context, cls(), db_flavor, specs)

    @base.remotable
    def create(self):
        values = base.db_values(self.obj_get_changes())
        extra_specs = values.pop('extra_specs', {})
        db_flavor = db.flavor_create(self._context, values, extra_specs)
        self._from_db_object(self._context, self, db_flavor, extra_specs)

    @base.remotable
    def save(self):
        """Write the description and the extra specs set (an extra spec
        is removed with delete_extra_spec)."""
        changes = base.db_values(self.obj_get_changes())
        specs = changes.pop('extra_specs', None)
        if changes:
            db.flavor_update(self._context, self.flavorid, changes)
        if specs:
            db.flavor_extra_specs_update(self._context, self.flavorid, specs)
        self.obj_reset_changes()

    @base.remotable
    def delete_extra_spec(self, key):
        db.flavor_extra_specs_delete(self._context, self.flavorid, key)
        self.extra_specs = {k: v for k, v in self.extra_specs.items()
                            if k != key}
        self.obj_reset_changes(['extra_specs'])

    @base.remotable
    def get_access(self):
        """The projects a private flavor is shared with."""
        return db.flavor_access_get(self._context, self.flavorid)

    @base.remotable
    def add_access(self, project_id):
        db.flavor_access_add(self._context, self.flavorid, project_id)

    @base.remotable
    def remove_access(self, project_id):
        db.flavor_access_remove(self._context, self.flavorid, project_id)

    def is_visible_to(self, context):
        """Public, or the caller is an admin or its project was given
        access."""
        return (self.is_public or context.is_admin or
                context.project_id in self.get_access())

    @base.remotable
    def destroy(self):
        db.flavor_destroy(self._context, self.flavorid)


@base.NovaObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @classmethod
    @base.remotable
    def get_all(cls, context, is_public=True, min_memory_mb=None,
                min_root_gb=None, project_id=None, name=None):
        rows = db.flavor_get_all(context, is_public=is_public,
                                 min_memory_mb=min_memory_mb,
                                 min_root_gb=min_root_gb,
                                 project_id=project_id, name=name)
        flavors = cls(context)
        flavors.objects = [
            Flavor._from_db_object(context, Flavor(), row,
                                   db.flavor_extra_specs_get(context, row.id))
            for row in rows]
        flavors.obj_reset_changes()
        return flavors
