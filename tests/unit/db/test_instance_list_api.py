"""The database's own rules on instance lists, beyond what GET /servers
can ask for: the caller's project for a non-administrator, list
filters, keys and sort keys that are no column."""

import pytest

from nova_lite import context as nova_context
from nova_lite.db import api as db_api
from nova_lite.db import instance_list_api as list_db
from nova_lite import exception


@pytest.fixture
def instances(db, admin_context):
    for name, project, user in (('mine', 'p1', 'u1'), ('theirs', 'p2', 'u2'),
                                ('nobodys', None, 'u1')):
        db_api.instance_create(admin_context, {
            'display_name': name, 'project_id': project, 'user_id': user})


def _names(context, filters, **kwargs):
    return sorted(row['display_name'] for row in
                  list_db.instance_get_all_by_filters(context, filters,
                                                      **kwargs))


def test_a_user_lists_its_project_only(instances):
    user = nova_context.RequestContext(user_id='u2', project_id='p1')

    assert _names(user, {}) == ['mine']
    assert _names(user, {'project_id': 'p2'}) == ['mine']


def test_a_user_without_a_project_lists_its_own(instances):
    user = nova_context.RequestContext(user_id='u1', project_id=None)

    assert _names(user, {}) == ['mine', 'nobodys']


def test_an_administrator_lists_every_project(instances, admin_context):
    assert _names(admin_context, {}) == ['mine', 'nobodys', 'theirs']


def test_a_list_filter_matches_any_of_its_items(instances, admin_context):
    assert _names(admin_context, {'uuid': []}) == []
    assert _names(admin_context, {'project_id': ['p1', 'p2']}) == [
        'mine', 'theirs']


def test_a_key_that_is_no_column_is_ignored(instances, admin_context):
    assert _names(admin_context, {'description': 'x', 'cleaned': 1}) == [
        'mine', 'nobodys', 'theirs']


def test_a_sort_key_that_is_no_column_is_invalid_input(instances,
                                                       admin_context):
    with pytest.raises(exception.InvalidInput):
        list_db.instance_get_all_by_filters(admin_context, {},
                                            sort_keys=['bogus'])
