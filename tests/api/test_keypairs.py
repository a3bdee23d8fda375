"""/os-keypairs: a user's own key pairs, generated or imported, listed,
shown and deleted; an admin names another user from 2.10; lists are
paged from 2.35."""

import copy
import urllib.parse
import uuid

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import parameter_types
from tempest.lib.api_schema.response.compute.v2_2 import \
    keypairs as keypairs_v22
from tempest.lib import exceptions as lib_exc

from tests.api import clients

PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGjukz1XCf4XY9zmyUI55O4'
              'wvMIUB25eUsrveh1m6p4g test@example')

# Nova answers a full page of a 2.35 list with keypairs_links, which
# tempest's list_keypairs schema (the 2.2 one) does not allow.
LIST_V235 = copy.deepcopy(keypairs_v22.list_keypairs)
LIST_V235['response_body']['properties']['keypairs_links'] = \
    parameter_types.links


@pytest.fixture
def keypair(member_a):
    name = 'key-%s' % uuid.uuid4().hex[:8]
    keypair = member_a.keypairs.create_keypair(name=name)['keypair']
    yield keypair
    try:
        member_a.keypairs.delete_keypair(name)
    except lib_exc.NotFound:
        pass


def _names(user, **params):
    return {item['keypair']['name']
            for item in user.keypairs.list_keypairs(**params)['keypairs']}


def test_create_generates_a_key_and_gives_the_private_key_once(member_a,
                                                               keypair):
    assert keypair['private_key'].startswith('-----BEGIN')
    shown = member_a.keypairs.show_keypair(keypair['name'])['keypair']
    assert 'private_key' not in shown
    assert shown['fingerprint'] == keypair['fingerprint']


def test_import_keeps_the_public_key_without_a_private_one(member_a):
    keypair = member_a.keypairs.create_keypair(
        name='imported', public_key=PUBLIC_KEY)['keypair']
    try:
        assert 'private_key' not in keypair
        assert keypair['public_key'] == PUBLIC_KEY
    finally:
        member_a.keypairs.delete_keypair('imported')


@pytest.mark.microversion('2.2')
def test_create_is_201_with_the_type_from_2_2(member_a):
    resp = member_a.keypairs.create_keypair(name='typed', type='x509')
    try:
        assert resp.response.status == 201
        assert resp['keypair']['type'] == 'x509'
    finally:
        member_a.keypairs.delete_keypair('typed')


def test_list_shows_the_user_keys(member_a, keypair):
    assert keypair['name'] in _names(member_a)


def test_create_with_a_taken_name_is_409(member_a, keypair):
    with clients.refused(409, "Key pair '%s' already exists."
                         % keypair['name']):
        member_a.keypairs.create_keypair(name=keypair['name'])


def test_create_with_a_bad_name_is_400_and_creates_nothing(member_a):
    with clients.refused(400) as refusal:
        member_a.keypairs.create_keypair(name='bad/name')
    assert 'Invalid input for field/attribute name' in refusal.message
    assert 'bad/name' not in _names(member_a)


def test_import_of_an_invalid_public_key_is_400(member_a):
    with clients.refused(400) as refusal:
        member_a.keypairs.create_keypair(name='invalid', public_key='nope')
    assert refusal.message.startswith('Keypair data is invalid')
    assert 'invalid' not in _names(member_a)


def test_show_of_an_unknown_key_is_404(member_a):
    with clients.refused(404, 'Keypair nope not found for user alice'):
        member_a.keypairs.show_keypair('nope')


def test_delete_removes_the_key(member_a, keypair):
    member_a.keypairs.delete_keypair(keypair['name'])
    assert keypair['name'] not in _names(member_a)


@pytest.mark.microversion('2.2')
def test_delete_is_204_from_2_2(member_a, keypair):
    resp = member_a.keypairs.delete_keypair(keypair['name'])
    assert resp.response.status == 204


def test_delete_of_an_unknown_key_is_404(member_a):
    with clients.refused(404, 'Keypair nope not found for user alice'):
        member_a.keypairs.delete_keypair('nope')


@pytest.mark.microversion('2.10')
def test_admin_sees_another_user_key_from_2_10(admin, keypair):
    shown = admin.keypairs.show_keypair(keypair['name'],
                                        user_id='alice')['keypair']
    assert shown['user_id'] == 'alice'
    assert keypair['name'] in _names(admin, user_id='alice')


@pytest.mark.microversion('2.10')
def test_user_cannot_name_another_user(member_b, keypair):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-keypairs:show')):
        member_b.keypairs.show_keypair(keypair['name'], user_id='alice')


@pytest.mark.microversion('2.35')
def test_list_is_paged_from_2_35(member_a):
    names = ['paged-%d' % i for i in range(3)]
    for name in names:
        member_a.keypairs.create_keypair(name=name)
    try:
        _headers, first = clients.call(member_a.keypairs, 'GET',
                                       'os-keypairs?limit=2', LIST_V235)
        first_names = [item['keypair']['name'] for item in first['keypairs']]
        assert len(first_names) == 2
        [link] = first['keypairs_links']
        assert link['rel'] == 'next'
        assert 'marker=%s' % urllib.parse.quote(first_names[-1]) in \
            link['href']
        rest = _names(member_a, marker=first_names[-1])
        assert not rest & set(first_names)
    finally:
        for name in names:
            member_a.keypairs.delete_keypair(name)


@pytest.mark.microversion('2.35')
def test_list_with_an_unknown_marker_is_400(member_a):
    with clients.refused(400) as refusal:
        member_a.keypairs.list_keypairs(marker='nope')
    assert 'nope' in refusal.message


@pytest.mark.microversion('2.92')
def test_from_2_92_a_key_is_imported_only(member_a):
    with clients.refused(400, "Invalid input for field/attribute keypair. "
                              "Value: {'name': 'generated'}. 'public_key' "
                              "is a required property"):
        member_a.keypairs.create_keypair(name='generated')
    assert 'generated' not in _names(member_a)


@pytest.mark.microversion('2.92')
def test_from_2_92_a_name_may_have_at_signs_and_dots(member_a):
    name = 'me@example.com.pub'
    keypair = member_a.keypairs.create_keypair(
        name=name, public_key=PUBLIC_KEY)['keypair']
    try:
        assert 'private_key' not in keypair
        assert member_a.keypairs.show_keypair(name)['keypair']['name'] == \
            name
    finally:
        member_a.keypairs.delete_keypair(name)
    assert name not in _names(member_a)
