"""Schema validation: Nova's formats and 400 messages."""

import pytest

from nova_lite.api.openstack.compute.schemas import servers as schema
from nova_lite.api import validation
from nova_lite import exception

UUID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


def error_of(target, schema_=schema.base_create, is_body=True):
    with pytest.raises(exception.ValidationError) as info:
        validation.validate(schema_, target, is_body=is_body)
    assert info.value.code == 400
    return info.value.format_message()


def server(**fields):
    body = {'name': 'vm', 'imageRef': UUID, 'flavorRef': 1}
    body.update(fields)
    return {'server': body}


def test_a_valid_create_body_passes():
    validation.validate(schema.base_create, server(
        metadata={'a': 'b'}, min_count='2', config_drive='true',
        user_data='aGVsbG8=', networks=[{'uuid': UUID}]))


def test_a_missing_required_field_names_it():
    assert error_of({'server': {'name': 'vm'}}).endswith(
        "'flavorRef' is a required property")


def test_a_field_error_names_the_field_and_value():
    assert error_of(server(min_count=0)) == (
        'Invalid input for field/attribute min_count. Value: 0. 0 is less '
        'than the minimum of 1')


def test_numbers_in_strings_are_range_checked():
    assert 'min_count. Value: 0.' in error_of(server(min_count='0'))


@pytest.mark.parametrize('name', [' vm', 'vm ', '', 'a\x00b', 'x' * 256])
def test_bad_server_names_are_refused(name):
    error_of(server(name=name))


def test_a_name_with_inner_spaces_is_fine():
    validation.validate(schema.base_create, server(name='my vm'))


def test_an_image_ref_must_be_a_uuid():
    assert 'imageRef' in error_of(server(imageRef='http://x/images/1'))


def test_user_data_must_be_base64():
    assert 'user_data' in error_of(server(user_data='abc'))


def test_a_metadata_key_must_match_the_pattern():
    assert error_of(server(metadata={'bad/key': 'v'})).startswith(
        'Invalid input for field/attribute metadata.')


def test_description_allows_null_and_not_control_characters():
    validation.validate(schema.create_v219, server(description=None))
    error_of(server(description='a\x01'), schema.create_v219)


def test_networks_from_2_37_are_a_list_or_auto_or_none():
    for networks in ('auto', 'none', [{'port': UUID}]):
        validation.validate(schema.create_v237, server(networks=networks))
    error_of(server(networks='some'), schema.create_v237)
    error_of(server(networks=[{'uuid': 'not-a-uuid'}]), schema.create_v237)


@pytest.mark.parametrize('port', [UUID, None])
def test_a_network_port_is_a_uuid_or_null(port):
    validation.validate(schema.base_create, server(
        networks=[{'port': port}]))


def test_a_network_port_that_is_no_uuid_is_named_as_nova_names_it():
    assert error_of(server(networks=[{'port': 'abc'}])) == (
        "Invalid input for field/attribute port. Value: abc. 'abc' is not "
        "a 'uuid'")


@pytest.mark.parametrize('device_name', ['vda', '/dev/vda', 'sd-a.1_b'])
def test_a_device_name_may_have_nova_s_characters(device_name):
    validation.validate(schema.base_create, server(block_device_mapping_v2=[
        {'device_name': device_name, 'uuid': UUID}]))


@pytest.mark.parametrize('device_name', ['vd`a', 'vd a', 'vd^a'])
def test_a_device_name_with_other_characters_is_refused(device_name):
    assert error_of(server(block_device_mapping_v2=[
        {'device_name': device_name, 'uuid': UUID}])) == (
        "Invalid input for field/attribute device_name. Value: %s. %r "
        "does not match '^[a-zA-Z0-9._/-]*$'" % (device_name, device_name))


@pytest.mark.parametrize('length', [None, -1, 0, 10, '10', '-1'])
def test_console_length_accepts_null_and_integers_from_minus_one(length):
    validation.validate(schema.get_console_output,
                        {'os-getConsoleOutput': {'length': length}})


@pytest.mark.parametrize('length', [-2, '-2', 'ten', 1.5])
def test_console_length_refuses_other_values(length):
    error_of({'os-getConsoleOutput': {'length': length}},
             schema.get_console_output)


def test_query_errors_name_the_parameter():
    message = error_of({'limit': ['x']}, schema.query_params_v21,
                       is_body=False)

    assert message.startswith(
        'Invalid input for query parameters limit. Value: x.')
