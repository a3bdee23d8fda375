"""Server create with access addresses, a disk config and an admin
password, as Nova answers it: the create answer against tempest.lib's
schema, the instance row and the server's document."""

import pytest
import sqlalchemy as sa
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21

from nova_lite.api.openstack.compute import helpers
from nova_lite.db import api as db
from nova_lite.db import models
from nova_lite import exception
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import failed
from tests.unit.api import make_image
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

SERVERS = '/v2.1/servers'


def _instance_rows():
    with db.get_engine().connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(
            models.Instance)).scalar_one()


def _access_ip_columns(server_id):
    with db.get_engine().connect() as conn:
        return tuple(conn.execute(sa.select(
            models.Instance.access_ip_v4, models.Instance.access_ip_v6).where(
            models.Instance.uuid == server_id)).one())


def _show(client, server_id):
    resp = client.get('%s/%s' % (SERVERS, server_id))
    tempest_validate(v21.get_server, resp)
    return resp.json['server']


# access addresses

def test_create_stores_and_shows_the_access_addresses(client, flavor,
                                                      image):
    resp = client.post(SERVERS, create_body(accessIPv4='192.0.2.10',
                                            accessIPv6='2001:db8::10'))

    tempest_validate(v21.create_server_with_admin_pass, resp)
    server_id = resp.json['server']['id']
    assert _access_ip_columns(server_id) == ('192.0.2.10', '2001:db8::10')
    shown = _show(client, server_id)
    assert (shown['accessIPv4'], shown['accessIPv6']) == ('192.0.2.10',
                                                          '2001:db8::10')


def test_create_keeps_the_access_addresses_in_canonical_form(client,
                                                             flavor, image):
    resp = client.post(SERVERS, create_body(
        accessIPv6='2001:0DB8:0000:0000:0000:0000:0000:0010'))

    server_id = resp.json['server']['id']
    assert _access_ip_columns(server_id) == (None, '2001:db8::10')
    assert _show(client, server_id)['accessIPv6'] == '2001:db8::10'


def test_create_without_access_addresses_shows_them_empty(client, flavor,
                                                          image):
    resp = client.post(SERVERS, create_body())

    shown = _show(client, resp.json['server']['id'])
    assert (shown['accessIPv4'], shown['accessIPv6']) == ('', '')


@pytest.mark.parametrize('key,value,kind', [
    ('accessIPv4', '300.1.1.1', 'ipv4'),
    ('accessIPv4', '2001:db8::10', 'ipv4'),
    ('accessIPv6', 'nope', 'ipv6'),
    ('accessIPv6', '192.0.2.10', 'ipv6'),
])
def test_create_with_a_bad_access_address_is_refused(client, flavor, image,
                                                     key, value, kind):
    resp = client.post(SERVERS, create_body(**{key: value}))

    assert failed(resp) == (
        400, "Invalid input for field/attribute %s. Value: %s. '%s' is "
             "not a '%s'" % (key, value, value, kind))
    assert _instance_rows() == 0


def test_v2_create_takes_the_access_addresses_and_disk_config(client,
                                                              flavor, image):
    resp = client.post('/v2/servers', create_body(
        accessIPv4='192.0.2.10', **{'OS-DCF:diskConfig': 'AUTO'}))

    tempest_validate(v21.create_server_with_admin_pass, resp)
    assert resp.json['server']['OS-DCF:diskConfig'] == 'AUTO'
    server_id = resp.json['server']['id']
    assert _access_ip_columns(server_id) == ('192.0.2.10', None)
    assert db_instance(server_id).auto_disk_config is True


# disk config

@pytest.mark.parametrize('disk_config,stored', [('AUTO', True),
                                                ('MANUAL', False)])
def test_create_stores_and_shows_the_disk_config(client, flavor, image,
                                                 disk_config, stored):
    resp = client.post(SERVERS, create_body(
        **{'OS-DCF:diskConfig': disk_config}))

    tempest_validate(v21.create_server_with_admin_pass, resp)
    assert resp.json['server']['OS-DCF:diskConfig'] == disk_config
    server_id = resp.json['server']['id']
    assert db_instance(server_id).auto_disk_config is stored
    assert _show(client, server_id)['OS-DCF:diskConfig'] == disk_config


def test_create_without_disk_config_takes_the_images(client, flavor,
                                                     admin_context):
    make_image(admin_context, properties={'auto_disk_config': 'True'})

    resp = client.post(SERVERS, create_body())

    assert resp.json['server']['OS-DCF:diskConfig'] == 'AUTO'
    assert db_instance(resp.json['server']['id']).auto_disk_config is True


def test_create_without_any_disk_config_is_manual(client, flavor, image):
    resp = client.post(SERVERS, create_body())

    assert resp.json['server']['OS-DCF:diskConfig'] == 'MANUAL'
    assert db_instance(resp.json['server']['id']).auto_disk_config is False


def test_create_manual_on_an_image_that_disables_auto_is_accepted(
        client, flavor, admin_context):
    make_image(admin_context, properties={'auto_disk_config': 'Disabled'})

    resp = client.post(SERVERS, create_body(
        **{'OS-DCF:diskConfig': 'MANUAL'}))

    assert resp.status_int == 202


def test_create_auto_on_an_image_that_disables_it_is_refused(
        client, flavor, admin_context):
    make_image(admin_context, properties={'auto_disk_config': 'disabled'})

    resp = client.post(SERVERS, create_body(
        **{'OS-DCF:diskConfig': 'AUTO'}))

    assert failed(resp) == (
        400, 'Requested image %s has automatic disk resize disabled.'
             % IMAGE_ID)
    assert _instance_rows() == 0


@pytest.mark.parametrize('value', ['auto', 'PARTIAL', ''])
def test_create_with_a_bad_disk_config_is_refused(client, flavor, image,
                                                  value):
    resp = client.post(SERVERS, create_body(**{'OS-DCF:diskConfig': value}))

    assert failed(resp) == (
        400, "Invalid input for field/attribute OS-DCF:diskConfig. Value: "
             "%s. '%s' is not one of ['AUTO', 'MANUAL']" % (value, value))
    assert _instance_rows() == 0


def test_show_of_an_auto_disk_config_server(client, flavor):
    instance = make_instance(flavor, host='compute1', auto_disk_config=True)

    assert _show(client, instance.uuid)['OS-DCF:diskConfig'] == 'AUTO'


def test_servers_sort_by_disk_config(client, flavor):
    auto = make_instance(flavor, auto_disk_config=True)
    manual = make_instance(flavor, auto_disk_config=False)

    resp = client.get(SERVERS + '?sort_key=auto_disk_config&sort_dir=asc')

    assert [s['id'] for s in resp.json['servers']] == [manual.uuid,
                                                       auto.uuid]


# admin password

def test_create_answers_with_the_given_admin_pass(client, flavor, image):
    resp = client.post(SERVERS, create_body(adminPass='s3cret'))

    tempest_validate(v21.create_server_with_admin_pass, resp)
    assert resp.json['server']['adminPass'] == 's3cret'


def test_create_answers_with_a_generated_admin_pass(client, conf, flavor,
                                                    image):
    conf.set_override('password_length', 20)

    resp = client.post(SERVERS, create_body())

    tempest_validate(v21.create_server_with_admin_pass, resp)
    password = resp.json['server']['adminPass']
    assert len(password) == 20
    assert password != client.post(SERVERS, create_body()).json[
        'server']['adminPass']


@pytest.mark.parametrize('server', [{}, {'adminPass': 's3cret'}])
def test_create_without_instance_passwords_answers_without_one(
        client, conf, flavor, image, server):
    conf.set_override('enable_instance_password', False, 'api')

    resp = client.post(SERVERS, create_body(**server))

    tempest_validate(v21.create_server, resp)
    assert 'adminPass' not in resp.json['server']


def test_a_disk_config_other_than_auto_or_manual_is_a_bad_request():
    # The schemas let no other value through; Nova's check stays behind
    # them all the same.
    with pytest.raises(exception.Invalid) as raised:
        helpers.disk_config_from_api('auto')

    assert raised.value.code == 400
    assert raised.value.format_message() == (
        "OS-DCF:diskConfig must be either 'MANUAL' or 'AUTO'.")
