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


def wait_for_finished_action(servers, server_id, request_id, timeout=60):
    """The server's action of ``request_id`` once each of its events is
    finished: a step's event shows from its start, and is finished a
    moment after the step has saved the server's new state."""
    deadline = time.time() + timeout
    while True:
        action = servers.show_instance_action(
            server_id, request_id)['instanceAction']
        if action['events'] and all(event['finish_time'] for event in
                                    action['events']):
            return action
        if time.time() > deadline:
            raise AssertionError('action %s of server %s has unfinished '
                                 'events after %ss: %s' % (
                                     request_id, server_id, timeout,
                                     action['events']))
        time.sleep(POLL_INTERVAL)
