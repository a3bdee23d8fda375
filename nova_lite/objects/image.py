"""Image: a record of the small file-backed image service."""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

from nova_lite.db import api as db
from nova_lite.objects import base
from nova_lite.objects import image_meta


@base.NovaObjectRegistry.register
class Image(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'status': fields.StringField(),
        'disk_format': fields.StringField(nullable=True),
        'container_format': fields.StringField(nullable=True),
        'size': fields.IntegerField(nullable=True),
        'virtual_size': fields.IntegerField(nullable=True),
        'checksum': fields.StringField(nullable=True),
        'min_disk': fields.IntegerField(default=0),
        'min_ram': fields.IntegerField(default=0),
        'visibility': fields.StringField(default='public'),
        'owner': fields.StringField(nullable=True),
        'location': fields.StringField(nullable=True),
        'properties': fields.DictOfNullableStringsField(default={}),
    }

    @staticmethod
    def _from_db_object(context, image, db_image):
        base.from_db(image, db_image, skip=('properties',))
        image.properties = jsonutils.loads(db_image['properties'] or '{}')
        image._context = context
        image.obj_reset_changes()
        return image

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._from_db_object(context, cls(), db.image_get(context, uuid))

    @base.remotable
    def create(self):
        values = base.db_values(self.obj_get_changes())
        values['properties'] = jsonutils.dumps(values.get('properties') or {})
        self._from_db_object(self._context, self,
                             db.image_create(self._context, values))

    @base.remotable
    def destroy(self):
        db.image_destroy(self._context, self.uuid)

    def to_image_meta(self):
        """The metadata a compute host needs to fetch and boot this image."""
        values = {name: getattr(self, name) for name in
                  ('name', 'status', 'disk_format', 'container_format',
                   'size', 'virtual_size', 'checksum', 'min_disk', 'min_ram',
                   'owner', 'properties', 'created_at', 'updated_at')
                  if self.obj_attr_is_set(name)}
        values['id'] = self.uuid
        values['direct_url'] = self.location
        return image_meta.ImageMeta.from_dict(values)


@base.NovaObjectRegistry.register
class ImageList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Image')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.obj_make_list(context, cls(context), Image,
                                  db.image_get_all(context))
