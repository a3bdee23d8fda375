"""/os-quota-sets: a project's limits and usage, read by its members,
set and reset by admins; the defaults for anyone."""

import pytest

from tests.api import clients
from tests.api import conftest

# A project of the quota tests' own: changing its limits touches no
# other test.
PROJECT_Q = 'project-q'


@pytest.fixture
def project_q_quotas(admin):
    yield
    admin.quotas.delete_quota_set(PROJECT_Q)


def test_show_gives_a_member_the_project_limits(member_a):
    quota_set = member_a.quotas.show_quota_set(
        conftest.PROJECT_A)['quota_set']
    assert quota_set['id'] == conftest.PROJECT_A
    assert (quota_set['instances'], quota_set['key_pairs']) == (-1, 100)


def test_defaults_are_shown_to_anyone(member_b):
    defaults = member_b.quotas.show_default_quota_set(
        conftest.PROJECT_A)['quota_set']
    assert defaults['metadata_items'] == 128


def test_detail_shows_the_usage(member_a, server_a):
    detail = member_a.quotas.show_quota_set(conftest.PROJECT_A,
                                            detail=True)['quota_set']
    assert detail['instances']['in_use'] >= 1
    assert detail['instances']['limit'] == -1


def test_admin_sets_a_limit(admin, project_q_quotas):
    answer = admin.quotas.update_quota_set(PROJECT_Q,
                                           key_pairs=7)['quota_set']
    assert answer['key_pairs'] == 7
    assert admin.quotas.show_quota_set(PROJECT_Q)['quota_set'][
        'key_pairs'] == 7


def test_delete_brings_back_the_defaults(admin):
    admin.quotas.update_quota_set(PROJECT_Q, key_pairs=7)
    admin.quotas.delete_quota_set(PROJECT_Q)
    assert admin.quotas.show_quota_set(PROJECT_Q)['quota_set'][
        'key_pairs'] == 100


def test_a_limit_below_the_usage_is_400_and_changes_nothing(admin,
                                                            server_a):
    with clients.refused(400) as refusal:
        admin.quotas.update_quota_set(conftest.PROJECT_A, instances=0)
    assert refusal.message.startswith(
        'Quota limit 0 for instances must be greater than or equal to '
        'already used and reserved')
    assert admin.quotas.show_quota_set(conftest.PROJECT_A)['quota_set'][
        'instances'] == -1


def test_an_unknown_resource_is_400_and_changes_nothing(admin):
    with clients.refused(400) as refusal:
        admin.quotas.update_quota_set(PROJECT_Q, key_pairs=7, rockets=1)
    assert "Additional properties are not allowed ('rockets' was " \
        "unexpected)" in refusal.message
    assert admin.quotas.show_quota_set(PROJECT_Q)['quota_set'][
        'key_pairs'] == 100


@pytest.mark.microversion('2.36')
def test_quota_sets_drop_the_nova_network_resources_from_2_36(member_a):
    quota_set = member_a.quotas.show_quota_set(
        conftest.PROJECT_A)['quota_set']
    assert not {'floating_ips', 'fixed_ips', 'security_groups',
                'security_group_rules'} & set(quota_set)


@pytest.mark.microversion('2.57')
def test_quota_sets_drop_the_personality_resources_from_2_57(member_a):
    quota_set = member_a.quotas.show_quota_set(
        conftest.PROJECT_A)['quota_set']
    assert not {'injected_files', 'injected_file_content_bytes',
                'injected_file_path_bytes'} & set(quota_set)


def test_member_cannot_set_a_limit(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-quota-sets:update')):
        member_a.quotas.update_quota_set(conftest.PROJECT_A, instances=5)
    assert member_a.quotas.show_quota_set(conftest.PROJECT_A)['quota_set'][
        'instances'] == -1


def test_member_cannot_read_another_project_quotas(member_b):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-quota-sets:show')):
        member_b.quotas.show_quota_set(conftest.PROJECT_A)
