"""Small helpers shared by the services."""

import re
import secrets
import threading
import time

# Nova's password alphabet: no look-alike characters.
PASSWORD_SYMBOLS = ('23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ',
                    'abcdefghijkmnopqrstuvwxyz')


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


class IntervalGate(object):
    """Says when a periodic task whose own spacing is longer than the
    service's ``periodic_interval`` is due (Nova's ``spacing`` of a
    periodic task). An interval of 0 runs at every call, a negative one
    never; the first call is due at once."""

    def __init__(self, interval, clock=None):
        self.interval = interval
        self._clock = clock or time.monotonic
        self._last = None

    def due(self):
        """Whether the task should run now; if so, the next run is one
        interval from now."""
        if self.interval is None or self.interval < 0:
            return False
        now = self._clock()
        if self._last is not None and now - self._last < self.interval:
            return False
        self._last = now
        return True


def generate_password(length, symbolgroups=PASSWORD_SYMBOLS):
    """A random password of ``length`` characters with, as far as the
    length allows, one of every symbol group."""
    chars = [secrets.choice(group) for group in symbolgroups]
    secrets.SystemRandom().shuffle(chars)
    chars = chars[:length]
    alphabet = ''.join(symbolgroups)
    chars += [secrets.choice(alphabet) for _i in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return ''.join(chars)


def safe_truncate(value, length):
    """``value`` cut to at most ``length`` bytes of UTF-8, never in the
    middle of a character (the database columns count bytes)."""
    return value.encode('utf-8')[:length].decode('utf-8', 'ignore')


def exception_message(exc):
    """What a user may read of ``exc``, as Nova records it in instance
    faults and action events: a NovaException's formatted message, else
    only the exception's class name (its text may say too much)."""
    try:
        return exc.format_message()
    except Exception:
        return exc.__class__.__name__


def sanitize_hostname(name):
    """A DNS label (RFC 952/1123, at most the 63 characters dnsmasq
    takes) made of a server name, as Nova's: characters beyond Latin-1
    dropped, cut to 63, spaces, '_' and '.' made '-', other characters
    that are not letters or digits dropped, lower case, no leading or
    trailing '.' or '-'. May be empty."""
    hostname = name.encode('latin-1', 'ignore').decode('latin-1')[:63]
    hostname = re.sub(r'[ _.]', '-', hostname)
    hostname = re.sub(r'[^\w.-]+', '', hostname)
    return hostname.lower().strip('.-')
