"""reboot, os-stop, os-start, pause, unpause, suspend, resume and rebuild
through the API: Nova's status codes and conflicts, the task state and
instance action each records, and nothing recorded when refused."""

import pytest
from oslo_utils import uuidutils
import sqlalchemy as sa
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_19 import servers as v219
from tempest.lib.api_schema.response.compute.v2_71 import servers as v271
from tempest.lib.api_schema.response.compute.v2_73 import servers as v273

from nova_lite.db import api as db
from nova_lite.db import models
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import in_a_group
from tests.unit.api import make_image
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate


def actions_of(uuid):
    engine = db.get_engine()
    with engine.connect() as conn:
        rows = conn.execute(sa.select(models.InstanceAction.action).where(
            models.InstanceAction.instance_uuid == uuid).order_by(
                models.InstanceAction.id)).all()
    return [row[0] for row in rows]


def act(client, instance, body):
    return client.post('/v2.1/servers/%s/action' % instance.uuid, body)


# (body, vm_state it is allowed in, task_state it sets, action recorded)
ACTIONS = [
    ({'reboot': {'type': 'SOFT'}}, 'active', 'rebooting', 'reboot'),
    ({'reboot': {'type': 'hard'}}, 'stopped', 'rebooting_hard', 'reboot'),
    ({'os-stop': None}, 'active', 'powering-off', 'stop'),
    ({'os-stop': None}, 'error', 'powering-off', 'stop'),
    ({'os-start': None}, 'stopped', 'powering-on', 'start'),
    ({'pause': None}, 'active', 'pausing', 'pause'),
    ({'unpause': None}, 'paused', 'unpausing', 'unpause'),
    ({'suspend': None}, 'active', 'suspending', 'suspend'),
    ({'resume': None}, 'suspended', 'resuming', 'resume'),
]


@pytest.mark.parametrize('body,vm_state,task_state,action', ACTIONS)
def test_an_action_is_accepted_and_records_its_task_and_action(
        client, flavor, body, vm_state, task_state, action):
    instance = make_instance(flavor, host='compute1', vm_state=vm_state)

    resp = act(client, instance, body)

    tempest_validate(v21.server_actions_common_schema, resp)
    assert resp.body == b''
    assert db_instance(instance.uuid).task_state == task_state
    assert actions_of(instance.uuid) == [action]


# (body, a vm_state that does not allow it, Nova's action name)
REFUSED = [
    ({'reboot': {'type': 'SOFT'}}, 'stopped', 'reboot'),
    ({'reboot': {'type': 'HARD'}}, 'building', 'reboot'),
    ({'os-stop': None}, 'stopped', 'stop'),
    ({'os-start': None}, 'active', 'start'),
    ({'pause': None}, 'paused', 'pause'),
    ({'unpause': None}, 'active', 'unpause'),
    ({'suspend': None}, 'stopped', 'suspend'),
    ({'resume': None}, 'active', 'resume'),
    ({'rebuild': {'imageRef': IMAGE_ID}}, 'paused', 'rebuild'),
]


@pytest.mark.parametrize('body,vm_state,action', REFUSED)
def test_an_action_in_the_wrong_vm_state_is_a_conflict_and_changes_nothing(
        client, flavor, image, body, vm_state, action):
    instance = make_instance(flavor, host='compute1', vm_state=vm_state)

    resp = act(client, instance, body)

    assert resp.status_int == 409
    assert resp.json == {'conflictingRequest': {
        'code': 409,
        'message': "Cannot '%s' instance %s while it is in vm_state %s" % (
            action, instance.uuid, vm_state)}}
    row = db_instance(instance.uuid)
    assert (row.vm_state, row.task_state) == (vm_state, None)
    assert actions_of(instance.uuid) == []


def test_an_action_while_another_runs_is_a_conflict_on_task_state(
        client, flavor):
    instance = make_instance(flavor, host='compute1',
                             task_state='powering-off')

    resp = act(client, instance, {'pause': None})

    assert resp.status_int == 409
    assert resp.json['conflictingRequest']['message'] == (
        "Cannot 'pause' instance %s while it is in task_state "
        "powering-off" % instance.uuid)
    assert db_instance(instance.uuid).task_state == 'powering-off'


def test_a_hard_reboot_may_interrupt_a_soft_one(client, flavor):
    instance = make_instance(flavor, host='compute1',
                             task_state='rebooting')

    resp = act(client, instance, {'reboot': {'type': 'HARD'}})

    assert resp.status_int == 202
    assert db_instance(instance.uuid).task_state == 'rebooting_hard'


def test_a_soft_reboot_during_a_soft_reboot_is_a_conflict(client, flavor):
    instance = make_instance(flavor, host='compute1',
                             task_state='rebooting')

    resp = act(client, instance, {'reboot': {'type': 'SOFT'}})

    assert resp.status_int == 409
    assert db_instance(instance.uuid).task_state == 'rebooting'


def test_a_reboot_of_an_unknown_type_is_a_bad_request(client, flavor):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'reboot': {'type': 'WARM'}})

    assert resp.status_int == 400
    assert 'Invalid input for field/attribute type' in \
        resp.json['badRequest']['message']
    assert db_instance(instance.uuid).task_state is None


def test_an_action_on_another_projects_server_is_not_found(client, flavor):
    instance = make_instance(flavor, host='compute1',
                             project_id='other-project')

    resp = act(client, instance, {'os-stop': None})

    assert resp.status_int == 404
    assert db_instance(instance.uuid).task_state is None


def test_an_unknown_action_is_a_bad_request(client, flavor):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'shelve-everything': None})

    assert resp.status_int == 400


# rebuild

def test_rebuild_answers_with_the_server_and_a_new_admin_pass(
        client, flavor, image, admin_context):
    other = make_image(admin_context, image_id=uuidutils.generate_uuid(),
                       name='other')
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': other.uuid, 'name': 'renamed',
        'metadata': {'role': 'db'}}})

    tempest_validate(v21.rebuild_server_with_admin_pass, resp)
    server = resp.json['server']
    assert server['status'] == 'REBUILD'
    assert server['name'] == 'renamed'
    assert server['image']['id'] == other.uuid
    assert server['metadata'] == {'role': 'db'}
    row = db_instance(instance.uuid)
    assert row.image_ref == other.uuid
    assert row.task_state == 'rebuilding'
    assert row.system_metadata['image_base_image_ref'] == other.uuid
    assert actions_of(instance.uuid) == ['rebuild']


def test_rebuild_over_the_metadata_items_quota_changes_nothing(
        client, admin, flavor, image):
    admin.request('PUT', '/v2.1/os-quota-sets/demo-project',
                  body={'quota_set': {'metadata_items': 1}})
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'metadata': {'a': '1', 'b': '2'}}})

    assert resp.status_int == 403
    assert resp.json['forbidden']['message'] == \
        'Maximum number of metadata items exceeds 1'
    row = db_instance(instance.uuid)
    assert (row.metadata, row.task_state) == ({}, None)
    assert actions_of(instance.uuid) == []


def test_rebuild_keeps_the_given_admin_pass_and_sets_a_description(
        client, flavor, image):
    instance = make_instance(flavor, host='compute1', vm_state='stopped')

    resp = act(client.at_version('2.19'), instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'adminPass': 's3cret',
        'description': 'rebuilt'}})

    tempest_validate(v219.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['adminPass'] == 's3cret'
    assert resp.json['server']['description'] == 'rebuilt'


def test_rebuild_to_a_missing_image_is_a_bad_request_and_changes_nothing(
        client, flavor, image):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': uuidutils.generate_uuid()}})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Cannot find image for rebuild'
    row = db_instance(instance.uuid)
    assert (row.image_ref, row.task_state) == (IMAGE_ID, None)
    assert actions_of(instance.uuid) == []


def test_rebuild_with_a_description_before_2_19_is_a_bad_request(
        client, flavor, image):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'description': 'no'}})

    assert resp.status_int == 400
    assert db_instance(instance.uuid).task_state is None


def test_rebuild_from_2_75_answers_with_what_get_shows(
        client, flavor, image):
    from tempest.lib.api_schema.response.compute.v2_75 import servers as v275
    instance = make_instance(flavor, host='compute1')

    resp = act(client.at_version('2.75'), instance, {'rebuild': {
        'imageRef': IMAGE_ID}})

    tempest_validate(v275.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['OS-EXT-STS:task_state'] == 'rebuilding'


@pytest.mark.parametrize('version,schemas', [('2.71', v271), ('2.74', v273)])
def test_rebuild_from_2_71_shows_the_server_groups(client, flavor, image,
                                                   version, schemas):
    instance = make_instance(flavor, host='compute1')
    group = in_a_group(instance)

    resp = act(client.at_version(version), instance, {'rebuild': {
        'imageRef': IMAGE_ID}})

    tempest_validate(schemas.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['server_groups'] == [group.uuid]


def test_rebuild_from_2_75_shows_user_data_only_unprefixed(
        admin, flavor, image):
    instance = make_instance(flavor, host='compute1', user_data='IyEvYmlu')

    resp = act(admin.at_version('2.75'), instance, {'rebuild': {
        'imageRef': IMAGE_ID}})

    assert resp.status_int == 202
    assert resp.json['server']['user_data'] == 'IyEvYmlu'
    assert 'OS-EXT-SRV-ATTR:user_data' not in resp.json['server']
    # What GET shows the admin keeps it.
    assert admin.at_version('2.75').get(
        '/v2.1/servers/%s' % instance.uuid).json['server'][
            'OS-EXT-SRV-ATTR:user_data'] == 'IyEvYmlu'


def test_rebuild_from_2_54_changes_the_key_pair(client, flavor, image):
    from tempest.lib.api_schema.response.compute.v2_54 import servers as v254
    key = client.post('/v2.1/os-keypairs', {'keypair': {'name': 'k2'}})
    assert key.status_int == 200
    instance = make_instance(flavor, host='compute1')

    resp = act(client.at_version('2.54'), instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'key_name': 'k2'}})

    tempest_validate(v254.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['key_name'] == 'k2'
    row = db_instance(instance.uuid)
    assert row.key_data == key.json['keypair']['public_key']


def test_rebuild_with_an_unknown_key_pair_is_a_bad_request(client, flavor,
                                                           image):
    instance = make_instance(flavor, host='compute1')

    resp = act(client.at_version('2.54'), instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'key_name': 'nope'}})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Invalid key_name provided.'
    assert db_instance(instance.uuid).task_state is None


def test_of_two_racing_actions_only_the_first_starts(flavor, conf, fake_rpc):
    from nova_lite.compute import api as compute_api
    from nova_lite import context as nova_context
    from nova_lite import exception
    from nova_lite import objects
    instance = make_instance(flavor, host='compute1')
    ctxt = nova_context.RequestContext(user_id='demo',
                                       project_id='demo-project')
    # Both requests read the instance before either wrote its task state.
    first = objects.Instance.get_by_uuid(ctxt, instance.uuid)
    second = objects.Instance.get_by_uuid(ctxt, instance.uuid)
    api = compute_api.API(conf)
    api.stop(ctxt, first)

    with pytest.raises(exception.InstanceInvalidState) as exc:
        api.pause(ctxt, second)

    assert exc.value.kwargs['state'] == 'powering-off'
    assert db_instance(instance.uuid).task_state == 'powering-off'
    assert actions_of(instance.uuid) == ['stop']


def test_an_action_on_a_server_with_no_host_is_a_conflict(client, flavor):
    # A build that failed leaves its server in ERROR on no host.
    instance = make_instance(flavor, host=None, vm_state='error')

    resp = act(client, instance, {'os-stop': None})

    assert resp.status_int == 409
    assert resp.json['conflictingRequest']['message'] == \
        'Instance %s is not ready' % instance.uuid
    assert db_instance(instance.uuid).task_state is None
    assert actions_of(instance.uuid) == []


def test_rebuild_forgets_the_old_images_properties(client, flavor, image,
                                                   admin_context):
    other = make_image(admin_context, image_id=uuidutils.generate_uuid(),
                       name='plain')
    instance = make_instance(flavor, host='compute1', system_metadata={
        'image_hw_disk_bus': 'scsi', 'reservation_id': 'r-abcdef12'})

    resp = act(client, instance, {'rebuild': {'imageRef': other.uuid}})

    assert resp.status_int == 202
    sys_meta = db_instance(instance.uuid).system_metadata
    assert 'image_hw_disk_bus' not in sys_meta
    assert sys_meta['reservation_id'] == 'r-abcdef12'


def test_rebuild_preserving_the_ephemeral_disk_is_a_bad_request(
        client, flavor, image):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'preserve_ephemeral': True}})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'The current driver does not support preserving ephemeral '
        'partitions.')
    assert db_instance(instance.uuid).task_state is None


def test_rebuild_sets_the_disk_config_and_access_addresses(
        client, flavor, image):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': IMAGE_ID, 'OS-DCF:diskConfig': 'AUTO',
        'accessIPv4': '192.0.2.10', 'accessIPv6': '2001:db8::10'}})

    tempest_validate(v21.rebuild_server_with_admin_pass, resp)
    server = resp.json['server']
    assert (server['OS-DCF:diskConfig'], server['accessIPv4'],
            server['accessIPv6']) == ('AUTO', '192.0.2.10', '2001:db8::10')
    row = db_instance(instance.uuid)
    assert (row.auto_disk_config, str(row.access_ip_v4),
            str(row.access_ip_v6)) == (
        True, '192.0.2.10', '2001:db8::10')


def test_rebuild_without_disk_config_takes_the_new_images(
        client, flavor, image, admin_context):
    plain = make_image(admin_context, image_id=uuidutils.generate_uuid(),
                       name='plain')
    instance = make_instance(flavor, host='compute1', auto_disk_config=True,
                             access_ip_v4='192.0.2.10')

    resp = act(client, instance, {'rebuild': {'imageRef': plain.uuid}})

    assert resp.json['server']['OS-DCF:diskConfig'] == 'MANUAL'
    row = db_instance(instance.uuid)
    assert (row.auto_disk_config, str(row.access_ip_v4)) == (
        False, '192.0.2.10')


def test_rebuild_auto_on_an_image_that_disables_it_changes_nothing(
        client, flavor, image, admin_context):
    disabled = make_image(admin_context, image_id=uuidutils.generate_uuid(),
                          name='fixed', properties={
                              'auto_disk_config': 'disabled'})
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {
        'imageRef': disabled.uuid, 'OS-DCF:diskConfig': 'AUTO'}})

    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Requested image %s has automatic disk resize disabled.'
        % disabled.uuid)
    row = db_instance(instance.uuid)
    assert (row.image_ref, row.auto_disk_config, row.task_state) == (
        IMAGE_ID, False, None)
    assert actions_of(instance.uuid) == []


@pytest.mark.parametrize('body', [
    {'OS-DCF:diskConfig': 'auto'}, {'accessIPv4': '300.1.1.1'},
    {'accessIPv6': 'nope'}])
def test_rebuild_with_bad_attributes_is_a_bad_request(client, flavor, image,
                                                      body):
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': dict(body, imageRef=IMAGE_ID)})

    assert resp.status_int == 400
    [(key, value)] = body.items()
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for field/attribute %s. Value: %s.' % (key, value))
    assert db_instance(instance.uuid).task_state is None


def test_rebuild_without_instance_passwords_answers_without_one(
        client, conf, flavor, image):
    conf.set_override('enable_instance_password', False, 'api')
    instance = make_instance(flavor, host='compute1')

    resp = act(client, instance, {'rebuild': {'imageRef': IMAGE_ID,
                                              'adminPass': 's3cret'}})

    tempest_validate(v21.rebuild_server, resp)
    assert 'adminPass' not in resp.json['server']
