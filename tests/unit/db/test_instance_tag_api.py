"""The database's own rules on server tags: only a live instance of the
caller's project (or any, for an admin) has tags to read or change, a
tag added twice is one tag, and tags go with their instance."""

import pytest

from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite.db import instance_tag_api as tag_db
from nova_lite import exception

VM1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'


@pytest.fixture
def owner(conf):
    return nova_context.RequestContext(user_id='demo', project_id='p1')


@pytest.fixture
def instance(db, owner):
    return db_api.instance_create(
        owner, {'uuid': VM1, 'project_id': 'p1', 'tags': ['b', 'a', 'b']})


def _names(rows):
    return [row['tag'] for row in rows]


def test_an_instance_is_created_with_its_tags_once_each(owner, instance):
    assert instance['tags'] == ['a', 'b']
    assert _names(tag_db.instance_tag_get_by_instance_uuid(owner, VM1)) == [
        'a', 'b']


def test_a_tag_added_twice_is_one_tag(owner, instance):
    tag_db.instance_tag_add(owner, VM1, 'c')
    tag_db.instance_tag_add(owner, VM1, 'c')

    assert _names(tag_db.instance_tag_get_by_instance_uuid(owner, VM1)) == [
        'a', 'b', 'c']


def test_set_replaces_the_tags(owner, instance):
    assert _names(tag_db.instance_tag_set(owner, VM1, ['c', 'a'])) == [
        'a', 'c']


def test_deleting_a_missing_tag_is_not_found(owner, instance):
    with pytest.raises(exception.InstanceTagNotFound):
        tag_db.instance_tag_delete(owner, VM1, 'z')


CALLS = [
    lambda ctxt: tag_db.instance_tag_get_by_instance_uuid(ctxt, VM1),
    lambda ctxt: tag_db.instance_tag_exists(ctxt, VM1, 'a'),
    lambda ctxt: tag_db.instance_tag_add(ctxt, VM1, 'c'),
    lambda ctxt: tag_db.instance_tag_set(ctxt, VM1, ['c']),
    lambda ctxt: tag_db.instance_tag_delete(ctxt, VM1, 'a'),
    lambda ctxt: tag_db.instance_tag_delete_all(ctxt, VM1),
]


@pytest.mark.parametrize('call', CALLS)
def test_another_projects_instance_has_no_tags_to_touch(owner, instance,
                                                        call):
    other = nova_context.RequestContext(user_id='eve', project_id='p2')

    with pytest.raises(exception.InstanceNotFound):
        call(other)
    assert tag_db.instance_tags_get_many(owner, [VM1]) == {VM1: ['a', 'b']}


@pytest.mark.parametrize('call', CALLS)
def test_an_admin_touches_any_projects_tags(admin_context, instance, call):
    call(admin_context)


@pytest.mark.parametrize('call', CALLS)
def test_a_deleted_instance_has_no_tags(owner, instance, call):
    db_api.instance_destroy(owner, VM1)

    with pytest.raises(exception.InstanceNotFound):
        call(owner)
    assert tag_db.instance_tags_get_many(owner, [VM1]) == {VM1: []}
