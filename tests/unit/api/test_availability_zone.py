"""The os-availability-zone API: the zones hosts are in, as Nova lists
them. Every success is checked against tempest.lib's response
schemas."""

import datetime

from oslo_utils import timeutils
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import availability_zone \
    as schemas

from nova_lite import objects
from tests.unit.api import tempest_validate

ZONES = '/v2.1/os-availability-zone'


def _service(context, host, binary='nova-lite-compute', topic='compute',
             **values):
    values.setdefault('last_seen_up', timeutils.utcnow())
    service = objects.Service(context, host=host, binary=binary,
                              topic=topic, **values)
    service.create()
    return service


def _aggregate(context, name, zone, hosts):
    aggregate = objects.Aggregate(context, name=name,
                                  metadata={'availability_zone': zone})
    aggregate.create()
    for host in hosts:
        aggregate.add_host(host)


@pytest.fixture
def services(db, admin_context):
    """cmp1 in az1, cmp2 in the default zone, cmp3 disabled in az3, and
    the conductor, scheduler and API on ctl1."""
    for host in ('cmp1', 'cmp2'):
        _service(admin_context, host)
    _service(admin_context, 'cmp3', disabled=True)
    for binary, topic in (('nova-lite-conductor', 'conductor'),
                          ('nova-lite-scheduler', 'scheduler'),
                          ('nova-lite-api', None)):
        _service(admin_context, 'ctl1', binary=binary, topic=topic)
    _aggregate(admin_context, 'agg1', 'az1', ['cmp1'])
    _aggregate(admin_context, 'agg3', 'az3', ['cmp3'])


def _zones(resp):
    return {zone['zoneName']: zone['zoneState']['available']
            for zone in resp.json['availabilityZoneInfo']}


# list

def test_list_shows_zones_and_whether_available(client, services):
    resp = client.get(ZONES)

    tempest_validate(schemas.list_availability_zone_list, resp)
    assert _zones(resp) == {'az1': True, 'nova': True, 'az3': False}


def test_list_hides_the_internal_zone(client, services):
    resp = client.get(ZONES)

    assert 'internal' not in _zones(resp)


def test_list_puts_available_zones_first(client, services):
    resp = client.get(ZONES)

    assert [zone['zoneName'] for zone in resp.json['availabilityZoneInfo']
            ] == ['az1', 'nova', 'az3']


def test_list_without_services_is_empty(client, db):
    resp = client.get(ZONES)

    assert resp.json == {'availabilityZoneInfo': []}


def test_a_zone_with_one_enabled_service_is_available(client, services,
                                                      admin_context):
    _service(admin_context, 'cmp4')
    _aggregate(admin_context, 'agg4', 'az3', ['cmp4'])

    assert _zones(client.get(ZONES))['az3'] is True


def test_internal_zone_name_follows_the_option(client, services, conf):
    conf.set_override('internal_service_availability_zone', 'az1',
                      group='api')

    assert 'az1' not in _zones(client.get(ZONES))


# detail

def test_detail_shows_hosts_and_their_services(admin, services):
    resp = admin.get(ZONES + '/detail')

    tempest_validate(schemas.list_availability_zone_list_detail, resp)
    zones = {zone['zoneName']: zone
             for zone in resp.json['availabilityZoneInfo']}
    assert set(zones) == {'az1', 'nova', 'internal', 'az3'}
    assert set(zones['az1']['hosts']) == {'cmp1'}
    cmp1 = zones['az1']['hosts']['cmp1']['nova-lite-compute']
    assert (cmp1['available'], cmp1['active']) == (True, True)


def test_detail_lists_internal_services_but_not_the_api(admin, services):
    resp = admin.get(ZONES + '/detail')

    [internal] = [zone for zone in resp.json['availabilityZoneInfo']
                  if zone['zoneName'] == 'internal']
    assert internal['hosts'] == {'ctl1': {
        'nova-lite-conductor': internal['hosts']['ctl1'][
            'nova-lite-conductor'],
        'nova-lite-scheduler': internal['hosts']['ctl1'][
            'nova-lite-scheduler']}}


def test_detail_shows_no_hosts_for_unavailable_zones(admin, services):
    resp = admin.get(ZONES + '/detail')

    [az3] = [zone for zone in resp.json['availabilityZoneInfo']
             if zone['zoneName'] == 'az3']
    assert az3 == {'zoneName': 'az3', 'zoneState': {'available': False},
                   'hosts': None}


def test_detail_marks_a_silent_service_unavailable(admin, services,
                                                   admin_context, conf):
    stale = timeutils.utcnow() - datetime.timedelta(
        seconds=conf.service_down_time + 60)
    _service(admin_context, 'cmp5', last_seen_up=stale)

    resp = admin.get(ZONES + '/detail')

    [nova] = [zone for zone in resp.json['availabilityZoneInfo']
              if zone['zoneName'] == 'nova']
    assert nova['hosts']['cmp5']['nova-lite-compute']['available'] is False
    assert nova['hosts']['cmp2']['nova-lite-compute']['available'] is True


def test_detail_shows_when_a_service_was_updated(admin, services,
                                                 admin_context):
    service = objects.Service.get_by_host_and_binary(
        admin_context, 'cmp2', 'nova-lite-compute')
    service.heartbeat()

    resp = admin.get(ZONES + '/detail')

    [nova] = [zone for zone in resp.json['availabilityZoneInfo']
              if zone['zoneName'] == 'nova']
    assert nova['hosts']['cmp2']['nova-lite-compute']['updated_at'] == (
        service.updated_at.replace(tzinfo=None).strftime(
            '%Y-%m-%dT%H:%M:%S.%f'))


def test_detail_is_for_admins(client, services):
    resp = client.get(ZONES + '/detail')

    assert resp.status_int == 403
    assert resp.json['forbidden']['message'] == (
        "Policy doesn't allow os_compute_api:os-availability-zone:detail "
        "to be performed.")
