"""The version documents: GET / (no token needed), GET /v2.1 and GET /v2,
and the choices any other root path answers."""

from tempest.lib.api_schema.response.compute.v2_1 import versions

from tests.api import clients


def _root(cloud):
    return cloud.url[:-len('v2.1')]


def test_root_lists_v2_and_v2_1_without_a_token(cloud, member_a):
    body = member_a.versions.list_versions()
    listed = {version['id']: version for version in body['versions']}
    assert set(listed) == {'v2.0', 'v2.1'}
    assert listed['v2.1']['status'] == 'CURRENT'
    assert listed['v2.0']['status'] == 'DEPRECATED'


def test_v2_1_shows_the_microversion_range(cloud, member_a):
    version = member_a.versions.get_version_by_url(
        _root(cloud) + 'v2.1/')['version']
    assert version['id'] == 'v2.1'
    assert (version['min_version'], version['version']) == ('2.1', '2.104')


def test_v2_shows_the_legacy_version_without_microversions(cloud, member_a):
    version = member_a.versions.get_version_by_url(
        _root(cloud) + 'v2/')['version']
    assert version['id'] == 'v2.0'
    assert (version['min_version'], version['version']) == ('', '')


def test_self_link_of_v2_1_is_its_own_url(cloud, member_a):
    version = member_a.versions.get_version_by_url(
        _root(cloud) + 'v2.1/')['version']
    assert {'rel': 'self', 'href': _root(cloud) + 'v2.1/'} in \
        version['links']


def test_another_root_path_is_300_with_the_path_in_each_version(
        cloud, member_a):
    _headers, body = clients.call(member_a.versions, 'GET',
                                  _root(cloud) + 'servers',
                                  versions.get_version)
    hrefs = {choice['id']: choice['links'][0]['href']
             for choice in body['choices']}
    assert hrefs == {'v2.0': _root(cloud) + 'v2/servers',
                     'v2.1': _root(cloud) + 'v2.1/servers'}
