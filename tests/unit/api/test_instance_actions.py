"""The os-instance-actions API, as Nova answers it at each microversion.
Every success is checked against tempest.lib's response schemas."""

import datetime

from oslo_utils import timeutils
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_51 import servers as v251
from tempest.lib.api_schema.response.compute.v2_58 import servers as v258
from tempest.lib.api_schema.response.compute.v2_62 import servers as v262
from tempest.lib.api_schema.response.compute.v2_80 import servers as v280
from tempest.lib.api_schema.response.compute.v2_84 import servers as v284

from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import instance_action
from nova_lite import policy
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate


@pytest.fixture
def server(flavor):
    """A server with two actions: a create that succeeded on compute1
    (req-create) and a reboot whose event failed (req-reboot)."""
    instance = make_instance(flavor, host='compute1')
    for request_id, action, result in (('req-create', 'create', None),
                                       ('req-reboot', 'reboot', 'boom')):
        ctxt = nova_context.RequestContext(
            user_id='demo', project_id='demo-project', request_id=request_id)
        objects.InstanceAction.action_start(ctxt, instance.uuid, action)
        event = 'compute_%s' % action
        objects.InstanceActionEvent.event_start(ctxt, instance.uuid, event,
                                                'compute1')
        objects.InstanceActionEvent.event_finish(
            ctxt, instance.uuid, event, timeutils.utcnow(), 'compute1',
            exc_val=result, exc_tb='Traceback: boom' if result else None)
    return instance


def _url(server, request_id=''):
    return '/v2.1/servers/%s/os-instance-actions%s' % (
        server.uuid, '/' + request_id if request_id else '')


def test_list_shows_the_actions_newest_first(client, server):
    resp = client.get(_url(server))

    tempest_validate(v21.list_instance_actions, resp)
    actions = resp.json['instanceActions']
    assert [(a['action'], a['request_id'], a['message']) for a in actions
            ] == [('reboot', 'req-reboot', 'Error'),
                  ('create', 'req-create', None)]
    assert actions[0]['user_id'] == 'demo'
    assert 'updated_at' not in actions[0]


def test_show_hides_the_events_from_users_before_2_51(client, server):
    resp = client.get(_url(server, 'req-reboot'))

    tempest_validate(v21.show_instance_action, resp)
    assert 'events' not in resp.json['instanceAction']

    resp = client.at_version('2.51').get(_url(server, 'req-reboot'))

    tempest_validate(v251.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert (event['event'], event['result']) == ('compute_reboot', 'Error')
    assert 'traceback' not in event


def test_admins_see_events_with_traceback_and_from_2_62_the_host(
        admin, server):
    resp = admin.get(_url(server, 'req-reboot'))
    tempest_validate(v21.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert event['traceback'] == 'Traceback: boom'
    assert 'host' not in event

    resp = admin.at_version('2.62').get(_url(server, 'req-reboot'))

    tempest_validate(v262.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert event['host'] == 'compute1'
    assert len(event['hostId']) == 56


def test_users_see_the_host_id_not_the_host_from_2_62(client, server):
    resp = client.at_version('2.62').get(_url(server, 'req-create'))

    tempest_validate(v262.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert 'host' not in event and event['hostId']
    assert event['result'] == 'Success'


def test_paging_and_updated_at_from_2_58(client, server):
    client = client.at_version('2.58')
    resp = client.get(_url(server) + '?limit=1')

    tempest_validate(v258.list_instance_actions, resp)
    [action] = resp.json['instanceActions']
    assert action['request_id'] == 'req-reboot'
    assert action['updated_at'] is not None
    [link] = resp.json['links']
    assert 'marker=req-reboot' in link['href']

    resp = client.get(_url(server) + '?marker=req-reboot')

    assert [a['request_id'] for a in resp.json['instanceActions']] == [
        'req-create']
    assert failed(client.get(_url(server) + '?marker=nope')) == (
        400, 'Marker nope could not be found.')


def test_changes_since_and_before(client, server):
    client = client.at_version('2.66')
    future = (timeutils.utcnow() + datetime.timedelta(hours=1)).isoformat()
    past = (timeutils.utcnow() - datetime.timedelta(hours=1)).isoformat()

    assert client.get(_url(server) + '?changes-since=%s' % future
                      ).json['instanceActions'] == []
    assert len(client.get(_url(server) + '?changes-since=%s' % past
                          ).json['instanceActions']) == 2
    assert client.get(_url(server) + '?changes-before=%s' % past
                      ).json['instanceActions'] == []
    assert failed(client.get(_url(server) + '?changes-since=%s&'
                             'changes-before=%s' % (future, past))) == (
        400, 'The value of changes-since must be less than or equal to '
             'changes-before.')
    assert client.at_version('2.65').get(
        _url(server) + '?changes-before=%s' % past).status_int == 400


def test_another_projects_server_and_an_unknown_action_are_404(
        client, server):
    other = client.as_user('eve:eve-project')
    assert failed(other.get(_url(server))) == (
        404, 'Instance %s could not be found.' % server.uuid)
    assert failed(other.get(_url(server, 'req-create')))[0] == 404
    assert failed(client.get(_url(server, 'req-nope'))) == (
        404, 'Action req-nope not found')


def test_a_deleted_servers_actions_from_2_21(client, server):
    server.destroy()

    assert client.get(_url(server)).status_int == 404
    resp = client.at_version('2.21').get(_url(server))
    assert [a['action'] for a in resp.json['instanceActions']] == [
        'reboot', 'create']


def test_a_step_under_way_shows_as_an_unfinished_event(admin, flavor):
    instance = make_instance(flavor, host='compute1')
    ctxt = nova_context.RequestContext(
        user_id='demo', project_id='demo-project', request_id='req-stop')
    objects.InstanceAction.action_start(ctxt, instance.uuid, 'stop')
    url = _url(instance, 'req-stop')

    with instance_action.EventReporter(ctxt, 'compute_stop_instance',
                                       'compute1', instance.uuid):
        resp = admin.at_version('2.62').get(url)
        tempest_validate(v262.show_instance_action, resp)
        [event] = resp.json['instanceAction']['events']
        assert (event['event'], event['result'], event['finish_time'],
                event['host']) == ('compute_stop_instance', None, None,
                                   'compute1')

    resp = admin.at_version('2.62').get(url)
    tempest_validate(v262.show_instance_action, resp)
    # The same event, now finished.
    [finished] = resp.json['instanceAction']['events']
    assert finished['start_time'] == event['start_time']
    assert finished['result'] == 'Success'
    assert finished['finish_time'] >= finished['start_time']


def test_a_step_whose_start_was_not_recorded_still_shows_its_end(
        admin, flavor, monkeypatch):
    instance = make_instance(flavor, host='compute1')
    ctxt = nova_context.RequestContext(
        user_id='demo', project_id='demo-project', request_id='req-stop')
    objects.InstanceAction.action_start(ctxt, instance.uuid, 'stop')

    def unreachable(*args, **kwargs):
        raise exception.NovaException('database unreachable')

    with monkeypatch.context() as patch:
        patch.setattr(objects.InstanceActionEvent, 'event_start',
                      unreachable)
        with instance_action.EventReporter(ctxt, 'compute_stop_instance',
                                           'compute1', instance.uuid):
            pass

    resp = admin.get(_url(instance, 'req-stop'))
    tempest_validate(v21.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert (event['event'], event['result']) == ('compute_stop_instance',
                                                 'Success')
    assert event['start_time'] <= event['finish_time']


def _failed_event(instance, request_id, failure):
    """Record an action whose compute step raised ``failure``, the way
    the compute manager records its steps."""
    ctxt = nova_context.RequestContext(
        user_id='demo', project_id='demo-project', request_id=request_id)
    objects.InstanceAction.action_start(ctxt, instance.uuid, 'reboot')
    with pytest.raises(type(failure)):
        with instance_action.EventReporter(ctxt, 'compute_reboot_instance',
                                           'compute1', instance.uuid):
            raise failure


def test_admins_see_the_details_of_failed_events_from_2_84(
        admin, server):
    resp = admin.at_version('2.83').get(_url(server, 'req-reboot'))
    tempest_validate(v280.show_instance_action, resp)
    assert 'details' not in resp.json['instanceAction']['events'][0]

    resp = admin.at_version('2.84').get(_url(server, 'req-reboot'))

    tempest_validate(v284.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert (event['result'], event['details']) == ('Error', 'boom')
    resp = admin.at_version('2.84').get(_url(server, 'req-create'))
    tempest_validate(v284.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert (event['result'], event['details']) == ('Success', None)


def test_users_do_not_see_details_unless_the_policy_lets_them(
        conf, client, server, tmp_path):
    resp = client.at_version('2.84').get(_url(server, 'req-reboot'))
    tempest_validate(v284.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert 'details' not in event and 'traceback' not in event

    policy_file = tmp_path / 'policy.yaml'
    policy_file.write_text(
        '"os_compute_api:os-instance-actions:events:details": "@"\n')
    conf.set_override('policy_file', str(policy_file), group='oslo_policy')
    policy.reset()

    resp = client.at_version('2.84').get(_url(server, 'req-reboot'))
    tempest_validate(v284.show_instance_action, resp)
    [event] = resp.json['instanceAction']['events']
    assert event['details'] == 'boom' and 'traceback' not in event
    resp = client.at_version('2.83').get(_url(server, 'req-reboot'))
    assert 'details' not in resp.json['instanceAction']['events'][0]


def test_details_are_the_message_of_a_nova_error_else_its_class_name(
        admin, flavor):
    instance = make_instance(flavor, host='compute1')
    _failed_event(instance, 'req-nova',
                  exception.InstanceNotReady(instance_id=instance.uuid))
    _failed_event(instance, 'req-other',
                  ValueError('password=secret in a driver error'))

    shown = {}
    for request_id in ('req-nova', 'req-other'):
        resp = admin.at_version('2.84').get(_url(instance, request_id))
        tempest_validate(v284.show_instance_action, resp)
        [event] = resp.json['instanceAction']['events']
        assert event['result'] == 'Error'
        assert event['traceback']
        shown[request_id] = event['details']

    assert shown == {
        'req-nova': 'Instance %s is not ready' % instance.uuid,
        'req-other': 'ValueError'}


def test_details_are_cut_to_255_bytes_between_characters(
        admin, flavor):
    instance = make_instance(flavor, host='compute1')
    _failed_event(instance, 'req-long',
                  exception.Invalid('\u00e9' * 200))

    resp = admin.at_version('2.84').get(_url(instance, 'req-long'))

    [event] = resp.json['instanceAction']['events']
    assert event['details'] == '\u00e9' * 127
