"""InstanceGroup: a server group, its policy, rules and members."""

from oslo_utils import uuidutils
from oslo_versionedobjects import fields

from nova_lite.db import instance_group_api as db
from nova_lite import exception
from nova_lite.objects import base

POLICIES = ('anti-affinity', 'affinity', 'soft-anti-affinity',
            'soft-affinity')

# Not stored: computed from the members when first read.
LAZY_LOAD_FIELDS = ('hosts',)


@base.NovaObjectRegistry.register
class InstanceGroup(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'policy': fields.StringField(),
        # e.g. {'max_server_per_host': 2} for anti-affinity (2.64)
        'rules': fields.DictOfStringsField(default={}),
        'members': fields.ListOfStringsField(default=[]),
        # Hosts of the members, filled in for the scheduler; not stored.
        'hosts': fields.ListOfStringsField(default=[]),
    }

    @staticmethod
    def _from_db_object(context, group, db_group):
        base.from_db(group, db_group)
        # Groups are hard-deleted: a loaded one is never deleted.
        group.deleted = False
        group.deleted_at = None
        group._context = context
        group.obj_reset_changes()
        return group

    def obj_load_attr(self, attrname):
        if attrname not in LAZY_LOAD_FIELDS:
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='unable to load %s' % attrname)
        self.hosts = self.get_hosts()
        self.obj_reset_changes(['hosts'])

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        """The group; InstanceGroupNotFound if the caller may not see it
        (another project's, for a user who is not an admin)."""
        return cls._from_db_object(
            context, cls(), db.instance_group_get_by_uuid(context, uuid))

    @classmethod
    @base.remotable
    def get_by_name(cls, context, name):
        return cls._from_db_object(
            context, cls(), db.instance_group_get_by_name(context, name))

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        """The group the instance is in; InstanceGroupNotFound if none."""
        return cls._from_db_object(
            context, cls(),
            db.instance_group_get_by_instance(context, instance_uuid))

    @classmethod
    def get_by_hint(cls, context, hint):
        """The group a scheduler hint names, by uuid or else by name."""
        if uuidutils.is_uuid_like(hint):
            return cls.get_by_uuid(context, hint)
        return cls.get_by_name(context, hint)

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = base.db_values(self.obj_get_changes())
        if 'hosts' in updates:
            raise exception.ObjectActionError(action='create',
                                              reason='hosts are not stored')
        members = updates.pop('members', None)
        if 'uuid' not in updates:
            self.uuid = updates['uuid'] = uuidutils.generate_uuid()
        self._from_db_object(
            self._context, self,
            db.instance_group_create(self._context, updates, members))

    @base.remotable
    def save(self):
        """Store a new name, policy or rules, and add new ``members``."""
        updates = base.db_values(self.obj_get_changes())
        if 'hosts' in updates:
            raise exception.ObjectActionError(action='save',
                                              reason='hosts are not stored')
        for name in ('id', 'uuid', 'created_at', 'updated_at'):
            updates.pop(name, None)
        if not updates:
            return
        self._from_db_object(
            self._context, self,
            db.instance_group_update(self._context, self.uuid, updates))

    @base.remotable
    def destroy(self):
        """Delete the group (its members are only forgotten)."""
        db.instance_group_destroy(self._context, self.uuid)
        self.obj_reset_changes()

    @classmethod
    @base.remotable
    def add_members(cls, context, group_uuid, instance_uuids):
        """Make the instances members; returns their uuids."""
        return db.instance_group_members_add(context, group_uuid,
                                             instance_uuids)

    @base.remotable
    def get_hosts(self, exclude=None):
        """The hosts of the group's live members, less the instances in
        ``exclude``."""
        from nova_lite.objects import instance as instance_obj
        uuids = set(self.members or []) - set(exclude or [])
        if not uuids:
            return []
        instances = instance_obj.InstanceList.get_by_filters(
            self._context, {'uuid': sorted(uuids), 'deleted': False})
        return sorted({instance.host for instance in instances
                       if instance.host})

    @base.remotable
    def count_members_by_user(self, user_id):
        """How many live members belong to ``user_id`` (the quota on
        server_group_members counts these)."""
        from nova_lite.objects import instance as instance_obj
        if not self.members:
            return 0
        instances = instance_obj.InstanceList.get_by_filters(
            self._context, {'uuid': list(self.members), 'user_id': user_id,
                            'deleted': False})
        return len(instances)


@base.NovaObjectRegistry.register
class InstanceGroupList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceGroup')}

    @classmethod
    @base.remotable
    def get_by_project_id(cls, context, project_id):
        return base.obj_make_list(
            context, cls(context), InstanceGroup,
            db.instance_group_get_all(context, project_id=project_id))

    @classmethod
    @base.remotable
    def get_all(cls, context):
        """Every group the caller may see (all of them for an admin)."""
        return base.obj_make_list(context, cls(context), InstanceGroup,
                                  db.instance_group_get_all(context))

    @classmethod
    @base.remotable
    def get_counts(cls, context, project_id, user_id=None):
        """{'project': {'server_groups': n}[, 'user': {...}]}."""
        return db.instance_group_count(context, project_id, user_id=user_id)
