"""The servers API: create, show and delete, as Nova answers them."""

import hashlib

from oslo_utils import timeutils
from oslo_utils import uuidutils
import pytest
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_51 import servers as v251

from nova_lite.db import placement_api
from tests.unit import api as api_fixtures
from tests.unit.api import add_fault
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import make_instance
from tests.unit.api import make_service
from tests.unit.api.test_server_lifecycle_actions import actions_of
from tests.unit.api import tempest_validate
from tests.unit import fakes


# create

def test_create_returns_202_with_id_links_and_admin_pass(client, flavor,
                                                         image):
    resp = client.post('/v2.1/servers', create_body())

    assert resp.status_int == 202
    server = resp.json['server']
    assert set(server) == {'id', 'links', 'OS-DCF:diskConfig',
                           'security_groups', 'adminPass'}
    assert server['OS-DCF:diskConfig'] == 'MANUAL'
    assert server['security_groups'] == [{'name': 'default'}]
    assert len(server['adminPass']) == 12
    assert server['links'] == [
        {'rel': 'self',
         'href': 'http://localhost/v2.1/servers/%s' % server['id']},
        {'rel': 'bookmark',
         'href': 'http://localhost/servers/%s' % server['id']}]


def test_create_sets_location_to_the_server_url(client, flavor, image):
    resp = client.post('/v2.1/servers', create_body())

    assert resp.headers['Location'] == (
        'http://localhost/v2.1/servers/%s' % resp.json['server']['id'])


def test_create_records_a_building_instance(client, flavor, image):
    resp = client.post('/v2.1/servers',
                       create_body(metadata={'role': 'web'}))

    instance = db_instance(resp.json['server']['id'])
    assert instance.display_name == 'vm1'
    assert (instance.vm_state, instance.task_state) == ('building',
                                                        'scheduling')
    assert (instance.user_id, instance.project_id) == ('demo',
                                                       'demo-project')
    assert instance.metadata == {'role': 'web'}
    assert instance.flavor.flavorid == '1'


def test_create_uses_the_given_admin_pass(client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(adminPass='s3cret'))

    assert resp.json['server']['adminPass'] == 's3cret'


def test_create_echoes_the_requested_security_groups(client, flavor, image):
    resp = client.post('/v2.1/servers',
                       create_body(security_groups=[{'name': 'web'}]))

    assert resp.json['server']['security_groups'] == [{'name': 'web'}]


def test_create_accepts_a_flavor_url(client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(
        flavorRef='http://localhost/flavors/1'))

    assert resp.status_int == 202


def test_create_with_return_reservation_id_returns_only_it(client, flavor,
                                                           image):
    resp = client.post('/v2.1/servers', create_body(
        return_reservation_id=True, min_count=2))

    assert resp.status_int == 202
    assert list(resp.json) == ['reservation_id']
    assert resp.json['reservation_id'].startswith('r-')


def test_create_before_2_19_uses_the_name_as_description(client, flavor,
                                                         image):
    resp = client.post('/v2.1/servers', create_body())

    assert db_instance(resp.json['server']['id']).display_description == \
        'vm1'


def test_create_at_2_19_stores_the_description(client, flavor, image):
    resp = client.at_version('2.19').post(
        '/v2.1/servers', create_body(description='my server'))

    assert db_instance(resp.json['server']['id']).display_description == \
        'my server'


def test_create_with_unknown_flavor_is_bad_request(client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(flavorRef='99'))

    assert resp.status_int == 400
    assert resp.json == {'badRequest': {
        'code': 400, 'message': 'Flavor 99 could not be found.'}}


def test_create_with_a_disabled_flavor_is_bad_request(client, admin_context,
                                                      image):
    api_fixtures.make_flavor(admin_context, flavorid='2', name='old',
                             disabled=True)

    resp = client.post('/v2.1/servers', create_body(flavorRef='2'))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Flavor 2 could not be found.'


def test_create_with_unknown_image_is_bad_request(client, flavor, db):
    resp = client.post('/v2.1/servers', create_body())

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Can not find requested image'


def test_create_with_an_inactive_image_is_bad_request(client, flavor,
                                                      admin_context):
    api_fixtures.make_image(admin_context, status='queued')

    resp = client.post('/v2.1/servers', create_body())

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Image %s is not active.' % IMAGE_ID


def test_create_with_an_image_needing_more_ram_is_bad_request(
        client, flavor, admin_context):
    api_fixtures.make_image(admin_context, min_ram=4096)

    resp = client.post('/v2.1/servers', create_body())

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        "Flavor's memory is too small for requested image."


def test_create_without_image_ref_is_bad_request(client, flavor, image):
    resp = client.post('/v2.1/servers', create_body(imageRef=''))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == 'Missing imageRef attribute'


def test_create_with_min_count_above_max_count_is_bad_request(client,
                                                              flavor, image):
    resp = client.post('/v2.1/servers',
                       create_body(min_count=3, max_count=2))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'min_count must be <= max_count'


def test_create_over_the_instance_quota_is_forbidden(client, conf, flavor,
                                                     image):
    conf.set_override('instances', 1, group='quota')

    resp = client.post('/v2.1/servers', create_body(min_count=2))

    assert resp.status_int == 403
    assert resp.json['forbidden']['message'] == (
        'Quota exceeded for instances: Requested 2, but already used 0 of '
        '1 instances')


def test_create_with_max_count_makes_as_many_as_quota_allows(
        client, conf, flavor, image):
    conf.set_override('instances', 2, group='quota')

    client.post('/v2.1/servers', create_body(max_count=5))

    servers = client.get('/v2.1/servers').json['servers']
    assert sorted(s['name'] for s in servers) == ['vm1-1', 'vm1-2']


def test_create_with_a_name_ending_in_a_space_is_bad_request(client, flavor,
                                                             image):
    resp = client.post('/v2.1/servers', create_body(name='vm1 '))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "An invalid 'name' value was provided. The name must be: printable "
        "characters. Can not start or end with whitespace.")


def test_create_with_an_unsupported_attribute_is_bad_request(client, flavor,
                                                             image):
    resp = client.post('/v2.1/servers',
                       create_body(block_device_mapping=[]))

    assert resp.status_int == 400
    message = resp.json['badRequest']['message']
    assert message.startswith('Invalid input for field/attribute server. ')
    assert message.endswith("Additional properties are not allowed "
                            "('block_device_mapping' was unexpected)")


def test_create_at_2_37_requires_networks(client, flavor, image):
    resp = client.at_version('2.37').post('/v2.1/servers', create_body())

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'].endswith(
        "'networks' is a required property")


@pytest.mark.parametrize('networks', ['auto', 'none', 'list'])
def test_create_at_2_37_accepts_auto_none_or_a_list(client, flavor, image,
                                                    network, networks):
    if networks == 'list':
        networks = [{'uuid': network.uuid}]
    resp = client.at_version('2.37').post(
        '/v2.1/servers', create_body(networks=networks))

    assert resp.status_int == 202


def _tags_of_servers(client):
    resp = client.at_version('2.26').get('/v2.1/servers/detail')
    return sorted((server['name'], server['tags'])
                  for server in resp.json['servers'])


def test_create_at_2_52_tags_every_server(client, flavor, image):
    user = client.at_version('2.52')

    resp = user.post('/v2.1/servers', create_body(
        networks='none', min_count=2, tags=['web', 'prod', 'web']))

    # tempest checks every create with the 2.1 schema.
    tempest_validate(v21.create_server_with_admin_pass, resp)
    resp = user.get('/v2.1/servers/%s' % resp.json['server']['id'])
    tempest_validate(v251.get_server, resp)
    assert resp.json['server']['tags'] == ['prod', 'web']
    assert _tags_of_servers(client) == [('vm1-1', ['prod', 'web']),
                                        ('vm1-2', ['prod', 'web'])]


@pytest.mark.parametrize('version, tags, message', [
    ('2.51', ['web'], "Additional properties are not allowed ('tags' was "
                      "unexpected)"),
    ('2.52', ['t%d' % i for i in range(51)], 'is too long'),
    ('2.52', ['a,b'], "'a,b' does not match '^[^,/]*$'"),
    ('2.52', ['x' * 61], 'is too long'),
    ('2.52', [''], 'should be non-empty'),
])
def test_create_with_refused_tags_creates_nothing(client, flavor, image,
                                                  version, tags, message):
    resp = client.at_version(version).post('/v2.1/servers', create_body(
        networks='none', tags=tags))

    assert resp.status_int == 400
    assert message in resp.json['badRequest']['message']
    assert _tags_of_servers(client) == []


def test_create_with_port_and_fixed_ip_is_bad_request(client, flavor, image):
    port = uuidutils.generate_uuid()
    resp = client.post('/v2.1/servers', create_body(
        networks=[{'port': port, 'fixed_ip': '10.0.0.5'}]))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Specified Fixed IP '10.0.0.5' cannot be used with port '%s': the "
        "two cannot be specified together." % port)


def test_create_in_an_unknown_zone_is_bad_request(client, flavor, image):
    resp = client.post('/v2.1/servers',
                       create_body(availability_zone='elsewhere'))

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'The requested availability zone is not available'


def test_create_with_malformed_json_is_bad_request(client, flavor, image):
    resp = client.post('/v2.1/servers', raw=b'{"server": ')

    assert resp.status_int == 400
    assert resp.json == {'badRequest': {
        'code': 400, 'message': 'Malformed request body'}}


def test_create_with_a_non_json_body_type_is_unsupported(client, flavor,
                                                         image):
    resp = client.post('/v2.1/servers', create_body(),
                       headers={'Content-Type': 'application/xml'})

    assert resp.status_int == 415
    assert resp.json['badMediaType']['message'] == 'Unsupported Content-Type'


# show

def test_show_returns_the_server_document(client, flavor):
    instance = make_instance(flavor, display_name='web', metadata={'a': 'b'},
                             key_name='key1', config_drive='True')

    resp = client.get('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 200
    server = resp.json['server']
    assert server['id'] == instance.uuid
    assert server['name'] == 'web'
    assert server['status'] == 'ACTIVE'
    assert server['tenant_id'] == 'demo-project'
    assert server['user_id'] == 'demo'
    assert server['metadata'] == {'a': 'b'}
    assert server['image'] == {'id': IMAGE_ID, 'links': [
        {'rel': 'bookmark', 'href': 'http://localhost/images/' + IMAGE_ID}]}
    assert server['addresses'] == {}
    assert (server['accessIPv4'], server['accessIPv6']) == ('', '')
    assert server['key_name'] == 'key1'
    assert server['config_drive'] == 'True'
    assert server['progress'] == 0
    assert server['OS-EXT-STS:vm_state'] == 'active'
    assert server['OS-EXT-STS:task_state'] is None
    assert server['OS-EXT-STS:power_state'] == 1
    assert server['os-extended-volumes:volumes_attached'] == []
    assert server['OS-SRV-USG:terminated_at'] is None


def test_show_dates_are_iso8601_utc(client, flavor):
    instance = make_instance(
        flavor, launched_at=timeutils.parse_isotime('2024-05-01T10:00:00Z'))

    server = client.get('/v2.1/servers/%s' % instance.uuid).json['server']

    assert server['created'] == instance.created_at.strftime(
        '%Y-%m-%dT%H:%M:%SZ')
    assert server['OS-SRV-USG:launched_at'] == '2024-05-01T10:00:00.000000'


def test_show_before_2_47_links_the_flavor(client, flavor):
    instance = make_instance(flavor)

    server = client.get('/v2.1/servers/%s' % instance.uuid).json['server']

    assert server['flavor'] == {'id': '1', 'links': [
        {'rel': 'bookmark', 'href': 'http://localhost/flavors/1'}]}


def test_show_at_2_47_embeds_the_flavor(client, flavor):
    instance = make_instance(flavor)

    server = client.at_version('2.47').get(
        '/v2.1/servers/%s' % instance.uuid).json['server']

    assert server['flavor'] == {'vcpus': 1, 'ram': 512, 'disk': 1,
                                'ephemeral': 0, 'swap': 0,
                                'original_name': 'm1.tiny',
                                'extra_specs': {}}


def test_show_host_id_hashes_project_and_host(client, flavor):
    instance = make_instance(flavor, host='compute1')

    server = client.get('/v2.1/servers/%s' % instance.uuid).json['server']

    assert server['hostId'] == hashlib.sha224(
        b'demo-projectcompute1').hexdigest()
    assert server['OS-EXT-AZ:availability_zone'] == 'nova'


def test_show_hides_extended_attributes_from_users(client, flavor):
    instance = make_instance(flavor, host='compute1')

    server = client.get('/v2.1/servers/%s' % instance.uuid).json['server']

    assert not [key for key in server if key.startswith('OS-EXT-SRV-ATTR')]


def test_show_gives_admins_extended_attributes(admin, flavor):
    instance = make_instance(flavor, host='compute1', node='node1')

    server = admin.at_version('2.3').get(
        '/v2.1/servers/%s' % instance.uuid).json['server']

    assert server['OS-EXT-SRV-ATTR:host'] == 'compute1'
    assert server['OS-EXT-SRV-ATTR:hypervisor_hostname'] == 'node1'
    assert server['OS-EXT-SRV-ATTR:instance_name'] == \
        'instance-%08x' % instance.id
    assert server['OS-EXT-SRV-ATTR:reservation_id'] == 'r-abcdef12'
    assert server['OS-EXT-SRV-ATTR:launch_index'] == 0


def test_show_fields_follow_the_microversion(client, flavor):
    instance = make_instance(flavor, display_description='about')
    url = '/v2.1/servers/%s' % instance.uuid

    old = client.get(url).json['server']
    new = client.at_version('2.73').get(url).json['server']

    for key in ('locked', 'description', 'tags', 'locked_reason',
                'trusted_image_certificates'):
        assert key not in old
    assert new['locked'] is False
    assert new['description'] == 'about'
    assert new['tags'] == []
    assert new['locked_reason'] is None
    assert new['trusted_image_certificates'] is None


def test_show_of_an_error_server_hides_500_fault_details_from_users(
        client, admin, flavor):
    instance = make_instance(flavor, vm_state='error')
    add_fault(instance, 500, message='NoValidHost')
    url = '/v2.1/servers/%s' % instance.uuid

    user_fault = client.get(url).json['server']['fault']
    admin_fault = admin.get(url).json['server']['fault']

    assert set(user_fault) == {'code', 'created', 'message'}
    assert user_fault['message'] == 'NoValidHost'
    assert admin_fault['details'] == 'Traceback...'


def test_show_of_an_error_server_shows_details_of_a_non_500_fault(
        client, flavor):
    instance = make_instance(flavor, vm_state='error')
    add_fault(instance, 409, details='in use')

    server = client.get('/v2.1/servers/%s' % instance.uuid).json['server']

    assert server['status'] == 'ERROR'
    assert server['fault']['details'] == 'in use'
    assert 'progress' not in server


def test_show_of_a_missing_server_is_not_found(client, db):
    missing = uuidutils.generate_uuid()

    resp = client.get('/v2.1/servers/%s' % missing)

    assert resp.status_int == 404
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'Instance %s could not be found.' % missing}}


def test_show_of_another_projects_server_is_not_found(client, flavor):
    instance = make_instance(flavor, project_id='other')

    resp = client.get('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 404


def test_project_id_in_the_url_is_accepted(client, flavor):
    # Project ids in URLs are hex (with dashes), as keystone's are.
    instance = make_instance(flavor, project_id='0ab1c2')

    resp = client.as_user('demo:0ab1c2').get(
        '/v2.1/0ab1c2/servers/%s' % instance.uuid)

    assert resp.status_int == 200
    assert resp.json['server']['links'][0]['href'] == (
        'http://localhost/v2.1/0ab1c2/servers/%s' % instance.uuid)


def test_another_project_id_in_the_url_is_bad_request(client, flavor):
    resp = client.get('/v2.1/0ab1/servers')

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Malformed request URL: URL's project_id '0ab1' doesn't match "
        "Context's project_id 'demo-project'")


# delete

def test_delete_returns_204_and_deletes_the_server(client, flavor):
    instance = make_instance(flavor)

    resp = client.delete('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 204
    assert resp.body == b''
    assert db_instance(instance.uuid).deleted


@pytest.mark.parametrize('task_state', ['reboot_started_hard',
                                        'powering-off', 'rebuilding'])
def test_delete_takes_over_whatever_task_the_server_is_in(
        client, flavor, task_state):
    make_service('compute1')
    instance = make_instance(flavor, host='compute1', task_state=task_state)

    resp = client.delete('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 204
    assert db_instance(instance.uuid).task_state == 'deleting'
    assert actions_of(instance.uuid) == ['delete']


def test_a_second_delete_is_ignored(client, flavor):
    make_service('compute1')
    instance = make_instance(flavor, host='compute1')
    assert client.delete('/v2.1/servers/%s' % instance.uuid).status_int == 204

    resp = client.delete('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 204
    assert db_instance(instance.uuid).task_state == 'deleting'
    assert actions_of(instance.uuid) == ['delete']


def test_delete_of_a_missing_server_is_not_found(client, db):
    resp = client.delete('/v2.1/servers/%s' % uuidutils.generate_uuid())

    assert resp.status_int == 404
    assert 'itemNotFound' in resp.json


def test_a_local_delete_gives_the_allocation_back(client, flavor,
                                                  admin_context):
    # No host: the API deletes the server itself (Nova's local delete).
    node = fakes.compute_host(admin_context, 'h9')
    instance = make_instance(flavor, host=None)
    placement_api.replace_allocations(admin_context, instance.uuid, {
        node.uuid: {'VCPU': 1}})

    resp = client.delete('/v2.1/servers/%s' % instance.uuid)

    assert resp.status_int == 204
    assert placement_api.get_allocations(admin_context, instance.uuid) == {}
