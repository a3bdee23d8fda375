"""Unknown query parameters at 2.102: every call that took no query
parameter, or ignored unknown ones, refuses them with Nova's 400; below
2.102 they change nothing; the calls Nova still leaves lenient (the
version document, server tags, quota defaults) keep ignoring them."""

from oslo_utils import uuidutils
import pytest

from nova_lite import context as nova_context
from nova_lite import objects
from tests.unit.api import failed
from tests.unit.api import make_flavor
from tests.unit.api import make_instance

UNKNOWN = "Additional properties are not allowed ('foo' was unexpected)"

# The GET calls that refuse unknown parameters from 2.102 ({server},
# {aggregate}, {group} and {port} are filled in by the ``urls`` fixture).
STRICT_FROM_2_102 = [
    '/flavors/1',
    '/flavors/1/os-extra_specs',
    '/flavors/1/os-extra_specs/hw:cpu_policy',
    '/flavors/2/os-flavor-access',
    '/os-aggregates',
    '/os-aggregates/{aggregate}',
    '/os-availability-zone',
    '/os-availability-zone/detail',
    '/os-quota-class-sets/default',
    '/os-server-groups/{group}',
    '/servers/{server}',
    '/servers/{server}/ips',
    '/servers/{server}/ips/private',
    '/servers/{server}/metadata',
    '/servers/{server}/metadata/a',
    '/servers/{server}/os-instance-actions/req-1',
    '/servers/{server}/os-interface',
    '/servers/{server}/os-interface/{port}',
]

# Strict since an earlier microversion (2.53, 2.66, 2.75): still so.
STRICT_BEFORE = [
    '/flavors', '/flavors/detail', '/limits', '/os-hypervisors',
    '/os-hypervisors/detail', '/os-keypairs', '/os-quota-sets/demo-project',
    '/os-quota-sets/demo-project/detail', '/os-server-groups',
    '/os-services', '/servers', '/servers/detail',
    '/servers/{server}/os-instance-actions',
]

# Nova's controllers of these still validate with the lenient schemas at
# 2.102 (their strict variants exist but are not used): unknown
# parameters are ignored.
LENIENT_AT_2_102 = [
    '/',
    '/servers/{server}/tags',
    '/servers/{server}/tags/web',
    '/os-quota-sets/demo-project/defaults',
]


@pytest.fixture
def urls(admin, db, admin_context):
    """The resources the paths name: flavors (one private), a server
    with metadata, a tag and an action, an aggregate, a server group."""
    flavor = make_flavor(admin_context, extra_specs={
        'hw:cpu_policy': 'shared'})
    make_flavor(admin_context, '2', 'm1.private', is_public=False)
    server = make_instance(flavor, metadata={'a': 'b'}, tags=['web'])
    objects.InstanceAction.action_start(
        nova_context.RequestContext(user_id='demo', project_id='demo-project',
                                    request_id='req-1'),
        server.uuid, 'create')
    aggregate = admin.at_version('2.1').post(
        '/v2.1/os-aggregates', {'aggregate': {'name': 'agg1'}}
    ).json['aggregate']
    group = admin.post('/v2.1/os-server-groups', {'server_group': {
        'name': 'group1', 'policies': ['affinity']}}).json['server_group']
    return {'server': server.uuid, 'aggregate': aggregate['id'],
            'group': group['id'], 'port': uuidutils.generate_uuid()}


def _get(client, path, urls, query=''):
    resp = client.get('/v2.1' + path.format(**urls) + query)
    return resp.status_int, resp.body


@pytest.mark.parametrize('path', STRICT_FROM_2_102)
def test_unknown_parameters_are_refused_from_2_102(admin, urls, path):
    resp = admin.at_version('2.102').get(
        '/v2.1' + path.format(**urls) + '?foo=1')

    assert failed(resp) == (400, UNKNOWN)


@pytest.mark.parametrize('path', STRICT_FROM_2_102)
def test_unknown_parameters_change_nothing_at_2_101(admin, urls, path):
    reader = admin.at_version('2.101')

    answer = _get(reader, path, urls, '?foo=1')

    assert answer == _get(reader, path, urls)
    assert answer[0] in (200, 404)


@pytest.mark.parametrize('path', STRICT_FROM_2_102)
def test_the_calls_answer_without_a_query_string_at_2_102(admin, urls,
                                                          path):
    status, _body = _get(admin.at_version('2.102'), path, urls)

    # The server has no port and no address on 'private'.
    expected = 404 if path.endswith(('{port}', '/ips/private')) else 200
    assert status == expected


@pytest.mark.parametrize('path', STRICT_BEFORE)
def test_calls_strict_before_2_102_stay_strict(admin, urls, path):
    resp = admin.at_version('2.102').get(
        '/v2.1' + path.format(**urls) + '?foo=1')

    status, message = failed(resp)
    # The server lists say it their own way: their schema has
    # patternProperties (Nova's).
    assert (status, message) in ((400, UNKNOWN), (400, "'foo' does not "
                                 "match any of the regexes: '^_'"))


@pytest.mark.parametrize('path', LENIENT_AT_2_102)
def test_calls_nova_leaves_lenient_ignore_unknown_parameters(admin, urls,
                                                             path):
    reader = admin.at_version('2.102')

    answer = _get(reader, path, urls, '?foo=1')

    assert answer == _get(reader, path, urls)
    assert answer[0] in (200, 204)
