"""Server locks, as Nova's compute API keeps them: ``locked``,
``locked_by`` ('owner' when the server's project locked it, 'admin' when
an admin of another project did) and the reason in system_metadata
``locked_reason``. A locked server refuses the actions that carry
``check_instance_lock`` to anyone but an admin.
"""

import functools

from oslo_log import log as logging

from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import instance_action

LOG = logging.getLogger(__name__)

# Nova's instance_actions.LOCK and UNLOCK.
LOCK = 'lock'
UNLOCK = 'unlock'


def check_instance_lock(function):
    """InstanceIsLocked (409) for a non-admin acting on a locked server,
    as Nova's decorator of the same name."""

    @functools.wraps(function)
    def inner(self, context, instance, *args, **kwargs):
        if instance.locked and not context.is_admin:
            raise exception.InstanceIsLocked(instance_uuid=instance.uuid)
        return function(self, context, instance, *args, **kwargs)
    return inner


def _locker(context, instance):
    """Who the caller is to the server: 'owner' or 'admin'."""
    return 'owner' if instance.project_id == context.project_id else 'admin'


class LockAPIMixin(object):
    """lock and unlock of the compute API (needs its ``conf``)."""

    def lock(self, context, instance, reason=None):
        """Lock the server, with ``reason`` if given. Its owner locking it
        again changes nothing; an admin takes the lock over."""
        locked_by = _locker(context, instance)
        if instance.locked and locked_by == 'owner':
            return
        context = context.elevated()
        objects.InstanceAction.action_start(context, instance.uuid, LOCK)
        with instance_action.EventReporter(context, 'api_lock',
                                           self.conf.host, instance.uuid):
            LOG.debug('Locking', instance=instance)
            instance.locked = True
            instance.locked_by = locked_by
            if reason:
                instance.system_metadata = dict(instance.system_metadata,
                                                locked_reason=reason)
            instance.save()

    def is_expected_locked_by(self, context, instance):
        """Whether the caller is who locked the server (or it is not
        locked): an owner may not lift an admin's lock."""
        return instance.locked_by in (None, _locker(context, instance))

    def unlock(self, context, instance):
        """Lift the server's lock and forget its reason."""
        context = context.elevated()
        objects.InstanceAction.action_start(context, instance.uuid, UNLOCK)
        with instance_action.EventReporter(context, 'api_unlock',
                                           self.conf.host, instance.uuid):
            LOG.debug('Unlocking', instance=instance)
            instance.locked = False
            instance.locked_by = None
            instance.system_metadata = {
                key: value for key, value in instance.system_metadata.items()
                if key != 'locked_reason'}
            instance.save()
