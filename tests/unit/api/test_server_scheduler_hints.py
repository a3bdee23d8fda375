"""2.100: the scheduler hints a server was created with, as its request
spec keeps them (every value a list of strings), in show, detail, update
and rebuild, as Nova answers them. Answers are checked against
tempest.lib's schemas."""

from oslo_utils import uuidutils
from tempest.lib.api_schema.response.compute.v2_98 import servers as v298
from tempest.lib.api_schema.response.compute.v2_100 import servers as v2100

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import answered_server
from tests.unit.api import boot_active
from tests.unit.api import server_answers
from tests.unit.api import tempest_validate

SERVERS = '/v2.1/servers'
HINTS = 'scheduler_hints'


def _boot(client, hints=None):
    return boot_active(client, 'compute1', hints=hints)


def test_every_document_shows_the_hints_of_the_create_from_2_100(
        client, flavor, image):
    client = client.at_version('2.100')
    other = uuidutils.generate_uuid()
    server_id = _boot(client, {'same_host': other, 'different_host': [other],
                               'size': 3})

    for name, resp in server_answers(client, server_id):
        tempest_validate(getattr(v2100, name), resp)
        assert answered_server(resp)[HINTS] == {
            'same_host': [other], 'different_host': [other],
            'size': ['3']}


def test_hint_values_that_are_not_strings_show_as_nova_writes_them(
        client, flavor, image):
    client = client.at_version('2.100')
    server_id = _boot(client, {'flag': True, 'ratio': 0.5,
                               'sizes': [1, False], 'shape': {'a': 1}})

    resp = client.get('%s/%s' % (SERVERS, server_id))

    tempest_validate(v2100.get_server, resp)
    assert resp.json['server'][HINTS] == {
        'flag': ['True'], 'ratio': ['0.5'], 'sizes': ['1', 'False'],
        'shape': ['{"a": 1}']}


def test_a_server_created_without_hints_shows_none(client, flavor, image):
    client = client.at_version('2.100')
    server_id = _boot(client)

    for name, resp in server_answers(client, server_id):
        tempest_validate(getattr(v2100, name), resp)
        assert answered_server(resp)[HINTS] == {}


def test_before_2_100_no_document_shows_them(client, flavor, image):
    client = client.at_version('2.99')
    server_id = _boot(client, {'same_host': uuidutils.generate_uuid()})

    for name, resp in server_answers(client, server_id):
        tempest_validate(getattr(v298, name), resp)
        assert HINTS not in answered_server(resp)


def test_the_group_hint_is_shown_as_the_list_it_is_kept_as(client, flavor,
                                                           image):
    # As Nova: a list, where tempest.lib's schema expects the bare uuid a
    # create gives, so the answer is not checked against it.
    group = objects.InstanceGroup(
        nova_context.get_admin_context(), name='g', policy='affinity',
        project_id='demo-project', user_id='demo')
    group.create()
    client = client.at_version('2.100')
    server_id = _boot(client, {'group': group.uuid})

    resp = client.get('%s/%s' % (SERVERS, server_id))

    assert resp.json['server'][HINTS] == {'group': [group.uuid]}


def test_a_deleted_server_still_listed_shows_the_hints_it_was_created_with(
        client, admin, flavor, image):
    # Nova keeps the request spec of a deleted server until the row is
    # archived, so a list that shows the server shows its hints.
    other = uuidutils.generate_uuid()
    server_id = _boot(client.at_version('2.100'), {'same_host': other})
    assert client.delete('%s/%s' % (SERVERS, server_id)).status_int == 204

    resp = admin.at_version('2.100').get(
        SERVERS + '/detail?deleted=true&all_tenants=1')

    tempest_validate(v2100.list_servers_detail, resp)
    [server] = resp.json['servers']
    assert (server['id'], server['status'], server[HINTS]) == (
        server_id, 'DELETED', {'same_host': [other]})
