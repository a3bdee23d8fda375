"""Where a server tag lives, as Nova's server tags view says it."""

from nova_lite.api.openstack import common


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'tags'

    def get_location(self, request, server_id, tag):
        """The URL of the tag: the server's URL, then /tags/<tag>."""
        server_location = self._get_href_link(request, server_id, 'servers')
        return '%s/%s/%s' % (server_location, self._collection_name, tag)
