"""block_device_mapping_v2 on POST /servers: validated as Nova validates
it; only the mapping that repeats imageRef (what the openstack CLI sends
for --image) is accepted, anything else is a 400 fault."""

import pytest

from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID

OTHER_IMAGE_ID = 'a2459075-d96c-40d5-893e-577ff92e721c'
VOLUME_ID = '0cd7b3e6-6d36-4f1e-9f49-45d2c6e1a9c1'

NOT_SUPPORTED = ('nova-lite boots servers only from imageRef; '
                 'block_device_mapping_v2 may only repeat it as a single '
                 "entry with source_type 'image', destination_type 'local', "
                 'boot_index 0 and uuid equal to imageRef. Volumes, '
                 'snapshots, blank, ephemeral and swap disks are not '
                 'supported.')


def root_bdm(**values):
    """The mapping the openstack CLI sends with --image."""
    bdm = {'uuid': IMAGE_ID, 'boot_index': 0, 'source_type': 'image',
           'destination_type': 'local', 'delete_on_termination': True}
    bdm.update(values)
    return bdm


def post(client, bdms, version='2.79', **server):
    """POST /servers with these mappings; networks 'auto' unless given
    (None leaves them out)."""
    server.setdefault('networks', 'auto')
    if server['networks'] is None:
        del server['networks']
    return client.at_version(version).post(
        '/v2.1/servers', create_body(block_device_mapping_v2=bdms, **server))


def message(resp):
    assert resp.status_int == 400, resp.body
    return resp.json['badRequest']['message']


# accepted

def test_the_clients_image_mapping_boots_from_image_ref(client, flavor,
                                                        image):
    resp = post(client, [root_bdm()])

    assert resp.status_int == 202
    instance = db_instance(resp.json['server']['id'])
    assert instance.image_ref == IMAGE_ID


@pytest.mark.parametrize('values', [
    {'boot_index': '0'},
    {'delete_on_termination': 'false'},
    {'device_type': 'disk'},
    {'image_id': OTHER_IMAGE_ID},
    {'uuid': IMAGE_ID.upper()},
])
def test_equivalent_spellings_of_the_image_mapping_are_accepted(
        client, flavor, image, values):
    resp = post(client, [root_bdm(**values)])

    assert resp.status_int == 202


def test_an_empty_mapping_list_changes_nothing(client, flavor, image):
    resp = post(client, [])

    assert resp.status_int == 202


def test_the_image_mapping_is_accepted_before_2_37(client, flavor, image):
    resp = post(client, [root_bdm()], version='2.1', networks=None)

    assert resp.status_int == 202


# Nova's format checks (nova.block_device.BlockDeviceDict.from_api)

@pytest.mark.parametrize('server', [{'imageRef': ''}, {}])
def test_an_image_mapping_without_image_ref_is_refused(client, flavor,
                                                       image, server):
    body = create_body(block_device_mapping_v2=[root_bdm()],
                       networks='auto', **server)
    if not server:
        del body['server']['imageRef']

    resp = client.at_version('2.79').post('/v2.1/servers', body)

    assert message(resp) == ('Block Device Mapping is Invalid: Mapping '
                             'image to local is not supported.')


@pytest.mark.parametrize('boot_index', [1, -1, None])
def test_an_image_mapping_not_at_boot_index_0_is_refused(client, flavor,
                                                         image, boot_index):
    resp = post(client, [root_bdm(boot_index=boot_index)])

    assert message(resp) == ('Block Device Mapping is Invalid: Mapping '
                             'image to local is not supported.')


def test_a_volume_mapping_without_uuid_is_refused(client, flavor, image):
    resp = post(client, [{'source_type': 'volume',
                          'destination_type': 'volume', 'boot_index': 0}])

    assert message(resp) == ('Block Device Mapping is Invalid: Missing '
                             'device UUID.')


def test_a_blank_mapping_with_uuid_is_refused(client, flavor, image):
    resp = post(client, [root_bdm(), {
        'source_type': 'blank', 'destination_type': 'local',
        'uuid': VOLUME_ID, 'boot_index': -1}])

    assert message(resp) == ('Block Device Mapping is Invalid: Invalid '
                             'device UUID.')


# schema

def test_an_unknown_mapping_attribute_is_a_validation_error(client, flavor,
                                                            image):
    resp = post(client, [root_bdm(colour='blue')])

    assert message(resp).endswith(
        "Additional properties are not allowed ('colour' was unexpected)")


@pytest.mark.parametrize('values', [
    {'source_type': 'cdrom'},
    {'destination_type': 'remote'},
    {'boot_index': 'first'},
    {'uuid': 'not a uuid!'},
    {'volume_size': 0},
    {'delete_on_termination': 'maybe'},
])
def test_malformed_mapping_values_are_validation_errors(client, flavor,
                                                        image, values):
    resp = post(client, [root_bdm(**values)])

    assert message(resp).startswith('Invalid input for field/attribute ')


def test_mappings_must_be_a_list(client, flavor, image):
    resp = post(client, root_bdm())

    assert message(resp).startswith(
        'Invalid input for field/attribute block_device_mapping_v2. ')


@pytest.mark.parametrize('version, networks, valid', [
    ('2.31', None, False), ('2.32', None, True), ('2.33', None, False),
    ('2.41', 'auto', False), ('2.42', 'auto', True), ('2.79', 'auto', True)])
def test_a_device_tag_is_valid_only_where_nova_takes_it(client, flavor,
                                                        image, version,
                                                        networks, valid):
    resp = post(client, [root_bdm(tag='root')], version=version,
                networks=networks)

    if valid:
        # Valid, but the root disk cannot be tagged here.
        assert message(resp).startswith(
            'Block device mapping not supported: the root disk '
            'attribute(s) tag. ')
    else:
        assert message(resp).endswith(
            "Additional properties are not allowed ('tag' was unexpected)")


@pytest.mark.parametrize('version, valid', [('2.66', False), ('2.67', True)])
def test_a_volume_type_is_valid_from_2_67(client, flavor, image, version,
                                          valid):
    resp = post(client, [root_bdm(volume_type='fast')], version=version)

    if valid:
        assert 'the root disk attribute(s) volume_type' in message(resp)
    else:
        assert message(resp).endswith(
            "Additional properties are not allowed ('volume_type' was "
            "unexpected)")


# other mappings: not supported

@pytest.mark.parametrize('bdm, what', [
    ({'source_type': 'volume', 'destination_type': 'volume',
      'uuid': VOLUME_ID, 'boot_index': 0},
     "source_type 'volume' with destination_type 'volume'"),
    ({'source_type': 'snapshot', 'destination_type': 'volume',
      'uuid': VOLUME_ID, 'boot_index': 0},
     "source_type 'snapshot' with destination_type 'volume'"),
    ({'source_type': 'image', 'destination_type': 'volume',
      'uuid': IMAGE_ID, 'boot_index': 0, 'volume_size': 1},
     "source_type 'image' with destination_type 'volume'"),
    ({'source_type': 'blank', 'destination_type': 'local',
      'boot_index': -1, 'volume_size': 1}, 'ephemeral disks'),
    ({'source_type': 'blank', 'destination_type': 'local',
      'guest_format': 'swap', 'boot_index': -1, 'volume_size': 1},
     'swap disks'),
    ({'source_type': 'blank', 'destination_type': 'volume',
      'boot_index': -1, 'volume_size': 1}, 'blank volumes'),
    ({'no_device': True, 'device_name': 'vdb'}, 'no_device mappings'),
])
def test_other_mappings_are_not_supported(client, flavor, image, bdm, what):
    resp = post(client, [bdm])

    assert message(resp) == ('Block device mapping not supported: %s. %s'
                             % (what, NOT_SUPPORTED))


def test_a_volume_next_to_the_image_mapping_is_not_supported(client, flavor,
                                                             image):
    resp = post(client, [root_bdm(), {
        'source_type': 'volume', 'destination_type': 'volume',
        'uuid': VOLUME_ID, 'boot_index': 1}])

    assert message(resp).startswith(
        "Block device mapping not supported: source_type 'volume' with "
        "destination_type 'volume'. ")


def test_two_image_mappings_at_boot_index_0_are_invalid(client, flavor,
                                                        image):
    resp = post(client, [root_bdm(), root_bdm()])

    assert message(resp) == (
        'Block Device Mapping is Invalid: Boot sequence for the instance '
        'and image/block device mapping combination is not valid.')


def test_an_image_mapping_of_another_image_is_not_supported(client, flavor,
                                                            image):
    resp = post(client, [root_bdm(uuid=OTHER_IMAGE_ID)])

    assert message(resp).startswith(
        'Block device mapping not supported: the image %s is not imageRef '
        '%s. ' % (OTHER_IMAGE_ID, IMAGE_ID))


@pytest.mark.parametrize('values, attrs', [
    ({'disk_bus': 'scsi'}, 'disk_bus'),
    ({'device_name': '/dev/vda', 'guest_format': 'ext4'},
     'device_name, guest_format'),
    ({'device_type': 'cdrom'}, 'device_type'),
    ({'volume_size': 5}, 'volume_size'),
])
def test_root_disk_attributes_are_not_supported(client, flavor, image,
                                                values, attrs):
    resp = post(client, [root_bdm(**values)])

    assert message(resp).startswith(
        'Block device mapping not supported: the root disk attribute(s) '
        '%s. ' % attrs)


def test_a_refused_mapping_creates_no_server(client, flavor, image):
    post(client, [root_bdm(uuid=OTHER_IMAGE_ID)])

    assert client.get('/v2.1/servers').json['servers'] == []
