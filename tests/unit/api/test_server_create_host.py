"""Server create on a requested host and/or node (2.74), as Nova answers
it: admins only, refused for a host or node that does not exist, and
honoured by the scheduler."""

import pytest
import sqlalchemy as sa
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_73 import servers as v273

from nova_lite import context as nova_context
from nova_lite.db import api as db
from nova_lite.db import models
from nova_lite import objects
from nova_lite.scheduler import manager as scheduler_manager
from tests.unit.api import create_body
from tests.unit.api import failed
from tests.unit.api import tempest_validate
from tests.unit import fakes

SERVERS = '/v2.1/servers'


def _instance_rows():
    with db.get_engine().connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(
            models.Instance)).scalar_one()


def _spec(server_id):
    return objects.RequestSpec.get_by_instance_uuid(
        nova_context.get_admin_context(), server_id)


def _destination(server_id):
    destination = _spec(server_id).requested_destination
    return (destination.obj_get('host'), destination.obj_get('node'))


def _boot(client, version='2.74', **server):
    return client.at_version(version).post(
        SERVERS, create_body(networks='auto', **server))


@pytest.fixture
def hosts(db, admin_context):
    """cmp1 (node cmp1-node) and cmp2 (node cmp2-node), which has more
    free RAM: the scheduler's weighers prefer it."""
    fakes.compute_host(admin_context, 'cmp1', memory_mb=2048,
                       nodename='cmp1-node')
    fakes.compute_host(admin_context, 'cmp2', memory_mb=8192,
                       nodename='cmp2-node')


@pytest.mark.parametrize('server,destination', [
    ({'host': 'cmp1'}, ('cmp1', None)),
    ({'hypervisor_hostname': 'cmp1-node'}, (None, 'cmp1-node')),
    ({'host': 'cmp1', 'hypervisor_hostname': 'cmp1-node'},
     ('cmp1', 'cmp1-node')),
])
def test_admin_requests_a_host_or_node(admin, hosts, flavor, image, server,
                                       destination):
    resp = _boot(admin, **server)

    tempest_validate(v21.create_server_with_admin_pass, resp)
    server_id = resp.json['server']['id']
    assert _destination(server_id) == destination
    show = admin.at_version('2.74').get('%s/%s' % (SERVERS, server_id))
    tempest_validate(v273.get_server, show)
    assert show.json['server']['status'] == 'BUILD'


def test_the_server_lands_on_the_requested_host(admin, hosts, flavor,
                                                image, conf):
    resp = _boot(admin, host='cmp1')

    server_id = resp.json['server']['id']
    scheduler = scheduler_manager.SchedulerManager(
        'sched', 'nova-lite-scheduler', conf)
    [selections] = scheduler.select_destinations(
        nova_context.get_admin_context(), _spec(server_id), [server_id])
    assert [s.service_host for s in selections] == ['cmp1']


def test_without_a_host_the_spec_has_no_destination(admin, hosts, flavor,
                                                    image):
    resp = _boot(admin)

    assert _spec(resp.json['server']['id']).requested_destination is None


def test_a_host_with_a_zone_is_accepted(admin, hosts, flavor, image):
    resp = _boot(admin, host='cmp2', availability_zone='nova')

    assert resp.status_int == 202
    assert _destination(resp.json['server']['id']) == ('cmp2', None)


@pytest.mark.parametrize('key', ['host', 'hypervisor_hostname'])
def test_before_2_74_a_host_is_an_unexpected_property(admin, hosts, flavor,
                                                      image, key):
    resp = _boot(admin, version='2.73', **{key: 'cmp1'})

    status, message = failed(resp)
    assert status == 400
    assert message.startswith('Invalid input for field/attribute server. ')
    assert message.endswith(
        "Additional properties are not allowed ('%s' was unexpected)" % key)
    assert _instance_rows() == 0


@pytest.mark.parametrize('server', [
    {'host': 'cmp1'}, {'hypervisor_hostname': 'cmp1-node'}])
def test_users_may_not_request_a_host(client, hosts, flavor, image, server):
    resp = _boot(client, **server)

    assert failed(resp) == (
        403, "Policy doesn't allow "
             "compute:servers:create:requested_destination to be "
             "performed.")
    assert _instance_rows() == 0


@pytest.mark.parametrize('server,named', [
    ({'host': 'cmp9'}, 'cmp9'),
    ({'host': 'cmp9', 'hypervisor_hostname': 'cmp1-node'}, 'cmp9'),
    # A node of another host, or none: Nova names the host.
    ({'host': 'cmp1', 'hypervisor_hostname': 'cmp2-node'}, 'cmp1'),
    ({'host': 'cmp1', 'hypervisor_hostname': 'cmp9-node'}, 'cmp1'),
    ({'hypervisor_hostname': 'cmp9-node'}, 'cmp9-node'),
])
def test_an_unknown_host_or_node_is_a_bad_request(admin, hosts, flavor,
                                                  image, server, named):
    resp = _boot(admin, **server)

    assert failed(resp) == (400, 'Compute host %s could not be found.'
                            % named)
    assert _instance_rows() == 0


@pytest.mark.parametrize('zone', ['nova:cmp1', 'nova::cmp1-node',
                                  'nova:cmp1:cmp1-node'])
def test_a_host_with_a_forced_host_zone_is_a_bad_request(admin, hosts,
                                                         flavor, image,
                                                         zone):
    resp = _boot(admin, host='cmp1', availability_zone=zone)

    assert failed(resp) == (
        400, 'One mechanism with host and/or hypervisor_hostname and '
             'another mechanism with zone:host:node are mutually '
             'exclusive.')
    assert _instance_rows() == 0


@pytest.mark.parametrize('key,value', [
    ('host', 'cmp 1'), ('hypervisor_hostname', 'cmp1/node'),
    ('host', '')])
def test_a_malformed_host_is_a_bad_request(admin, hosts, flavor, image,
                                           key, value):
    resp = _boot(admin, **{key: value})

    status, message = failed(resp)
    assert status == 400
    assert message.startswith(
        'Invalid input for field/attribute %s. Value: %s. ' % (key, value))
    assert _instance_rows() == 0
