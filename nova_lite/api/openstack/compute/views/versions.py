"""Documents of the API versions: the list, one version, the choices."""

import copy

from nova_lite.api.openstack import common


class ViewBuilder(object):

    def __init__(self, request):
        # The root of the versions app: 'http://host' for '/', and
        # 'http://host/v2.1' or 'http://host/v2' for a version document.
        self.base_url = request.application_url

    def build_versions(self, versions):
        return {'versions': [
            {'id': version['id'],
             'status': version['status'],
             'version': version['version'],
             'min_version': version['min_version'],
             'updated': version['updated'],
             'links': [{'rel': 'self',
                        'href': self._href(version['id'])}]}
            for _key, version in sorted(versions.items())]}

    def build_version(self, version):
        body = copy.deepcopy(version)
        body['links'].insert(0, {'rel': 'self',
                                 'href': self.base_url.rstrip('/') + '/'})
        return {'version': body}

    def build_choices(self, versions, request):
        return {'choices': [
            {'id': version['id'],
             'status': version['status'],
             'links': [{'rel': 'self',
                        'href': self._href(version['id'], request.path)}],
             'media-types': version['media-types']}
            for _key, version in sorted(versions.items())]}

    def _href(self, version_id, path=None):
        number = 'v2.1' if version_id.startswith('v2.1') else 'v2'
        return common.url_join(self.base_url, number, path or '')
