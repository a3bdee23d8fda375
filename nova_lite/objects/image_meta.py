"""ImageMeta: an image's metadata as the compute host and the driver use it."""

from oslo_versionedobjects import fields

from nova_lite.objects import base


@base.NovaObjectRegistry.register
class ImageMeta(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'status': fields.StringField(nullable=True),
        'disk_format': fields.StringField(nullable=True),
        'container_format': fields.StringField(nullable=True),
        'size': fields.IntegerField(nullable=True),
        'virtual_size': fields.IntegerField(nullable=True),
        'checksum': fields.StringField(nullable=True),
        'min_disk': fields.IntegerField(default=0),
        'min_ram': fields.IntegerField(default=0),
        'owner': fields.StringField(nullable=True),
        # Where the compute host reads the image data from (file://...), as
        # Glance's direct_url with Nova's allowed_direct_url_schemes.
        'direct_url': fields.StringField(nullable=True),
        'properties': fields.DictOfNullableStringsField(default={}),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @classmethod
    def from_dict(cls, image_meta):
        """Build from an image dict as the image API returns it."""
        values = {k: v for k, v in (image_meta or {}).items()
                  if k in cls.fields and v is not None}
        values['properties'] = {k: str(v) for k, v in
                                (image_meta.get('properties') or {}).items()}
        return cls(**values)

    @classmethod
    def from_instance(cls, instance):
        """The image the instance was built from, as recorded in its
        system_metadata (``image_<key>``) when it was created or rebuilt."""
        sys_meta = instance.obj_get('system_metadata') or {}
        image = {key[len('image_'):]: value
                 for key, value in sys_meta.items()
                 if key.startswith('image_')}
        values = {'id': instance.image_ref, 'properties': {}}
        for key, value in image.items():
            if key in ('disk_format', 'container_format'):
                values[key] = value
            elif key in ('min_disk', 'min_ram'):
                values[key] = int(value or 0)
            elif key != 'base_image_ref':
                values['properties'][key] = value
        return cls(**values)
