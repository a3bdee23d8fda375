"""Database API of key pairs (Nova's key_pair_* functions of its main
database): a user's keys by name, soft-deleted so a name can be reused.

The unique constraint (user_id, name, deleted) is what refuses a second
live key of one name, however many API workers create it at once.
"""

from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import utils as sqlalchemyutils

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import models
from nova_lite import exception


def _key_pair_query(context, user_id):
    # Deleted keys are gone for every caller, admins included.
    return context.session.query(models.KeyPair).filter_by(
        user_id=user_id, deleted=0)


@writer
def key_pair_create(context, values):
    """Create a key pair; KeyPairExists if the user has one of that
    name."""
    key_pair = models.KeyPair(**values)
    try:
        context.session.add(key_pair)
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.KeyPairExists(key_name=values['name'])
    return dict(key_pair)


@reader
def key_pair_get(context, user_id, name):
    """The user's key pair ``name``; KeypairNotFound if there is none."""
    key_pair = _key_pair_query(context, user_id).filter_by(
        name=name).first()
    if key_pair is None:
        raise exception.KeypairNotFound(user_id=user_id, name=name)
    return dict(key_pair)


@reader
def key_pair_get_all_by_user(context, user_id, limit=None, marker=None):
    """The user's key pairs by name, at most ``limit`` of them after the
    one named ``marker`` (MarkerNotFound if the user has no such key)."""
    marker_row = None
    if marker is not None:
        marker_row = _key_pair_query(context, user_id).filter_by(
            name=marker).first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
    query = sqlalchemyutils.paginate_query(
        _key_pair_query(context, user_id), models.KeyPair, limit,
        ['name', 'id'], marker=marker_row)
    return [dict(row) for row in query.all()]


@writer
def key_pair_destroy(context, user_id, name):
    """Soft-delete the user's key pair ``name``; KeypairNotFound if there
    is none."""
    key_pair = _key_pair_query(context, user_id).filter_by(
        name=name).first()
    if key_pair is None:
        raise exception.KeypairNotFound(user_id=user_id, name=name)
    key_pair.soft_delete(context.session)
