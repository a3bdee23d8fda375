"""PUT /servers/{id}: a new name, description (2.19), disk config or
access addresses, as Nova answers it. Every success is checked against
tempest.lib's response schemas."""

import pytest
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_19 import servers as v219
from tempest.lib.api_schema.response.compute.v2_71 import servers as v271
from tempest.lib.api_schema.response.compute.v2_73 import servers as v273
from tempest.lib.api_schema.response.compute.v2_75 import servers as v275


from tests.unit.api import db_instance
from tests.unit.api import failed
from tests.unit.api import in_a_group
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate


def _put(client, server, **values):
    return client.request('PUT', '/v2.1/servers/%s' % server.uuid,
                          body={'server': values})


def test_rename_and_set_the_access_addresses(client, flavor):
    server = make_instance(flavor, host='compute1')

    resp = _put(client, server, name='web1', accessIPv4='192.0.2.10',
                accessIPv6='2001:db8::10')

    tempest_validate(v21.update_server, resp)
    shown = resp.json['server']
    assert (shown['name'], shown['accessIPv4'], shown['accessIPv6']) == (
        'web1', '192.0.2.10', '2001:db8::10')
    row = db_instance(server.uuid)
    assert (row.display_name, str(row.access_ip_v4),
            str(row.access_ip_v6)) == (
        'web1', '192.0.2.10', '2001:db8::10')
    assert client.get('/v2.1/servers/%s' % server.uuid).json['server'][
        'accessIPv4'] == '192.0.2.10'


@pytest.mark.parametrize('disk_config,stored', [('AUTO', True),
                                                ('MANUAL', False)])
def test_set_the_disk_config(client, flavor, disk_config, stored):
    server = make_instance(flavor, host='compute1',
                           auto_disk_config=not stored)

    resp = _put(client, server, **{'OS-DCF:diskConfig': disk_config})

    tempest_validate(v21.update_server, resp)
    assert resp.json['server']['OS-DCF:diskConfig'] == disk_config
    assert db_instance(server.uuid).auto_disk_config is stored


def test_a_bad_disk_config_is_refused_and_changes_nothing(client, flavor):
    server = make_instance(flavor, host='compute1', auto_disk_config=True)

    resp = _put(client, server, name='web1', **{'OS-DCF:diskConfig': 'auto'})

    assert failed(resp) == (
        400, "Invalid input for field/attribute OS-DCF:diskConfig. Value: "
             "auto. 'auto' is not one of ['AUTO', 'MANUAL']")
    row = db_instance(server.uuid)
    assert (row.display_name, row.auto_disk_config) == ('vm', True)


def test_description_from_2_19(client, flavor):
    server = make_instance(flavor, host='compute1')

    resp = _put(client.at_version('2.19'), server, description='front')

    tempest_validate(v219.update_server, resp)
    assert resp.json['server']['description'] == 'front'
    assert db_instance(server.uuid).display_description == 'front'
    assert _put(client, server, description='early').status_int == 400


def test_from_2_75_the_answer_is_what_get_shows(client, flavor):
    server = make_instance(flavor, host='compute1')

    resp = _put(client.at_version('2.75'), server, name='web2')

    tempest_validate(v275.update_server, resp)
    assert 'OS-EXT-AZ:availability_zone' in resp.json['server']


@pytest.mark.parametrize('version,schemas', [('2.71', v271), ('2.74', v273)])
def test_from_2_71_the_answer_shows_the_server_groups(
        client, flavor, version, schemas):
    server = make_instance(flavor, host='compute1')
    group = in_a_group(server)

    resp = _put(client.at_version(version), server, name='web2')

    tempest_validate(schemas.update_server, resp)
    assert resp.json['server']['server_groups'] == [group.uuid]
    before = _put(client.at_version('2.70'), server, name='web3')
    assert 'server_groups' not in before.json['server']


def test_from_2_75_an_admin_sees_the_user_data_attribute(admin, flavor):
    server = make_instance(flavor, host='compute1', user_data='IyEvYmlu')

    resp = _put(admin.at_version('2.75'), server, name='web2')

    tempest_validate(v275.update_server, resp)
    assert resp.json['server']['OS-EXT-SRV-ATTR:user_data'] == 'IyEvYmlu'


@pytest.mark.parametrize('values', [
    {'name': ''}, {'name': ' web1'}, {'accessIPv4': '300.1.1.1'},
    {'accessIPv6': 'nope'},
    {'flavorRef': '1'}, {'name': 'x' * 256},
])
def test_a_body_outside_the_schema_changes_nothing(client, flavor, values):
    server = make_instance(flavor, host='compute1')

    assert _put(client, server, **values).status_int == 400
    row = db_instance(server.uuid)
    assert (row.display_name, row.access_ip_v4) == ('vm', None)


def test_another_projects_server_is_404(client, flavor):
    server = make_instance(flavor, host='compute1')

    resp = _put(client.as_user('eve:eve-project'), server, name='mine')

    assert failed(resp) == (404, 'Instance %s could not be found.'
                            % server.uuid)
    assert db_instance(server.uuid).display_name == 'vm'
