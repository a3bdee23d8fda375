"""/os-availability-zone: the zones for anyone, and for admins the hosts
and services in each."""

from tests.api import clients


def test_list_shows_the_default_zone_available(member_a):
    zones = member_a.zones.list_availability_zones()['availabilityZoneInfo']
    assert {'zoneName': 'nova', 'zoneState': {'available': True},
            'hosts': None} in zones


def test_list_hides_the_internal_zone(member_a):
    zones = member_a.zones.list_availability_zones()['availabilityZoneInfo']
    assert 'internal' not in [zone['zoneName'] for zone in zones]


def test_detail_shows_each_compute_host_in_its_zone(admin):
    zones = {zone['zoneName']: zone for zone in admin.zones.
             list_availability_zones(detail=True)['availabilityZoneInfo']}
    hosts = zones['nova']['hosts']
    assert {'compute1', 'compute2'} <= set(hosts)
    service = hosts['compute1']['nova-lite-compute']
    assert (service['available'], service['active']) == (True, True)


def test_detail_shows_the_controller_services_in_the_internal_zone(admin):
    zones = {zone['zoneName']: zone for zone in admin.zones.
             list_availability_zones(detail=True)['availabilityZoneInfo']}
    assert set(zones['internal']['hosts']['controller']) == {
        'nova-lite-conductor', 'nova-lite-scheduler'}


def test_member_cannot_see_the_detail(member_a):
    with clients.refused(403, clients.policy_message(
            'os_compute_api:os-availability-zone:detail')):
        member_a.zones.list_availability_zones(detail=True)
