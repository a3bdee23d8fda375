"""Services register and heartbeat; the compute service works with no
database configuration at all; operators see and switch them through
os-services and see their hosts through os-hypervisors."""

import configparser
import os
import time

from oslo_utils import netutils
from tempest.lib.api_schema.response.compute.v2_53 import hypervisors \
    as v253

from tests import deployment
from tests.functional import tempest_validate


def test_every_service_registers_and_is_up(cloud):
    states = cloud.service_states()
    for binary in ('nova-lite-conductor', 'nova-lite-scheduler',
                   'nova-lite-api'):
        assert states[(binary, 'controller')] == 'up'
    assert states[('nova-lite-compute', 'compute1')] == 'up'


def test_compute_builds_with_no_database_configured(cloud, api):
    parser = configparser.ConfigParser()
    parser.read(cloud.compute_conf_path('compute1'))
    assert not parser.has_section('database')
    resp = api.create_server('no-db', cloud.image_id)
    api.wait_for_status(resp.json()['server']['id'], {'ACTIVE'})
    # Had a compute opened its default database, an sqlite file would now
    # exist under the state_path the computes share with nobody else.
    state = os.path.join(cloud.dir, 'state')
    assert not [f for f in os.listdir(state) if f.endswith('.sqlite')]


def test_stopped_compute_is_reported_down(image_file):
    dep = deployment.Deployment(database='sqlite', computes=('lonely',))
    try:
        dep.start(image_path=image_file)
        dep.kill('lonely')
        deadline = time.time() + 30
        while time.time() < deadline:
            if dep.service_states()[('nova-lite-compute', 'lonely')] == \
                    'down':
                break
            time.sleep(0.5)
        assert dep.service_states()[('nova-lite-compute', 'lonely')] == \
            'down'
    finally:
        dep.stop()


def test_a_compute_disabled_through_the_api_gets_no_new_servers(cloud, api):
    admin = cloud.client('admin', 'admin')
    headers = {'OpenStack-API-Version': 'compute 2.53'}
    [service] = admin.get('/os-services?host=compute1', headers=headers
                          ).json()['services']
    # A first boot, so that the scheduler holds the services in its cache.
    ids = [api.create_server('on', cloud.image_id).json()['server']['id']]
    try:
        api.wait_for_status(ids[0], {'ACTIVE'})
        resp = admin.request('PUT', '/os-services/%s' % service['id'],
                             json={'status': 'disabled',
                                   'disabled_reason': 'maintenance'},
                             headers=headers)
        assert resp.status_code == 200, resp.text
        # At once: the scheduler sees the change at its next request.
        for i in range(3):
            ids.append(api.create_server('off%d' % i, cloud.image_id
                                         ).json()['server']['id'])
        for server_id in ids[1:]:
            api.wait_for_status(server_id, {'ACTIVE'})
        assert {admin.get('/servers/%s' % server_id).json()['server'][
            'OS-EXT-SRV-ATTR:host'] for server_id in ids[1:]} == {
            'compute2'}
    finally:
        admin.request('PUT', '/os-services/%s' % service['id'],
                      json={'status': 'enabled'}, headers=headers)
        for server_id in ids:
            api.delete('/servers/%s' % server_id)
        for server_id in ids:
            api.wait_for_deleted(server_id)


def test_hypervisors_show_what_the_computes_report(cloud):
    admin = cloud.client('admin', 'admin')
    headers = {'OpenStack-API-Version': 'compute 2.53'}

    resp = admin.get('/os-hypervisors/detail', headers=headers)

    tempest_validate(v253.list_hypervisors_detail, resp)
    shown = {h['hypervisor_hostname']: h for h in resp.json()['hypervisors']}
    assert sorted(shown) == ['compute1', 'compute2']
    compute1 = shown['compute1']
    assert (compute1['state'], compute1['status'], compute1['host_ip'],
            compute1['hypervisor_type']) == (
        'up', 'enabled', netutils.get_my_ipv4(), 'fake')
    assert compute1['vcpus'] > 0 and compute1['disk_available_least'] > 0

    resp = admin.get('/os-hypervisors/%s/uptime' % compute1['id'],
                     headers=headers)

    tempest_validate(v253.get_hypervisor_uptime, resp)
    # What uptime(1) printed on the compute's host.
    assert 'load average' in resp.json()['hypervisor']['uptime']
