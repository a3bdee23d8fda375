"""Personality files on create: accepted until microversion 2.56, as
Nova does, and refused from 2.57."""

import base64

import pytest

from tests.unit.api import create_body

PERSONALITY = [{'path': '/etc/motd',
                'contents': base64.b64encode(b'hello\n').decode()}]


def test_create_with_personality_is_accepted(client, flavor, image):
    resp = client.post('/v2.1/servers',
                       create_body(personality=PERSONALITY))

    assert resp.status_int == 202, resp.text


def test_create_with_personality_at_2_56_is_accepted(client, flavor, image):
    resp = client.at_version('2.56').post(
        '/v2.1/servers', create_body(personality=PERSONALITY,
                                     networks='auto'))

    assert resp.status_int == 202, resp.text


def test_create_with_personality_at_2_57_is_refused(client, flavor, image):
    resp = client.at_version('2.57').post(
        '/v2.1/servers', create_body(personality=PERSONALITY,
                                     networks='auto'))

    assert resp.status_int == 400
    assert "'personality' was unexpected" in \
        resp.json['badRequest']['message']


def test_create_with_personality_contents_not_base64_is_refused(
        client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(
        personality=[{'path': '/etc/motd', 'contents': 'not base64!'}]))

    assert resp.status_int == 400
    assert 'contents' in resp.json['badRequest']['message']


def _servers_in_db():
    from nova_lite import context as nova_context
    from nova_lite import objects
    return len(objects.InstanceList.get_by_filters(
        nova_context.get_admin_context(), {}))


def test_a_personality_file_without_contents_is_a_bad_request(
        client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(
        personality=[{'path': '/etc/motd'}]))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Bad personality format: missing contents'
    assert _servers_in_db() == 0


@pytest.mark.parametrize('personality,message', [
    ([{'path': '/f%d' % i, 'contents': 'eA=='} for i in range(6)],
     'Personality file limit exceeded'),
    ([{'path': '/' + 'p' * 255, 'contents': 'eA=='}],
     'Personality file path exceeds maximum 255'),
    ([{'path': '/f', 'contents': 'eA==' * 2561}],
     'Personality file content exceeds maximum 10240'),
])
def test_personality_files_over_quota_are_forbidden(
        client, flavor, image, personality, message):
    resp = client.post('/v2.1/servers',
                       create_body(personality=personality))

    assert resp.status_int == 403
    assert resp.json['forbidden']['message'] == message
    assert _servers_in_db() == 0
