"""BlockDeviceMapping: how an instance's disks are sourced."""

from oslo_versionedobjects import fields

from nova_lite.db import instance_records_api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class BlockDeviceMapping(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(nullable=True),
        'instance_uuid': fields.UUIDField(),
        'source_type': fields.StringField(nullable=True),
        'destination_type': fields.StringField(nullable=True),
        'guest_format': fields.StringField(nullable=True),
        'device_type': fields.StringField(nullable=True),
        'disk_bus': fields.StringField(nullable=True),
        'boot_index': fields.IntegerField(nullable=True),
        'device_name': fields.StringField(nullable=True),
        'delete_on_termination': fields.BooleanField(default=False),
        'image_id': fields.StringField(nullable=True),
        'volume_size': fields.IntegerField(nullable=True),
        'no_device': fields.BooleanField(default=False),
    }

    @staticmethod
    def _from_db_object(context, bdm, db_bdm):
        base.from_db(bdm, db_bdm)
        bdm._context = context
        return bdm

    @classmethod
    def root_from_image(cls, context, image_id):
        """The root BDM of a server booted from an image (Nova's
        ``block_device.BlockDeviceDict.from_api`` for imageRef)."""
        return cls(context, source_type='image', destination_type='local',
                   boot_index=0, device_type='disk', image_id=image_id,
                   delete_on_termination=True)

    @base.remotable
    def create(self):
        values = base.db_values(self.obj_get_changes())
        self._from_db_object(
            self._context, self,
            db.block_device_mapping_create(self._context, values))


@base.NovaObjectRegistry.register
class BlockDeviceMappingList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('BlockDeviceMapping')}

    @classmethod
    @base.remotable
    def get_by_instance_uuid(cls, context, instance_uuid):
        return base.obj_make_list(
            context, cls(context), BlockDeviceMapping,
            db.block_device_mapping_get_all_by_instance(context,
                                                        instance_uuid))
