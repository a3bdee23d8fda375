"""Tag and TagList: the tags of a server (resource_id is its uuid)."""

from oslo_versionedobjects import fields

from nova_lite.db import instance_tag_api as db
from nova_lite.objects import base

# Nova's limits: tags of one server, characters of one tag.
MAX_TAG_COUNT = 50
MAX_TAG_LENGTH = 60


@base.NovaObjectRegistry.register
class Tag(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'resource_id': fields.StringField(),
        'tag': fields.StringField(),
    }

    @staticmethod
    def _from_db_object(context, tag, db_tag):
        base.from_db(tag, db_tag)
        tag._context = context
        return tag

    @base.remotable
    def create(self):
        db_tag = db.instance_tag_add(self._context, self.resource_id,
                                     self.tag)
        self._from_db_object(self._context, self, db_tag)

    @classmethod
    @base.remotable
    def destroy(cls, context, resource_id, name):
        """InstanceTagNotFound if the server does not have the tag."""
        db.instance_tag_delete(context, resource_id, name)

    @classmethod
    @base.remotable
    def exists(cls, context, resource_id, name):
        return db.instance_tag_exists(context, resource_id, name)


@base.NovaObjectRegistry.register
class TagList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Tag'),
    }

    @classmethod
    def from_names(cls, context, resource_id, names):
        """The list of ``names`` (not saved)."""
        return base.obj_make_list(
            context, cls(), Tag,
            [{'resource_id': resource_id, 'tag': name} for name in names])

    @classmethod
    @base.remotable
    def get_by_resource_id(cls, context, resource_id):
        return base.obj_make_list(
            context, cls(), Tag,
            db.instance_tag_get_by_instance_uuid(context, resource_id))

    @classmethod
    @base.remotable
    def create(cls, context, resource_id, tags):
        """Replace the server's tags with ``tags``."""
        return base.obj_make_list(
            context, cls(), Tag,
            db.instance_tag_set(context, resource_id, tags))

    @classmethod
    @base.remotable
    def destroy(cls, context, resource_id):
        db.instance_tag_delete_all(context, resource_id)

    @staticmethod
    def get_names_by_resource_ids(context, resource_ids):
        """{uuid: [tag names]} of live servers, in one read (what server
        documents show)."""
        return db.instance_tags_get_many(context, resource_ids)

    def names(self):
        return [tag.tag for tag in self.objects]
