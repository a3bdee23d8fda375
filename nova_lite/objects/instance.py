"""Instance: a server, as the database, the API and the compute host see it."""

from oslo_serialization import jsonutils
from oslo_utils import versionutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields

from nova_lite import conf as nova_conf
from nova_lite.db import api as db
from nova_lite.db import instance_list_api
from nova_lite.db import instance_records_api
from nova_lite.db import network_api as network_db
from nova_lite import exception
from nova_lite.network import model as network_model
from nova_lite.objects import base
from nova_lite.objects import flavor as flavor_obj
from nova_lite.objects import tag as tag_obj

CONF = nova_conf.CONF


@base.NovaObjectRegistry.register
class Instance(base.NovaPersistentObject, base.NovaObject,
               ovo_base.VersionedObjectDictCompat):
    # Dict access lets oslo.log print '[instance: <uuid>]' on every line.
    # Version 1.0: Initial version
    # Version 1.1: info_cache
    # Version 1.2: key_data
    # Version 1.3: locked_by, tags, auto_disk_config; access IPs are IP
    #              address fields
    VERSION = '1.3'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'image_ref': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'launch_index': fields.IntegerField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'key_data': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'instance_type_id': fields.IntegerField(nullable=True),
        'flavor': fields.ObjectField('Flavor', nullable=True),
        'vm_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'power_state': fields.IntegerField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'config_drive': fields.StringField(nullable=True),
        'user_data': fields.StringField(nullable=True),
        'locked': fields.BooleanField(default=False),
        'locked_by': fields.StringField(nullable=True),
        'progress': fields.IntegerField(nullable=True),
        # Addresses, as Nova keeps them: written in their canonical form.
        'access_ip_v4': fields.IPV4AddressField(nullable=True),
        'access_ip_v6': fields.IPV6AddressField(nullable=True),
        'auto_disk_config': fields.BooleanField(default=False),
        'metadata': fields.DictOfStringsField(default={}),
        'system_metadata': fields.DictOfNullableStringsField(default={}),
        'fault': fields.ObjectField('InstanceFault', nullable=True),
        'info_cache': fields.ObjectField('InstanceInfoCache', nullable=True),
        # Loaded on request (expected_attrs 'tags'); saved through TagList
        # and Tag, or with the instance when it is created.
        'tags': fields.ObjectField('TagList'),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        target_version = versionutils.convert_version_to_tuple(
            target_version)
        if target_version < (1, 1):
            primitive.pop('info_cache', None)
        if target_version < (1, 2):
            primitive.pop('key_data', None)
        if target_version < (1, 3):
            primitive.pop('locked_by', None)
            primitive.pop('tags', None)
            primitive.pop('auto_disk_config', None)

    def get_network_info(self):
        """The cached network_info, empty when none is loaded (Nova's
        Instance.get_network_info)."""
        cache = self.obj_get('info_cache')
        if cache is None:
            return network_model.NetworkInfo()
        return cache.network_info

    @property
    def name(self):
        """The hypervisor's name of the guest (``instance_name_template``)."""
        template = CONF.instance_name_template
        try:
            if '%(' in template:
                return template % {'id': self.id, 'uuid': self.uuid}
            return template % self.id
        except (KeyError, TypeError, ValueError):
            return 'instance-%08x' % self.id

    @staticmethod
    def _from_db_object(context, instance, db_inst, expected_attrs=None):
        base.from_db(instance, db_inst, skip=('flavor', 'fault',
                                              'info_cache', 'tags'))
        flavor = db_inst.get('flavor')
        if flavor:
            instance.flavor = flavor_obj.Flavor.obj_from_primitive(
                jsonutils.loads(flavor))
        if 'fault' in (expected_attrs or ()):
            from nova_lite.objects import instance_fault
            instance.fault = \
                instance_fault.InstanceFault.get_latest_for_instance(
                    context, instance.uuid)
        if 'info_cache' in (expected_attrs or ()):
            from nova_lite.objects import instance_info_cache
            instance.info_cache = (instance_info_cache.InstanceInfoCache.
                                   get_by_instance_uuid(context,
                                                        instance.uuid))
        if 'tags' in (expected_attrs or ()):
            names = db_inst.get('tags')
            if names is None:
                names = tag_obj.TagList.get_names_by_resource_ids(
                    context, [instance.uuid])[instance.uuid]
            instance.tags = tag_obj.TagList.from_names(context,
                                                       instance.uuid, names)
        instance._context = context
        instance.obj_reset_changes()
        return instance

    def _db_values(self, changes):
        values = base.db_values(changes)
        values.pop('fault', None)
        values.pop('info_cache', None)
        values.pop('tags', None)
        values.pop('id', None)
        for field in ('access_ip_v4', 'access_ip_v6'):
            if values.get(field) is not None:
                values[field] = str(values[field])
        if 'flavor' in values:
            flavor = values['flavor']
            values['flavor'] = (jsonutils.dumps(flavor.obj_to_primitive())
                                if flavor else None)
        return values

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid, expected_attrs=None):
        db_inst = db.instance_get_by_uuid(context, uuid)
        return cls._from_db_object(context, cls(), db_inst, expected_attrs)

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        changes = self.obj_get_changes()
        values = self._db_values(changes)
        if 'tags' in changes:
            # Stored with the instance, in the same transaction.
            values['tags'] = self.tags.names()
        db_inst = db.instance_create(self._context, values)
        self._from_db_object(self._context, self, db_inst,
                             expected_attrs=['tags'])

    @base.remotable
    def save(self, expected_vm_state=None, expected_task_state=None):
        """Write changed fields; with ``expected_*`` the write happens only
        if the row still has one of those states (else
        InstanceInvalidState), as Nova's compare-and-swap save."""
        changes = self.obj_get_changes()
        if not changes:
            return
        values = self._db_values(changes)
        expected = {}
        if expected_vm_state is not None:
            expected['vm_state'] = expected_vm_state
        if expected_task_state is not None:
            expected['task_state'] = expected_task_state
        db_inst = db.instance_update(self._context, self.uuid, values,
                                     expected)
        self._from_db_object(self._context, self, db_inst)

    @base.remotable
    def refresh(self):
        current = self.__class__.get_by_uuid(self._context, self.uuid)
        for field in self.fields:
            if current.obj_attr_is_set(field) and field not in (
                    'fault', 'info_cache', 'tags'):
                setattr(self, field, getattr(current, field))
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        db_inst = db.instance_destroy(self._context, self.uuid)
        self.deleted = True
        self.vm_state = db_inst['vm_state']
        self.task_state = None
        self.terminated_at = db_inst['terminated_at']
        self.deleted_at = db_inst['deleted_at']
        self.obj_reset_changes()

    def purge(self):
        """Remove the instance and its rows altogether (db.instance_purge):
        for a create refused after the instance was written."""
        db.instance_purge(self._context, self.uuid)


@base.NovaObjectRegistry.register
class InstanceList(base.ObjectListBase, base.NovaObject):
    # Version 1.1: Instance 1.1
    # Version 1.2: Instance 1.2
    # Version 1.3: Instance 1.3
    # Version 1.4: get_by_filters takes sort_keys and sort_dirs
    VERSION = '1.4'

    fields = {'objects': fields.ListOfObjectsField('Instance')}

    @classmethod
    @base.remotable
    def get_by_filters(cls, context, filters, sort_key=None, sort_dir=None,
                       limit=None, marker=None, expected_attrs=None,
                       sort_keys=None, sort_dirs=None):
        """The instances ``filters`` select (see db/instance_list_api.py),
        sorted by ``sort_keys`` and ``sort_dirs``, or by the one
        ``sort_key`` and ``sort_dir``."""
        if sort_keys is None and sort_key:
            sort_keys = [sort_key]
        if sort_dirs is None and sort_dir:
            sort_dirs = [sort_dir]
        rows = instance_list_api.instance_get_all_by_filters(
            context, filters, sort_keys=sort_keys, sort_dirs=sort_dirs,
            limit=limit, marker=marker)
        faults = {}
        if 'fault' in (expected_attrs or ()):
            faults = instance_records_api.instance_fault_get_latest(
                context, [row['uuid'] for row in rows])
        caches = {}
        if 'info_cache' in (expected_attrs or ()):
            caches = network_db.instance_info_cache_get_many(
                context, [row['uuid'] for row in rows])
        if 'tags' in (expected_attrs or ()):
            tags = tag_obj.TagList.get_names_by_resource_ids(
                context, [row['uuid'] for row in rows])
            for row in rows:
                row['tags'] = tags[row['uuid']]
        instances = cls(context)
        instances.objects = []
        from nova_lite.objects import instance_fault
        from nova_lite.objects import instance_info_cache as cache_obj
        for row in rows:
            inst = Instance._from_db_object(
                context, Instance(), row,
                expected_attrs=['tags'] if 'tags' in row else None)
            if 'fault' in (expected_attrs or ()):
                fault = faults.get(row['uuid'])
                inst.fault = (instance_fault.InstanceFault._from_db_object(
                    context, instance_fault.InstanceFault(), fault)
                    if fault else None)
                inst.obj_reset_changes(['fault'])
            if 'info_cache' in (expected_attrs or ()):
                cache = caches.get(row['uuid'])
                inst.info_cache = (
                    cache_obj.InstanceInfoCache._from_db_object(
                        context, cache_obj.InstanceInfoCache(), cache)
                    if cache else cache_obj.InstanceInfoCache.empty(
                        context, row['uuid']))
                inst.obj_reset_changes(['info_cache'])
            instances.objects.append(inst)
        instances.obj_reset_changes()
        return instances

    @classmethod
    @base.remotable
    def get_by_host(cls, context, host):
        return cls.get_by_filters(context, {'host': host})
