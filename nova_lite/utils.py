"""Small helpers shared by the services."""

import threading


def spawn_n(func, *args, **kwargs):
    """Run ``func`` in a green thread when eventlet is patched in, else in a
    daemon thread; the caller does not wait for it."""
    import eventlet.patcher
    if eventlet.patcher.is_monkey_patched('thread'):
        import eventlet
        eventlet.spawn_n(func, *args, **kwargs)
    else:
        threading.Thread(target=func, args=args, kwargs=kwargs,
                         daemon=True).start()

