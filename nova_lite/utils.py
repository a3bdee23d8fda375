"""Small helpers shared by the services."""

import functools
import importlib
import threading

from oslo_utils import importutils


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


def load_class(path, package):
    """Import ``package.path`` (``module.Class``) and return the class."""
    return importutils.import_class('%s.%s' % (package, path))


def import_module(name):
    return importlib.import_module(name)


def memoize(func):
    """Cache a no-argument function's result."""
    return functools.lru_cache(maxsize=None)(func)
