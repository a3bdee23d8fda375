"""Errors become Nova's fault documents, and authentication failures and
routing errors are faults too."""

import webob
import webob.exc

from nova_lite.api.openstack import faults
from nova_lite import exception


def render(exc):
    return webob.Request.blank('/').get_response(faults.Fault(exc))


def test_a_nova_exception_keeps_its_code_and_message():
    resp = render(exception.InstanceNotFound(instance_id='abc'))

    assert resp.status_int == 404
    assert resp.content_type == 'application/json'
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'Instance abc could not be found.'}}


def test_fault_names_follow_the_status():
    cases = {
        exception.Invalid('bad'): 'badRequest',
        exception.Forbidden(): 'forbidden',
        exception.InstanceNotReady(instance_id='x'): 'conflictingRequest',
        webob.exc.HTTPNotImplemented(): 'notImplemented',
        webob.exc.HTTPUnauthorized(): 'unauthorized',
    }
    for exc, name in cases.items():
        assert list(render(exc).json) == [name]


def test_a_webob_error_keeps_its_explanation():
    resp = render(webob.exc.HTTPConflict(explanation='busy'))

    assert resp.json == {'conflictingRequest': {'code': 409,
                                                'message': 'busy'}}


def test_an_unexpected_error_is_a_generic_compute_fault():
    resp = render(KeyError('password=hunter2'))

    assert resp.status_int == 500
    message = resp.json['computeFault']['message']
    assert message.startswith('Unexpected API Error.')
    assert 'hunter2' not in message
    assert 'Traceback' not in message


def test_an_internal_nova_exception_hides_its_message():
    resp = render(exception.NoValidHost(reason='host1 is secret'))

    assert resp.status_int == 500
    assert 'host1' not in resp.json['computeFault']['message']


def test_the_fault_wrapper_catches_errors_of_the_app_below():
    def broken(environ, start_response):
        raise RuntimeError('oops')

    resp = webob.Request.blank('/').get_response(
        faults.FaultWrapper(broken))

    assert resp.status_int == 500
    assert 'computeFault' in resp.json


def test_a_request_without_token_is_unauthorized(client, db):
    resp = client.as_user(None).get('/v2.1/servers')

    assert resp.status_int == 401
    assert resp.json == {'unauthorized': {
        'code': 401,
        'message': 'The request you have made requires authentication.'}}


def test_a_token_without_colon_is_user_and_project(client, flavor):
    resp = client.as_user('alice').post('/v2.1/servers', {'server': {
        'name': 'x', 'imageRef': '', 'flavorRef': '1'}})

    # Reaches the handler as a normal user of project 'alice'.
    assert resp.json['badRequest']['message'] == 'Missing imageRef attribute'


def test_admin_user_gets_admin_powers(admin, db):
    resp = admin.get('/v2.1/servers?all_tenants=1')

    assert resp.status_int == 200


def test_a_wrong_method_is_405_with_allow(client, db):
    resp = client.request('PUT', '/v2.1/servers')

    assert resp.status_int == 405
    assert resp.headers['Allow'] == 'GET, POST'
    assert resp.json['badMethod']['code'] == 405


def test_an_unknown_url_is_item_not_found(client, db):
    resp = client.get('/v2.1/os-nothing')

    assert resp.status_int == 404
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'The resource could not be found.'}}
