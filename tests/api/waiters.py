"""Waiting for what the services do after the API has answered, by
polling the API as a user would (each answer validated as any other)."""

import time

from tempest.lib import exceptions as lib_exc

POLL_INTERVAL = 0.1


def wait_for_server_status(servers, server_id, status, timeout=60):
    """The server once it shows ``status`` with no task in progress; an
    ERROR it was not waited for fails at once."""
    deadline = time.time() + timeout
    while True:
        server = servers.show_server(server_id)['server']
        if server['status'] == status and \
                server['OS-EXT-STS:task_state'] is None:
            return server
        if server['status'] == 'ERROR' and status != 'ERROR':
            raise AssertionError('server %s went to ERROR: %s' % (
                server_id, server.get('fault')))
        if time.time() > deadline:
            raise AssertionError('server %s is %s (task %s), not %s after '
                                 '%ss' % (server_id, server['status'],
                                          server['OS-EXT-STS:task_state'],
                                          status, timeout))
        time.sleep(POLL_INTERVAL)


def wait_for_server_deleted(servers, server_id, timeout=60):
    """Until showing the server is a 404."""
    deadline = time.time() + timeout
    while True:
        try:
            servers.show_server(server_id)
        except lib_exc.NotFound:
            return
        if time.time() > deadline:
            raise AssertionError('server %s still there after %ss' % (
                server_id, timeout))
        time.sleep(POLL_INTERVAL)
