"""eventlet monkey patching for the services, done before anything else
imports threading or sockets (as Nova's nova/monkey_patch.py)."""

import os
import warnings


def patch():
    if os.environ.get('NOVA_LITE_NO_EVENTLET'):
        return
    # eventlet warns on import that it is in maintenance; Nova's field
    # still runs on it, so keep the services' output clean.
    warnings.filterwarnings('ignore', message=r'(?s).*Eventlet is deprecated')
    import eventlet
    eventlet.monkey_patch()
