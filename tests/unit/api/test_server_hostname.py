"""2.90: the hostname a server asks for on create, update and rebuild
(from 2.94 a fully qualified domain name), and shown to every user, as
Nova answers it. Successes are checked against tempest.lib's schemas
(its client reads 2.89's for 2.89-2.95); refusals are Nova's 400 and
write nothing."""

import json
import os

import pytest
import sqlalchemy as sa
from tempest.lib.api_schema.response.compute.v2_1 import servers as v21
from tempest.lib.api_schema.response.compute.v2_89 import servers as v289

from nova_lite.db import api as db
from nova_lite.db import models
from nova_lite.virt.libvirt import configdrive
from tests.unit.api import create_body
from tests.unit.api import db_instance
from tests.unit.api import IMAGE_ID
from tests.unit.api import failed
from tests.unit.api import make_instance
from tests.unit.api import tempest_validate

SERVERS = '/v2.1/servers'
HOSTNAME = 'OS-EXT-SRV-ATTR:hostname'
PATTERN = "'^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$'"


@pytest.fixture
def user(client):
    return client.at_version('2.90')


def _rows():
    """(display_name, hostname) of every instance, oldest first."""
    with db.get_engine().connect() as conn:
        return [tuple(row) for row in conn.execute(sa.select(
            models.Instance.display_name, models.Instance.hostname).order_by(
            models.Instance.id))]


def _body(**server):
    return create_body(networks='auto', **server)


def _put(client, server, **values):
    return client.request('PUT', '%s/%s' % (SERVERS, server.uuid),
                          body={'server': values})


def _rebuild(client, server, **values):
    return client.post('%s/%s/action' % (SERVERS, server.uuid),
                       {'rebuild': dict(values, imageRef=IMAGE_ID)})


# create

@pytest.mark.parametrize('version,hostname', [
    ('2.90', 'db-primary'),
    # From 2.94 a domain name, kept as given (not made a label of).
    ('2.94', 'db.example.org'),
])
def test_create_with_a_hostname_from_2_90(user, flavor, image, tmp_path,
                                          version, hostname):
    user = user.at_version(version)

    resp = user.post(SERVERS, _body(name='Web Server', hostname=hostname))

    tempest_validate(v21.create_server_with_admin_pass, resp)
    assert _rows() == [('Web Server', hostname)]
    server_id = resp.json['server']['id']
    resp = user.get('%s/%s' % (SERVERS, server_id))
    tempest_validate(v289.get_server, resp)
    assert resp.json['server'][HOSTNAME] == hostname
    # The guest is told it as it is told a hostname made of the name.
    configdrive.write_tree(str(tmp_path), db_instance(server_id))
    with open(os.path.join(tmp_path, 'openstack', 'latest',
                           'meta_data.json')) as meta:
        assert json.load(meta)['hostname'] == hostname


@pytest.mark.parametrize('name,hostname', [
    ('My Web_Server.example', 'my-web-server-example'),
    ('Café!', 'café'),
    # Cut to 63 characters first, then no trailing '-'.
    ('x' * 62 + '.z', 'x' * 62),
])
def test_without_a_hostname_it_is_made_from_the_name(user, flavor, image,
                                                     name, hostname):
    resp = user.post(SERVERS, _body(name=name))

    assert resp.status_int == 202
    assert _rows() == [(name, hostname)]


def test_a_name_with_nothing_for_a_hostname_gives_server_and_the_uuid(
        user, flavor, image):
    resp = user.post(SERVERS, _body(name='日本'))

    assert _rows() == [('日本', 'Server-%s' % resp.json['server']['id'])]


def test_several_servers_get_the_name_s_hostname_and_their_index(
        user, flavor, image):
    resp = user.post(SERVERS, _body(name='Web', min_count=2))

    assert resp.status_int == 202
    assert _rows() == [('Web-1', 'web-1'), ('Web-2', 'web-2')]


@pytest.mark.parametrize('counts', [{'max_count': 2}, {'min_count': 2}])
def test_one_hostname_for_several_servers_is_refused(user, flavor, image,
                                                     counts):
    resp = user.post(SERVERS, _body(hostname='web', **counts))

    assert failed(resp) == (
        400, 'Unable to allocate a single hostname to multiple instances')
    assert _rows() == []


def test_a_fixed_ip_for_several_servers_is_refused_before_the_hostname(
        user, flavor, image, network):
    resp = user.post(SERVERS, create_body(
        hostname='web', max_count=2,
        networks=[{'uuid': network.uuid, 'fixed_ip': '10.254.0.7'}]))

    assert failed(resp) == (
        400, 'Failed to launch instances: max_count cannot be greater '
             'than 1 if an fixed_ip is specified.')
    assert _rows() == []


@pytest.mark.parametrize('hostname,reason', [
    ('-web', "'-web' does not match " + PATTERN),
    ('web.example', "'web.example' does not match " + PATTERN),
    ('w', "'w' does not match " + PATTERN),
    ('w' * 64, "'%s' is too long" % ('w' * 64)),
])
def test_a_hostname_that_is_not_a_dns_label_is_refused(user, flavor, image,
                                                       hostname, reason):
    resp = user.post(SERVERS, _body(hostname=hostname))

    assert failed(resp) == (
        400, 'Invalid input for field/attribute hostname. Value: %s. %s'
        % (hostname, reason))
    assert _rows() == []


def test_a_hostname_before_2_90_is_refused(user, flavor, image):
    resp = user.at_version('2.89').post(SERVERS,
                                        _body(hostname='web'))

    message = failed(resp)[1]
    assert resp.status_int == 400
    assert message.endswith(
        "Additional properties are not allowed ('hostname' was "
        "unexpected)")
    assert _rows() == []


# who sees it

def test_every_user_sees_the_hostname_from_2_90(user, admin, flavor):
    server = make_instance(flavor, host='compute1', hostname='vm-1')
    url = '%s/%s' % (SERVERS, server.uuid)

    resp = user.at_version('2.89').get(url)
    tempest_validate(v289.get_server, resp)
    assert HOSTNAME not in resp.json['server']

    for reader in (user, admin.at_version('2.90')):
        resp = reader.get(url)
        tempest_validate(v289.get_server, resp)
        assert resp.json['server'][HOSTNAME] == 'vm-1'
    resp = user.get(SERVERS + '/detail')
    tempest_validate(v289.list_servers_detail, resp)
    assert resp.json['servers'][0][HOSTNAME] == 'vm-1'


def test_users_filter_by_hostname_from_2_90(user, flavor):
    web = make_instance(flavor, hostname='web-1')
    make_instance(flavor, hostname='db-1')

    resp = user.get(SERVERS + '?hostname=web')

    tempest_validate(v289.list_servers, resp)
    assert [s['id'] for s in resp.json['servers']] == [web.uuid]
    # Before, a user's hostname filter is dropped, as Nova drops it.
    resp = user.at_version('2.89').get(SERVERS + '?hostname=web')
    assert len(resp.json['servers']) == 2


def test_admins_filter_by_hostname(admin, flavor):
    web = make_instance(flavor, hostname='web-1')
    make_instance(flavor, hostname='db-1')

    resp = admin.get(SERVERS + '?all_tenants=1&hostname=web')

    tempest_validate(v21.list_servers, resp)
    assert [s['id'] for s in resp.json['servers']] == [web.uuid]


# update and rebuild

def test_update_sets_the_hostname_from_2_90(user, flavor):
    server = make_instance(flavor, host='compute1', display_name='web')

    resp = _put(user, server, hostname='web-2')

    tempest_validate(v289.update_server, resp)
    assert resp.json['server'][HOSTNAME] == 'web-2'
    assert _rows() == [('web', 'web-2')]


def test_rebuild_sets_the_hostname_from_2_90(user, flavor, image):
    server = make_instance(flavor, host='compute1', display_name='web')

    resp = _rebuild(user, server, hostname='web-2')

    tempest_validate(v289.rebuild_server_with_admin_pass, resp)
    assert resp.json['server'][HOSTNAME] == 'web-2'
    assert _rows() == [('web', 'web-2')]
    assert db_instance(server.uuid).task_state == 'rebuilding'


@pytest.mark.parametrize('version,hostname,message', [
    ('2.89', 'web-2',
     "Additional properties are not allowed ('hostname' was unexpected)"),
    ('2.90', 'web_2',
     "Invalid input for field/attribute hostname. Value: web_2. "
     "'web_2' does not match " + PATTERN),
])
def test_update_and_rebuild_refuse_a_bad_hostname_and_change_nothing(
        user, flavor, image, version, hostname, message):
    server = make_instance(flavor, host='compute1', display_name='web')
    user = user.at_version(version)

    for resp in (_put(user, server, hostname=hostname),
                 _rebuild(user, server, hostname=hostname)):
        # Before 2.90 the message starts with the whole object refused.
        assert resp.status_int == 400
        assert failed(resp)[1].endswith(message)

    assert _rows() == [('web', 'vm')]
    assert db_instance(server.uuid).task_state is None


# 2.94: a fully qualified domain name

FQDN_PATTERN = "'^[a-zA-Z0-9-._]*$'"


def test_update_and_rebuild_set_a_domain_name_from_2_94(user, flavor,
                                                        image):
    server = make_instance(flavor, host='compute1', display_name='web')
    user = user.at_version('2.94')

    resp = _put(user, server, hostname='web.example.org')
    tempest_validate(v289.update_server, resp)
    assert resp.json['server'][HOSTNAME] == 'web.example.org'
    assert _rows() == [('web', 'web.example.org')]

    resp = _rebuild(user, server, hostname='web2.example.org')
    tempest_validate(v289.rebuild_server_with_admin_pass, resp)
    assert resp.json['server'][HOSTNAME] == 'web2.example.org'
    assert _rows() == [('web', 'web2.example.org')]


def test_a_domain_name_before_2_94_is_refused_and_changes_nothing(
        user, flavor, image):
    server = make_instance(flavor, host='compute1', display_name='web')
    user = user.at_version('2.93')
    message = ("Invalid input for field/attribute hostname. Value: "
               "web.example.org. 'web.example.org' does not match "
               + PATTERN)

    for resp in (user.post(SERVERS, _body(hostname='web.example.org')),
                 _put(user, server, hostname='web.example.org'),
                 _rebuild(user, server, hostname='web.example.org')):
        assert failed(resp) == (400, message)

    assert _rows() == [('web', 'vm')]
    assert db_instance(server.uuid).task_state is None


@pytest.mark.parametrize('hostname,reason', [
    ('web example.org', "'web example.org' does not match " + FQDN_PATTERN),
    ('web/1', "'web/1' does not match " + FQDN_PATTERN),
    ('', "'' should be non-empty"),
    ('w' * 256, "'%s' is too long" % ('w' * 256)),
])
def test_a_hostname_that_is_no_domain_name_is_refused_from_2_94(
        user, flavor, image, hostname, reason):
    server = make_instance(flavor, host='compute1', display_name='web')
    user = user.at_version('2.94')
    message = ('Invalid input for field/attribute hostname. Value: %s. %s'
               % (hostname, reason))

    for resp in (user.post(SERVERS, _body(hostname=hostname)),
                 _put(user, server, hostname=hostname),
                 _rebuild(user, server, hostname=hostname)):
        assert failed(resp) == (400, message)

    assert _rows() == [('web', 'vm')]


def test_one_domain_name_for_several_servers_is_refused(user, flavor,
                                                        image):
    resp = user.at_version('2.94').post(
        SERVERS, _body(hostname='web.example.org', max_count=2))

    assert failed(resp) == (
        400, 'Unable to allocate a single hostname to multiple instances')
    assert _rows() == []
