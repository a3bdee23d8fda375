"""2.98: the properties of a server's image under its ``image`` key in
show, detail, update and rebuild, as Nova answers them: those the server
keeps of its image that Nova knows by name. Every answer is checked
against tempest.lib's schemas."""

from tempest.lib.api_schema.response.compute.v2_96 import servers as v296
from tempest.lib.api_schema.response.compute.v2_98 import servers as v298

from tests.unit.api import answered_server
from tests.unit.api import boot_active
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import make_image
from tests.unit.api import make_instance
from tests.unit.api import server_answers
from tests.unit.api import tempest_validate

SERVERS = '/v2.1/servers'
OTHER_IMAGE = '6c2a1ae4-4d3a-4b3f-9e34-0f6a3b0e2a11'
PROPERTIES = {'hw_disk_bus': 'scsi', 'os_distro': 'cirros',
              # A legacy name Nova still reads.
              'architecture': 'x86_64',
              # Neither of these is a property Nova knows.
              'owner_specified.openstack.md5': 'abc', 'color': 'blue'}


def _image(resp):
    return answered_server(resp)['image']


def test_every_document_shows_the_properties_nova_knows_from_2_98(
        client, flavor, admin_context):
    make_image(admin_context, properties=PROPERTIES)
    client = client.at_version('2.98')
    server_id = boot_active(client, 'compute1')

    for name, resp in server_answers(client, server_id):
        tempest_validate(getattr(v298, name), resp)
        assert _image(resp)['properties'] == {
            'hw_disk_bus': 'scsi', 'os_distro': 'cirros',
            'architecture': 'x86_64'}
        assert _image(resp)['id'] == IMAGE_ID


def test_before_2_98_the_image_has_no_properties(client, flavor,
                                                 admin_context):
    make_image(admin_context, properties=PROPERTIES)
    client = client.at_version('2.97')
    server_id = boot_active(client, 'compute1')

    for name, resp in server_answers(client, server_id):
        tempest_validate(getattr(v296, name), resp)
        assert 'properties' not in _image(resp)


def test_rebuild_shows_the_properties_of_the_new_image(client, flavor,
                                                       admin_context):
    make_image(admin_context, properties={'os_distro': 'cirros'})
    make_image(admin_context, image_id=OTHER_IMAGE, name='fedora',
               properties={'os_distro': 'fedora', 'hw_vif_model': 'e1000'})
    client = client.at_version('2.98')
    server_id = boot_active(client, 'compute1')

    resp = server_answers(client, server_id, image_id=OTHER_IMAGE)[-1][1]

    tempest_validate(v298.rebuild_server_with_admin_pass, resp)
    assert _image(resp) == {
        'id': OTHER_IMAGE, 'links': _image(resp)['links'],
        'properties': {'os_distro': 'fedora', 'hw_vif_model': 'e1000'}}


def test_a_long_property_is_kept_and_shown_cut_to_255_bytes(
        client, flavor, admin_context):
    # 'é' is two bytes: a cut never splits it.
    make_image(admin_context, properties={'os_command_line': 'é' * 200})
    client = client.at_version('2.98')
    server_id = boot_active(client, 'compute1')

    resp = client.get('%s/%s' % (SERVERS, server_id))

    tempest_validate(v298.get_server, resp)
    assert _image(resp)['properties'] == {'os_command_line': 'é' * 127}
    assert db_instance(server_id).system_metadata[
        'image_os_command_line'] == 'é' * 127


def test_the_block_device_mappings_of_an_image_are_not_kept(
        client, flavor, admin_context):
    make_image(admin_context, properties={
        'mappings': '[]', 'block_device_mapping': '[]',
        'img_mappings': '[]', 'img_block_device_mapping': '[]',
        'bdm_v2': 'True'})
    client = client.at_version('2.98')

    resp = client.post(SERVERS, create_body(networks='none'))

    sys_meta = db_instance(resp.json['server']['id']).system_metadata
    assert {key for key in sys_meta if key.startswith('image_')} == {
        'image_disk_format', 'image_container_format', 'image_min_disk',
        'image_min_ram', 'image_base_image_ref', 'image_bdm_v2'}


def test_only_what_the_server_keeps_of_its_image_is_shown(client, flavor):
    # Not the image's formats and minima, nor a property without value.
    server = make_instance(flavor, host='compute1', system_metadata={
        'image_hw_disk_bus': 'virtio', 'image_os_type': None,
        'image_min_ram': '0', 'image_disk_format': 'qcow2',
        'image_base_image_ref': IMAGE_ID, 'hw_machine_type': 'q35',
        'reservation_id': 'r-1'})

    resp = client.at_version('2.98').get('%s/%s' % (SERVERS, server.uuid))

    tempest_validate(v298.get_server, resp)
    assert _image(resp)['properties'] == {'hw_disk_bus': 'virtio'}


def test_a_server_without_an_image_shows_an_empty_string(client, flavor):
    server = make_instance(flavor, host='compute1', image_ref='')

    resp = client.at_version('2.98').get('%s/%s' % (SERVERS, server.uuid))

    tempest_validate(v298.get_server, resp)
    assert resp.json['server']['image'] == ''
