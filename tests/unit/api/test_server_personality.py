"""Personality files on create: accepted until microversion 2.56, as
Nova does, and refused from 2.57."""

import base64

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
