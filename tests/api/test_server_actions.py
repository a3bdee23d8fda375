"""POST /servers/{id}/action: reboot, stop and start, rebuild, pause and
unpause, suspend and resume, lock and unlock, and the console output;
each in a state that allows it, and refused (409) in one that does
not."""

import uuid

import pytest

from tests.api import clients
from tests.api import waiters


def _wait(user, server, status):
    return waiters.wait_for_server_status(user.servers, server['id'], status)


def _conflict(action, server, state):
    return ("Cannot '%s' instance %s while it is in vm_state %s"
            % (action, server['id'], state))


def test_soft_reboot_brings_the_server_back_active(member_a, boot):
    server = boot()
    member_a.servers.reboot_server(server['id'], type='SOFT')
    assert _wait(member_a, server, 'ACTIVE')['OS-EXT-STS:power_state'] == 1


def test_hard_reboot_brings_the_server_back_active(member_a, boot):
    server = boot()
    member_a.servers.reboot_server(server['id'], type='HARD')
    assert _wait(member_a, server, 'ACTIVE')['OS-EXT-STS:power_state'] == 1


def test_reboot_of_an_unknown_type_is_400(member_a, server_a):
    with clients.refused(400) as refusal:
        member_a.servers.reboot_server(server_a['id'], type='GENTLE')
    assert 'Invalid input for field/attribute type' in refusal.message


def test_stop_shuts_the_server_off(member_a, boot):
    server = boot()
    member_a.servers.stop_server(server['id'])
    stopped = _wait(member_a, server, 'SHUTOFF')
    assert stopped['OS-EXT-STS:power_state'] == 4


def test_start_brings_a_stopped_server_back(member_a, boot):
    server = boot()
    member_a.servers.stop_server(server['id'])
    _wait(member_a, server, 'SHUTOFF')
    member_a.servers.start_server(server['id'])
    assert _wait(member_a, server, 'ACTIVE')['OS-EXT-STS:power_state'] == 1


def test_start_of_an_active_server_is_409(member_a, server_a):
    with clients.refused(409, _conflict('start', server_a, 'active')):
        member_a.servers.start_server(server_a['id'])


def test_stop_of_a_stopped_server_is_409(member_a, boot):
    server = boot()
    member_a.servers.stop_server(server['id'])
    _wait(member_a, server, 'SHUTOFF')
    with clients.refused(409, _conflict('stop', server, 'stopped')):
        member_a.servers.stop_server(server['id'])


def test_rebuild_answers_with_the_server_and_a_new_password(
        member_a, boot, image_id):
    server = boot()
    rebuilt = member_a.servers.rebuild_server(
        server['id'], image_id, name='rebuilt')['server']
    assert rebuilt['name'] == 'rebuilt'
    assert rebuilt['adminPass']
    assert _wait(member_a, server, 'ACTIVE')['name'] == 'rebuilt'


@pytest.mark.microversion('2.57')
def test_rebuild_answers_with_user_data_from_2_57(member_a, boot, image_id):
    server = boot()
    rebuilt = member_a.servers.rebuild_server(
        server['id'], image_id, user_data='IyEvYmluL3NoCg==')['server']
    assert rebuilt['user_data'] == 'IyEvYmluL3NoCg=='
    _wait(member_a, server, 'ACTIVE')


def test_rebuild_from_an_unknown_image_is_400(member_a, server_a):
    with clients.refused(400, 'Cannot find image for rebuild'):
        member_a.servers.rebuild_server(server_a['id'], str(uuid.uuid4()))


def test_pause_and_unpause(member_a, boot):
    server = boot()
    member_a.servers.pause_server(server['id'])
    assert _wait(member_a, server, 'PAUSED')['OS-EXT-STS:power_state'] == 3
    member_a.servers.unpause_server(server['id'])
    _wait(member_a, server, 'ACTIVE')


def test_unpause_of_an_active_server_is_409(member_a, server_a):
    with clients.refused(409, _conflict('unpause', server_a, 'active')):
        member_a.servers.unpause_server(server_a['id'])


def test_suspend_and_resume(member_a, boot):
    server = boot()
    member_a.servers.suspend_server(server['id'])
    assert _wait(member_a, server,
                 'SUSPENDED')['OS-EXT-STS:power_state'] == 7
    member_a.servers.resume_server(server['id'])
    _wait(member_a, server, 'ACTIVE')


def test_resume_of_an_active_server_is_409(member_a, server_a):
    with clients.refused(409, _conflict('resume', server_a, 'active')):
        member_a.servers.resume_server(server_a['id'])


def test_pause_of_a_suspended_server_is_409(member_a, boot):
    server = boot()
    member_a.servers.suspend_server(server['id'])
    _wait(member_a, server, 'SUSPENDED')
    with clients.refused(409, _conflict('pause', server, 'suspended')):
        member_a.servers.pause_server(server['id'])


@pytest.mark.microversion('2.9')
def test_lock_shows_the_server_locked_from_2_9(member_a, boot):
    server = boot()
    member_a.servers.lock_server(server['id'])
    assert member_a.servers.show_server(server['id'])['server']['locked']
    member_a.servers.unlock_server(server['id'])
    assert not member_a.servers.show_server(server['id'])['server']['locked']


@pytest.mark.microversion('2.73')
def test_lock_keeps_its_reason_from_2_73(member_a, boot):
    server = boot()
    member_a.servers.lock_server(server['id'], locked_reason='maintenance')
    shown = member_a.servers.show_server(server['id'])['server']
    assert (shown['locked'], shown['locked_reason']) == (True, 'maintenance')


def test_a_locked_server_refuses_actions_with_409(member_a, boot):
    server = boot()
    member_a.servers.lock_server(server['id'])
    with clients.refused(409, 'Instance %s is locked' % server['id']):
        member_a.servers.stop_server(server['id'])


def test_a_locked_server_refuses_delete_with_409(member_a, boot):
    server = boot()
    member_a.servers.lock_server(server['id'])
    with clients.refused(409, 'Instance %s is locked' % server['id']):
        member_a.servers.delete_server(server['id'])
    assert member_a.servers.show_server(server['id'])['server']['status'] \
        == 'ACTIVE'


def test_owner_cannot_unlock_an_admin_lock(member_a, admin, boot):
    server = boot()
    admin.servers.lock_server(server['id'])
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-lock-server:unlock:unlock_override')):
        member_a.servers.unlock_server(server['id'])


def test_console_output_is_the_guest_log(member_a, server_a):
    output = member_a.servers.get_console_output(server_a['id'])['output']
    assert isinstance(output, str)


def test_console_output_keeps_the_last_lines_asked_for(member_a, server_a):
    output = member_a.servers.get_console_output(
        server_a['id'], length=1)['output']
    assert len(output.splitlines()) <= 1


def test_console_output_of_a_negative_length_is_400(member_a, server_a):
    with clients.refused(400):
        member_a.servers.get_console_output(server_a['id'], length=-2)


@pytest.mark.parametrize('action', ['reboot_server', 'stop_server',
                                    'start_server', 'pause_server',
                                    'lock_server', 'get_console_output'])
def test_action_on_an_unknown_server_is_404(member_a, action):
    server_id = str(uuid.uuid4())
    kwargs = {'type': 'SOFT'} if action == 'reboot_server' else {}
    with clients.refused(404, 'Instance %s could not be found.'
                         % server_id):
        getattr(member_a.servers, action)(server_id, **kwargs)
