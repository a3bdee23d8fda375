"""Decorators of compute manager methods, after Nova's."""

import functools

from oslo_log import log as logging
from oslo_utils import excutils

from oslo_concurrency import lockutils

from nova_lite import exception
from nova_lite.objects import instance_action
from nova_lite.objects import instance_fault

LOG = logging.getLogger(__name__)


def wrap_instance_fault(function):
    """Record an exception escaping ``function`` as the instance's fault."""

    @functools.wraps(function)
    def decorated(self, context, *args, **kwargs):
        try:
            return function(self, context, *args, **kwargs)
        except exception.InstanceNotFound:
            raise
        except Exception as exc:
            with excutils.save_and_reraise_exception():
                instance = _instance_arg(args, kwargs)
                instance_fault.fault_from_exc(context, instance, exc,
                                              self.host)
    return decorated


def reverts_task_state(function):
    """Clear the instance's task_state if ``function`` fails, so the user
    can act on it again; unless the task was preempted (its task state
    changed under it, by a delete say), which is no failure of this host,
    as Nova's decorator leaves it."""

    @functools.wraps(function)
    def decorated(self, context, *args, **kwargs):
        try:
            return function(self, context, *args, **kwargs)
        except Exception as exc:
            with excutils.save_and_reraise_exception():
                instance = _instance_arg(args, kwargs)
                if _preempted(exc):
                    LOG.info('Task possibly preempted: %s', exc,
                             instance=instance)
                    return
                try:
                    instance.task_state = None
                    instance.save()
                except exception.InstanceNotFound:
                    pass
                except Exception:
                    LOG.exception('Failed to revert task state',
                                  instance=instance)
    return decorated


def _preempted(exc):
    """Whether ``exc`` is a save that found another task state than it
    expected (Nova's UnexpectedTaskStateError)."""
    return (isinstance(exc, exception.InstanceInvalidState) and
            exc.kwargs.get('attr') == 'task_state')


def _instance_arg(args, kwargs):
    return kwargs.get('instance') or args[0]


def wrap_instance_event(function):
    """Record ``function`` as the event ``compute_<name>`` of the
    instance's current action, with its result (Nova's decorator with
    prefix 'compute')."""

    @functools.wraps(function)
    def decorated(self, context, *args, **kwargs):
        instance = _instance_arg(args, kwargs)
        with instance_action.EventReporter(
                context, 'compute_%s' % function.__name__, self.host,
                instance.uuid):
            return function(self, context, *args, **kwargs)
    return decorated


def locked_instance(function):
    """Run ``function`` under the instance's lock, which builds, deletes,
    actions and the power-state sync of one instance share."""

    @functools.wraps(function)
    def decorated(self, context, *args, **kwargs):
        instance = _instance_arg(args, kwargs)
        with lockutils.lock(instance.uuid):
            return function(self, context, *args, **kwargs)
    return decorated


def server_action(function):
    """What every server action of the manager is wrapped in, outermost
    first: the task state cleared on failure, the action's event, the
    fault, and the instance's lock."""
    return reverts_task_state(wrap_instance_event(wrap_instance_fault(
        locked_instance(function))))
