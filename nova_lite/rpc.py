"""oslo.messaging plumbing: one transport per process, clients and servers
that carry RequestContexts and versioned objects."""

import oslo_messaging as messaging
from oslo_messaging.rpc import dispatcher

from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite.objects import base as objects_base

TRANSPORT = None


def init(conf):
    """Create the process's RPC transport from ``conf.transport_url``."""
    global TRANSPORT
    if TRANSPORT is None:
        messaging.set_transport_defaults(control_exchange='nova_lite')
        # Our exceptions cross RPC as themselves (not RemoteError), so a
        # caller can catch e.g. InstanceNotFound raised in the conductor.
        TRANSPORT = messaging.get_rpc_transport(
            conf, allowed_remote_exmods=[exception.__name__])
    return TRANSPORT


def cleanup():
    global TRANSPORT
    if TRANSPORT is not None:
        TRANSPORT.cleanup()
        TRANSPORT = None


class RequestContextSerializer(messaging.Serializer):
    """Sends the caller's context and objects; rebuilds both on receipt."""

    def __init__(self, base=None):
        self._base = base or objects_base.NovaObjectSerializer()

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return nova_context.RequestContext.from_dict(context)


def _executor_kwargs():
    # Services run green (eventlet monkey patched, as Nova's do) and need
    # the eventlet executor; anything else gets oslo.messaging's default.
    import eventlet.patcher
    if eventlet.patcher.is_monkey_patched('thread'):
        return {'executor': 'eventlet'}
    return {}


def get_client(target, version_cap=None):
    assert TRANSPORT is not None, 'rpc.init() was not called'
    return messaging.get_rpc_client(TRANSPORT, target,
                                    version_cap=version_cap,
                                    serializer=RequestContextSerializer())


def get_server(target, endpoints):
    assert TRANSPORT is not None, 'rpc.init() was not called'
    return messaging.get_rpc_server(
        TRANSPORT, target, endpoints, **_executor_kwargs(),
        serializer=RequestContextSerializer(),
        access_policy=dispatcher.DefaultRPCAccessPolicy)
