"""KeyPair: a user's SSH public key (or x509 certificate) by name, which a
server created with ``key_name`` gets in its metadata."""

from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields

from nova_lite.db import keypair_api as db
from nova_lite import exception
from nova_lite.objects import base

KEYPAIR_TYPE_SSH = 'ssh'
KEYPAIR_TYPE_X509 = 'x509'


@base.NovaObjectRegistry.register
class KeyPair(base.NovaPersistentObject, base.NovaObject,
              ovo_base.VersionedObjectDictCompat):
    # Dict access lets the API build its documents by field name.
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(nullable=False),
        'user_id': fields.StringField(nullable=True),
        'fingerprint': fields.StringField(nullable=True),
        'public_key': fields.StringField(nullable=True),
        'type': fields.StringField(nullable=False),
    }

    @staticmethod
    def _from_db_object(context, keypair, db_keypair):
        base.from_db(keypair, db_keypair)
        keypair._context = context
        return keypair

    @classmethod
    @base.remotable
    def get_by_name(cls, context, user_id, name):
        """The user's key pair ``name``; KeypairNotFound otherwise."""
        return cls._from_db_object(context, cls(),
                                   db.key_pair_get(context, user_id, name))

    @classmethod
    @base.remotable
    def destroy_by_name(cls, context, user_id, name):
        """Delete the user's key pair ``name``; KeypairNotFound if the
        user has none of that name."""
        db.key_pair_destroy(context, user_id, name)

    @base.remotable
    def create(self):
        """Record the key pair; KeyPairExists if the user already has one
        of its name."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        values = base.db_values(self.obj_get_changes())
        self._from_db_object(self._context, self,
                             db.key_pair_create(self._context, values))


@base.NovaObjectRegistry.register
class KeyPairList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('KeyPair')}

    @classmethod
    @base.remotable
    def get_by_user(cls, context, user_id, limit=None, marker=None):
        """The user's key pairs ordered by name: at most ``limit`` after
        the one named ``marker`` (MarkerNotFound if there is none)."""
        return base.obj_make_list(
            context, cls(context), KeyPair,
            db.key_pair_get_all_by_user(context, user_id, limit=limit,
                                        marker=marker))
