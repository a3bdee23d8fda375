"""The resources at 2.79, the highest microversion whose every answer
tempest.lib's schemas describe (it has no 2.88 hypervisor or 2.90 server
schema), so each field the versions before added is checked."""

import pytest

from tests.api import conftest
from tests.api import waiters

pytestmark = pytest.mark.microversion('2.79')


def test_created_server_shows_description_tags_and_its_flavor(member_a, boot):
    server = boot(description='latest', tags=['t'])
    assert (server['description'], server['tags']) == ('latest', ['t'])
    assert server['flavor']['original_name'] == 'm1.nano'


def test_list_and_detail_show_the_server(member_a, server_a):
    assert server_a['id'] in [s['id'] for s in
                              member_a.servers.list_servers()['servers']]
    detail = member_a.servers.list_servers(detail=True)['servers']
    assert server_a['id'] in [s['id'] for s in detail]


def test_admin_sees_the_hostname_and_host_status(admin, server_a):
    server = admin.servers.show_server(server_a['id'])['server']
    assert server['OS-EXT-SRV-ATTR:hostname'] == 'server-a'
    assert server['host_status'] == 'UP'


def test_update_answers_with_the_server(member_a, boot):
    server = boot()
    updated = member_a.servers.update_server(server['id'],
                                             name='renamed')['server']
    assert updated['name'] == 'renamed'


def test_rebuild_answers_with_the_new_description(member_a, boot, image_id):
    server = boot()
    rebuilt = member_a.servers.rebuild_server(server['id'], image_id,
                                              description='again')['server']
    assert rebuilt['description'] == 'again'
    waiters.wait_for_server_status(member_a.servers, server['id'], 'ACTIVE')


def test_action_events_show_the_host_to_an_admin(admin, server_a):
    [create] = admin.servers.list_instance_actions(server_a['id'])[
        'instanceActions']
    action = admin.servers.show_instance_action(
        server_a['id'], create['request_id'])['instanceAction']
    assert all('host' in event for event in action['events'])


def test_interfaces_show_a_null_device_tag(member_a, server_a):
    [port] = member_a.interfaces.list_interfaces(server_a['id'])[
        'interfaceAttachments']
    assert port['tag'] is None


def test_flavors_show_swap_extra_specs_and_description(member_a):
    flavors = member_a.flavors.list_flavors(detail=True)['flavors']
    nano = [f for f in flavors if f['id'] == conftest.FLAVOR][0]
    assert (nano['swap'], nano['extra_specs'], nano['description']) == (
        0, {}, None)


def test_keypairs_are_listed_and_shown(member_a):
    member_a.keypairs.create_keypair(name='latest-key')
    try:
        assert 'latest-key' in [
            item['keypair']['name']
            for item in member_a.keypairs.list_keypairs()['keypairs']]
        member_a.keypairs.show_keypair('latest-key')
    finally:
        member_a.keypairs.delete_keypair('latest-key')


def test_server_groups_are_shown_and_listed(member_a):
    group = member_a.server_groups.create_server_group(
        name='latest', policy='affinity')['server_group']
    try:
        member_a.server_groups.show_server_group(group['id'])
        member_a.server_groups.list_server_groups()
    finally:
        member_a.server_groups.delete_server_group(group['id'])


def test_services_and_hypervisors_are_listed_and_shown(admin):
    admin.services.list_services()
    hypervisors = admin.hypervisors.list_hypervisors(
        detail=True)['hypervisors']
    admin.hypervisors.show_hypervisor(hypervisors[0]['id'])
    admin.hypervisors.show_hypervisor_uptime(hypervisors[0]['id'])


def test_limits_and_quota_sets_are_shown(member_a):
    member_a.limits.show_limits()
    member_a.quotas.show_quota_set(conftest.PROJECT_A)
    member_a.quotas.show_quota_set(conftest.PROJECT_A, detail=True)
    member_a.quotas.show_default_quota_set(conftest.PROJECT_A)


def test_aggregates_and_zones_are_listed(admin):
    admin.aggregates.list_aggregates()
    admin.zones.list_availability_zones(detail=True)
