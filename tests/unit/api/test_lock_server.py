"""The lock and unlock server actions, as Nova answers them, and what a
lock does: a locked server refuses its owner (409) the actions Nova
guards with check_instance_lock, an admin still acts, and only an admin
lifts an admin's lock."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_51 import servers as v251
from tempest.lib.api_schema.response.compute.v2_73 import servers as v273
from tempest.lib.api_schema.response.compute.v2_9 import servers as v29

from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate
from tests.unit.api.test_server_lifecycle_actions import actions_of


@pytest.fixture
def server(flavor):
    return make_instance(flavor, host='compute1', metadata={'role': 'web'})


def act(client, server, body):
    return client.post('/v2.1/servers/%s/action' % server.uuid, body)


def lock_state(uuid):
    row = db_instance(uuid)
    return (row.locked, row.locked_by,
            row.system_metadata.get('locked_reason'))


# lock and unlock

def test_lock_by_the_owner(client, server):
    resp = act(client, server, {'lock': None})

    tempest_validate(v21.server_actions_common_schema, resp)
    assert resp.body == b''
    assert lock_state(server.uuid) == (True, 'owner', None)
    resp = client.at_version('2.9').get('/v2.1/servers/%s' % server.uuid)
    tempest_validate(v29.get_server, resp)
    assert resp.json['server']['locked'] is True


def test_lock_and_unlock_are_instance_actions_with_an_api_event(
        client, server, conf):
    user = client.at_version('2.51')
    lock = act(user, server, {'lock': None})
    unlock = act(user, server, {'unlock': None})

    assert actions_of(server.uuid) == ['lock', 'unlock']
    for resp, name in ((lock, 'lock'), (unlock, 'unlock')):
        request_id = resp.headers['x-openstack-request-id']
        resp = user.get('/v2.1/servers/%s/os-instance-actions/%s' % (
            server.uuid, request_id))
        tempest_validate(v251.show_instance_action, resp)
        action = resp.json['instanceAction']
        assert action['action'] == name
        assert [(event['event'], event['result'])
                for event in action['events']] == [
            ('api_%s' % name, 'Success')]


def test_lock_at_2_73_keeps_the_reason_until_unlock(client, server):
    user = client.at_version('2.73')
    url = '/v2.1/servers/%s' % server.uuid

    resp = act(user, server, {'lock': {'locked_reason': 'maintenance'}})

    tempest_validate(v21.server_actions_common_schema, resp)
    assert lock_state(server.uuid) == (True, 'owner', 'maintenance')
    resp = user.get(url)
    tempest_validate(v273.get_server, resp)
    assert (resp.json['server']['locked'],
            resp.json['server']['locked_reason']) == (True, 'maintenance')

    resp = act(user, server, {'unlock': None})

    tempest_validate(v21.server_actions_common_schema, resp)
    assert lock_state(server.uuid) == (False, None, None)
    resp = user.get(url)
    tempest_validate(v273.get_server, resp)
    assert (resp.json['server']['locked'],
            resp.json['server']['locked_reason']) == (False, None)


@pytest.mark.parametrize('body', [{'lock': {}}, {'lock': None}])
def test_lock_at_2_73_without_a_reason(client, server, body):
    resp = act(client.at_version('2.73'), server, body)

    assert resp.status_int == 202
    assert lock_state(server.uuid) == (True, 'owner', None)


def test_before_2_73_the_lock_body_is_not_read(client, server):
    resp = act(client.at_version('2.72'), server,
               {'lock': {'locked_reason': 'ignored', 'any': 1}})

    assert resp.status_int == 202
    assert lock_state(server.uuid) == (True, 'owner', None)


@pytest.mark.parametrize('body, message', [
    ({'lock': {'locked_reason': ''}}, 'should be non-empty'),
    ({'lock': {'locked_reason': 'x' * 256}}, 'is too long'),
    ({'lock': {'locked_reason': 1}}, "is not of type 'string'"),
    ({'lock': {'reason': 'x'}}, 'Additional properties are not allowed'),
    ({'lock': 'x'}, "is not of type 'object', 'null'"),
])
def test_an_invalid_lock_at_2_73_is_refused_and_changes_nothing(
        client, server, body, message):
    resp = act(client.at_version('2.73'), server, body)

    status, text = failed(resp)
    assert status == 400
    assert message in text
    assert lock_state(server.uuid) == (False, None, None)
    assert actions_of(server.uuid) == []


def test_locking_again_changes_nothing_for_the_owner(client, server):
    user = client.at_version('2.73')
    act(user, server, {'lock': {'locked_reason': 'first'}})

    resp = act(user, server, {'lock': {'locked_reason': 'second'}})

    assert resp.status_int == 202
    assert lock_state(server.uuid) == (True, 'owner', 'first')
    assert actions_of(server.uuid) == ['lock']


def test_an_admin_takes_over_an_owners_lock(client, admin, server):
    act(client, server, {'lock': None})

    resp = act(admin.at_version('2.73'), server,
               {'lock': {'locked_reason': 'security'}})

    assert resp.status_int == 202
    assert lock_state(server.uuid) == (True, 'admin', 'security')
    assert actions_of(server.uuid) == ['lock', 'lock']


def test_only_an_admin_lifts_an_admins_lock(client, admin, server):
    act(admin.at_version('2.73'), server,
        {'lock': {'locked_reason': 'security'}})

    resp = act(client, server, {'unlock': None})

    assert failed(resp) == (
        403, "Policy doesn't allow os_compute_api:os-lock-server:unlock:"
             "unlock_override to be performed.")
    assert lock_state(server.uuid) == (True, 'admin', 'security')
    assert actions_of(server.uuid) == ['lock']

    assert act(admin, server, {'unlock': None}).status_int == 202
    assert lock_state(server.uuid) == (False, None, None)


def test_an_admin_lifts_an_owners_lock(client, admin, server):
    act(client, server, {'lock': None})

    assert act(admin, server, {'unlock': None}).status_int == 202
    assert lock_state(server.uuid) == (False, None, None)


@pytest.mark.parametrize('body', [{'lock': None}, {'unlock': None}])
def test_another_projects_server_is_not_found(client, server, body):
    other = client.as_user('eve:eve-project')

    assert failed(act(other, server, body)) == (
        404, 'Instance %s could not be found.' % server.uuid)
    assert lock_state(server.uuid) == (False, None, None)
    assert actions_of(server.uuid) == []


# what a lock refuses

# (method, path under the server, body, vm_state that allows it)
GUARDED = [
    ('POST', '/action', {'reboot': {'type': 'SOFT'}}, 'active'),
    ('POST', '/action', {'reboot': {'type': 'HARD'}}, 'active'),
    ('POST', '/action', {'os-stop': None}, 'active'),
    ('POST', '/action', {'os-start': None}, 'stopped'),
    ('POST', '/action', {'pause': None}, 'active'),
    ('POST', '/action', {'unpause': None}, 'paused'),
    ('POST', '/action', {'suspend': None}, 'active'),
    ('POST', '/action', {'resume': None}, 'suspended'),
    ('POST', '/action', {'rebuild': {'imageRef': IMAGE_ID}}, 'active'),
    ('POST', '/metadata', {'metadata': {'a': 'b'}}, 'active'),
    ('PUT', '/metadata', {'metadata': {'a': 'b'}}, 'active'),
    ('PUT', '/metadata/role', {'meta': {'role': 'db'}}, 'active'),
    ('DELETE', '/metadata/role', None, 'active'),
    ('DELETE', '', None, 'active'),
]


def _locked_server(flavor, vm_state, locked_by='owner'):
    return make_instance(flavor, host='compute1', vm_state=vm_state,
                         metadata={'role': 'web'}, locked=True,
                         locked_by=locked_by)


@pytest.mark.parametrize('method, path, body, vm_state', GUARDED)
def test_a_locked_server_refuses_its_owner(client, flavor, image, method,
                                           path, body, vm_state):
    server = _locked_server(flavor, vm_state)

    resp = client.request(method, '/v2.1/servers/%s%s' % (server.uuid, path),
                          body=body)

    assert failed(resp) == (409, 'Instance %s is locked' % server.uuid)
    row = db_instance(server.uuid)
    assert (row.deleted, row.vm_state, row.task_state, row.metadata) == (
        False, vm_state, None, {'role': 'web'})
    assert row.image_ref == IMAGE_ID
    assert actions_of(server.uuid) == []


@pytest.mark.parametrize('method, path, body, vm_state', GUARDED)
def test_an_admin_acts_on_a_locked_server(admin, flavor, image, method, path,
                                          body, vm_state):
    server = _locked_server(flavor, vm_state, locked_by='admin')

    resp = admin.request(method, '/v2.1/servers/%s%s' % (server.uuid, path),
                         body=body)

    assert resp.status_int in (200, 202, 204), resp.body


def test_a_locked_server_can_still_be_renamed_and_tagged(client, flavor):
    server = _locked_server(flavor, 'active')
    user = client.at_version('2.26')

    resp = user.request('PUT', '/v2.1/servers/%s' % server.uuid,
                        body={'server': {'name': 'renamed'}})
    assert resp.status_int == 200
    resp = user.request('PUT', '/v2.1/servers/%s/tags/db' % server.uuid)
    assert resp.status_int == 201
    assert db_instance(server.uuid).display_name == 'renamed'


def test_an_unlocked_server_acts_again(client, flavor):
    server = make_instance(flavor, host='compute1')
    act(client, server, {'lock': None})
    assert act(client, server, {'pause': None}).status_int == 409

    act(client, server, {'unlock': None})

    assert act(client, server, {'pause': None}).status_int == 202
    assert db_instance(server.uuid).task_state == 'pausing'
