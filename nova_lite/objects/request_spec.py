"""RequestSpec: what the scheduler needs to place an instance."""

from oslo_serialization import jsonutils
from oslo_utils import versionutils
from oslo_versionedobjects import fields

from nova_lite.db import instance_records_api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Destination(base.NovaObject):
    """Where the instance must land: a host, a node or both (a 2.74
    create's host and hypervisor_hostname)."""
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'host': fields.StringField(nullable=True, default=None),
        'node': fields.StringField(nullable=True, default=None),
    }


@base.NovaObjectRegistry.register
class RequestSpec(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: instance_group, scheduler_hints
    # Version 1.2: requested_destination
    VERSION = '1.2'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('Flavor'),
        'image': fields.ObjectField('ImageMeta', nullable=True),
        'num_instances': fields.IntegerField(default=1),
        'availability_zone': fields.StringField(nullable=True),
        'ignore_hosts': fields.ListOfStringsField(nullable=True),
        'force_hosts': fields.ListOfStringsField(nullable=True),
        # Hosts already tried by this build, for rescheduling.
        'retry_hosts': fields.ListOfStringsField(default=[]),
        # The server group the instances join (os:scheduler_hints group),
        # its hosts filled in by the conductor before scheduling.
        'instance_group': fields.ObjectField('InstanceGroup', nullable=True,
                                             default=None),
        # The create's os:scheduler_hints, every value a list of strings.
        'scheduler_hints': fields.DictOfListOfStringsField(nullable=True,
                                                           default={}),
        # The only host (and node) the scheduler may choose; None for any.
        'requested_destination': fields.ObjectField(
            'Destination', nullable=True, default=None),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        target_version = versionutils.convert_version_to_tuple(
            target_version)
        if target_version < (1, 2):
            primitive.pop('requested_destination', None)

    def get_scheduler_hint(self, hint_name, default=None):
        """A hint's value: the one string of a one-item list, else the
        list, else ``default`` (Nova's RequestSpec.get_scheduler_hint)."""
        if (not self.obj_attr_is_set('scheduler_hints') or
                not self.scheduler_hints):
            return default
        hint_val = self.scheduler_hints.get(hint_name, default)
        return (hint_val[0] if isinstance(hint_val, list) and
                len(hint_val) == 1 else hint_val)

    @staticmethod
    def _from_db_object(context, spec, db_spec):
        primitive = jsonutils.loads(db_spec['spec'])
        loaded = RequestSpec.obj_from_primitive(primitive)
        for name in spec.fields:
            if loaded.obj_attr_is_set(name):
                setattr(spec, name, getattr(loaded, name))
        spec.id = db_spec['id']
        spec._context = context
        spec.obj_reset_changes()
        return spec

    def _spec_json(self):
        copy = self.obj_clone()
        if copy.obj_attr_is_set('id'):
            del copy.id
        return jsonutils.dumps(copy.obj_to_primitive())

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        return cls._from_db_object(
            context, cls(), db.request_spec_get(context, instance_uuid))

    @classmethod
    def get_by_instance_uuids(cls, context, instance_uuids):
        """The request specs of those instances that have one."""
        return [cls._from_db_object(context, cls(), row)
                for row in db.request_spec_get_all_by_instance_uuids(
                    context, instance_uuids)]

    @base.remotable
    def create(self):
        row = db.request_spec_create(self._context, self.instance_uuid,
                                     self._spec_json())
        self.id = row['id']
        self.obj_reset_changes()

    @base.remotable
    def save(self):
        db.request_spec_update(self._context, self.instance_uuid,
                               self._spec_json())
        self.obj_reset_changes()
