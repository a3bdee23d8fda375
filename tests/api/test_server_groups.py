"""/os-server-groups: a project's groups, created, listed, shown and
deleted by its members; a server booted into one is a member of it."""

import uuid

import pytest
from tempest.lib import exceptions as lib_exc

from tests.api import clients
from tests.api import conftest


@pytest.fixture
def group(member_a):
    group = member_a.server_groups.create_server_group(
        name='group-%s' % uuid.uuid4().hex[:8],
        policies=['anti-affinity'])['server_group']
    yield group
    try:
        member_a.server_groups.delete_server_group(group['id'])
    except lib_exc.NotFound:
        pass


def _group_ids(user, **params):
    return [group['id'] for group in
            user.server_groups.list_server_groups(**params)['server_groups']]


def test_create_answers_with_the_empty_group(group):
    assert (group['policies'], group['members']) == (['anti-affinity'], [])


@pytest.mark.microversion('2.13')
def test_group_shows_its_project_and_user_from_2_13(member_a, group):
    shown = member_a.server_groups.show_server_group(
        group['id'])['server_group']
    assert (shown['project_id'], shown['user_id']) == (conftest.PROJECT_A,
                                                       'alice')


@pytest.mark.microversion('2.64')
def test_create_takes_one_policy_and_rules_from_2_64(member_a):
    group = member_a.server_groups.create_server_group(
        name='ruled', policy='anti-affinity',
        rules={'max_server_per_host': 2})['server_group']
    try:
        assert (group['policy'], group['rules']) == (
            'anti-affinity', {'max_server_per_host': 2})
    finally:
        member_a.server_groups.delete_server_group(group['id'])


@pytest.mark.microversion('2.64')
def test_rules_of_an_affinity_group_are_400(member_a):
    with clients.refused(400, 'Only anti-affinity policy supports rules.'):
        member_a.server_groups.create_server_group(
            name='affine', policy='affinity',
            rules={'max_server_per_host': 2})


def test_create_with_an_unknown_policy_is_400_and_creates_nothing(
        member_a):
    before = _group_ids(member_a)
    with clients.refused(400) as refusal:
        member_a.server_groups.create_server_group(name='odd',
                                                   policies=['nearby'])
    assert 'Invalid input for field/attribute' in refusal.message
    assert _group_ids(member_a) == before


def test_list_shows_the_project_groups(member_a, group):
    assert group['id'] in _group_ids(member_a)


def test_list_pages_with_limit_and_offset(member_a, group):
    second = member_a.server_groups.create_server_group(
        name='second', policies=['affinity'])['server_group']
    try:
        everything = _group_ids(member_a)
        assert _group_ids(member_a, limit=1, offset=1) == everything[1:2]
    finally:
        member_a.server_groups.delete_server_group(second['id'])


def test_a_server_booted_in_the_group_is_a_member(member_a, group, boot):
    server = boot(scheduler_hints={'group': group['id']})
    assert member_a.server_groups.show_server_group(
        group['id'])['server_group']['members'] == [server['id']]


def test_delete_removes_the_group(member_a, group):
    member_a.server_groups.delete_server_group(group['id'])
    assert group['id'] not in _group_ids(member_a)


def test_show_of_an_unknown_group_is_404(member_a):
    group_id = str(uuid.uuid4())
    with clients.refused(404, 'Instance group %s could not be found.'
                         % group_id):
        member_a.server_groups.show_server_group(group_id)


def test_delete_of_an_unknown_group_is_404(member_a):
    with clients.refused(404):
        member_a.server_groups.delete_server_group(str(uuid.uuid4()))
