"""Image documents of Nova's image proxy API (microversions < 2.36)."""

import urllib.parse as urlparse

from oslo_utils import strutils

from nova_lite.api.openstack import common

# Glance's statuses as the compute API names them.
_STATUS = {
    'active': 'ACTIVE',
    'queued': 'SAVING',
    'saving': 'SAVING',
    'deleted': 'DELETED',
    'pending_delete': 'DELETED',
    'killed': 'ERROR',
}
_PROGRESS = {'queued': 25, 'saving': 50, 'active': 100}

# Where Glance would serve the image: its standard port on the API host,
# as Nova's default image endpoint.
GLANCE_PORT = 9292


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'images'
    _member_name = 'image'
    _id_key = 'id'

    def basic(self, request, image):
        return {'image': {
            'id': image['id'],
            'name': image.get('name'),
            'links': self._get_links(request, image['id'],
                                     self._collection_name),
        }}

    def show(self, request, image):
        properties = image.get('properties') or {}
        body = {
            'id': image['id'],
            'name': image.get('name'),
            'minRam': int(image.get('min_ram') or 0),
            'minDisk': int(image.get('min_disk') or 0),
            'metadata': properties,
            'created': _format_date(image.get('created_at')),
            'updated': _format_date(image.get('updated_at')),
            'status': _STATUS.get(image.get('status'), 'UNKNOWN'),
            'progress': _PROGRESS.get(image.get('status'), 0),
            'OS-EXT-IMG-SIZE:size': image.get('size'),
            'links': self._get_links(request, image['id'],
                                     self._collection_name),
        }
        instance_uuid = properties.get('instance_uuid')
        if instance_uuid is not None:
            body['server'] = {
                'id': instance_uuid,
                'links': [
                    {'rel': 'self',
                     'href': self._get_href_link(request, instance_uuid,
                                                 'servers')},
                    {'rel': 'bookmark',
                     'href': self._get_bookmark_link(request, instance_uuid,
                                                     'servers')}],
            }
        auto_disk_config = properties.get('auto_disk_config')
        if auto_disk_config is not None:
            body['OS-DCF:diskConfig'] = (
                'AUTO' if strutils.bool_from_string(auto_disk_config)
                else 'MANUAL')
        return {'image': body}

    def _get_links(self, request, identifier, collection_name):
        links = super()._get_links(request, identifier, collection_name)
        links.append({'rel': 'alternate',
                      'type': 'application/vnd.openstack.image',
                      'href': self._get_alternate_link(request, identifier)})
        return links

    def _get_alternate_link(self, request, identifier):
        url = urlparse.urlsplit(request.host_url)
        host = url.hostname
        if ':' in host:
            host = '[%s]' % host  # an IPv6 address
        glance = '%s://%s:%d' % (url.scheme, host, GLANCE_PORT)
        return '/'.join([glance, self._collection_name, str(identifier)])


def _format_date(value):
    return common.isotime(value) if value is not None else None
