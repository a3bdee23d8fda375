"""Status derivation and the shared helpers of the API."""

import datetime

import pytest

from nova_lite.api.openstack import common


@pytest.mark.parametrize('vm_state,task_state,status', [
    ('active', None, 'ACTIVE'),
    ('active', 'rebooting', 'REBOOT'),
    ('active', 'reboot_pending', 'REBOOT'),
    ('active', 'rebooting_hard', 'HARD_REBOOT'),
    ('active', 'rebuilding', 'REBUILD'),
    ('active', 'migrating', 'MIGRATING'),
    ('active', 'resize_prep', 'RESIZE'),
    ('active', 'powering-off', 'ACTIVE'),
    ('active', 'deleting', 'ACTIVE'),
    ('building', None, 'BUILD'),
    ('building', 'scheduling', 'BUILD'),
    ('building', 'spawning', 'BUILD'),
    ('stopped', None, 'SHUTOFF'),
    ('stopped', 'rebuilding', 'REBUILD'),
    ('stopped', 'resize_prep', 'RESIZE'),
    ('resized', None, 'VERIFY_RESIZE'),
    ('paused', None, 'PAUSED'),
    ('paused', 'migrating', 'MIGRATING'),
    ('suspended', None, 'SUSPENDED'),
    ('rescued', None, 'RESCUE'),
    ('error', None, 'ERROR'),
    ('error', 'rebuilding', 'REBUILD'),
    ('error', 'deleting', 'ERROR'),
    ('deleted', None, 'DELETED'),
    ('soft-delete', None, 'SOFT_DELETED'),
    ('shelved', None, 'SHELVED'),
    ('shelved_offloaded', None, 'SHELVED_OFFLOADED'),
    ('bogus', None, 'UNKNOWN'),
])
def test_status_from_state(vm_state, task_state, status):
    assert common.status_from_state(vm_state, task_state) == status


def test_a_status_maps_back_to_its_states():
    vm_states, task_states = common.task_and_vm_state_from_status(['reboot'])

    assert vm_states == ['active']
    assert task_states == ['reboot_pending', 'reboot_started', 'rebooting']


def test_a_default_status_includes_the_default_task_state():
    vm_states, task_states = common.task_and_vm_state_from_status(
        ['SHUTOFF'])

    assert vm_states == ['stopped']
    assert 'default' in task_states


def test_an_unknown_status_maps_to_nothing():
    assert common.task_and_vm_state_from_status(['NOPE']) == ([], [])


def test_isotime_is_utc_with_z():
    assert common.isotime(datetime.datetime(2024, 5, 1, 10, 0, 5)) == \
        '2024-05-01T10:00:05Z'


def test_naive_time_keeps_microseconds_without_zone():
    value = datetime.datetime(2024, 5, 1, 10, 0, 5,
                              tzinfo=datetime.timezone.utc)

    assert common.naive_time(value) == '2024-05-01T10:00:05.000000'
    assert common.naive_time(None) is None


@pytest.mark.parametrize('href,expected', [
    ('42', '42'), (42, '42'), ('http://x/v2.1/flavors/42', '42'),
    ('http://x/flavors/abc?q=1', 'abc')])
def test_get_id_from_href(href, expected):
    assert common.get_id_from_href(href) == expected


def test_bookmark_base_drops_the_version():
    assert common.remove_trailing_version_from_href(
        'http://host:8774/v2.1') == 'http://host:8774'


def test_url_join_keeps_a_trailing_slash_for_an_empty_last_part():
    assert common.url_join('http://h/', 'v2.1', '') == 'http://h/v2.1/'
    assert common.url_join('http://h', '', 'servers', 'x') == \
        'http://h/servers/x'


@pytest.mark.parametrize('value,expected', [
    ('', True), ('1', True), ('true', True), ('0', False), ('False', False)])
def test_all_tenants_values(value, expected):
    assert common.is_all_tenants({'all_tenants': value}) is expected


def test_all_tenants_absent_is_false():
    assert common.is_all_tenants({}) is False
