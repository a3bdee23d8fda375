"""Server actions (POST /servers/{id}/action) and how unexpected errors
of the handlers are answered."""

from unittest import mock

from oslo_utils import uuidutils

from nova_lite.compute import api as compute_api
from nova_lite import exception
from tests.unit.api import create_body
from tests.unit.api import make_instance


def console_action(length=None):
    return {'os-getConsoleOutput': {'length': length}}


def test_console_output_returns_the_log_without_control_chars(client,
                                                              flavor):
    instance = make_instance(flavor, host='compute1')
    with mock.patch.object(compute_api.API, 'get_console_output',
                           return_value='boot\x07ed\nok\n') as get:
        resp = client.post('/v2.1/servers/%s/action' % instance.uuid,
                           console_action(length=5))

    assert resp.status_int == 200
    assert resp.json == {'output': 'booted\nok\n'}
    assert get.call_args.kwargs['tail_length'] == 5


def test_console_output_with_a_bad_length_is_bad_request(client, flavor):
    instance = make_instance(flavor, host='compute1')

    resp = client.post('/v2.1/servers/%s/action' % instance.uuid,
                       console_action(length=-2))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for field/attribute length. Value: -2.')


def test_console_output_of_a_server_not_ready_is_a_conflict(client, flavor):
    instance = make_instance(flavor, vm_state='building')

    resp = client.post('/v2.1/servers/%s/action' % instance.uuid,
                       console_action())

    assert resp.status_int == 409
    assert resp.json == {'conflictingRequest': {
        'code': 409,
        'message': 'Instance %s is not ready' % instance.uuid}}


def test_console_output_of_a_missing_server_is_not_found(client, db):
    resp = client.post('/v2.1/servers/%s/action' % uuidutils.generate_uuid(),
                       console_action())

    assert resp.status_int == 404


def test_an_unknown_action_is_bad_request(client, flavor):
    instance = make_instance(flavor)

    resp = client.post('/v2.1/servers/%s/action' % instance.uuid,
                       {'fly': None})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'There is no such action: fly'


def test_an_action_body_with_two_keys_is_bad_request(client, flavor):
    instance = make_instance(flavor)

    resp = client.post('/v2.1/servers/%s/action' % instance.uuid,
                       {'a': 1, 'b': 2})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == 'Malformed request body'


def test_unexpected_errors_are_a_generic_500(client, flavor, image):
    with mock.patch.object(compute_api.API, 'create',
                           side_effect=ValueError('secret detail')):
        resp = client.post('/v2.1/servers', create_body())

    assert resp.status_int == 500
    assert 'secret detail' not in resp.text
    assert resp.json['computeFault']['code'] == 500


def test_instance_invalid_state_on_delete_is_a_conflict(client, flavor):
    instance = make_instance(flavor)
    error = exception.InstanceInvalidState(
        instance_uuid=instance.uuid, attr='task_state', state='deleting',
        method='update')
    with mock.patch.object(compute_api.API, 'delete', side_effect=error):
        resp = client.delete('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 409
    assert resp.json['conflictingRequest']['message'] == (
        "Cannot 'delete' instance %s while it is in task_state deleting" %
        instance.uuid)
