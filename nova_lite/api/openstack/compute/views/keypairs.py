"""Key pair documents, as Nova shows them at each microversion."""

from nova_lite.api.openstack import common

_INDEX_FIELDS = ('name', 'public_key', 'fingerprint')
_CREATE_FIELDS = _INDEX_FIELDS + ('user_id',)
_SHOW_FIELDS = _CREATE_FIELDS + ('created_at', 'deleted', 'deleted_at',
                                 'id', 'updated_at')
_TIME_FIELDS = ('created_at', 'updated_at', 'deleted_at')


def _build_keypair(keypair, fields):
    body = {}
    for field in fields:
        value = keypair[field]
        if field in _TIME_FIELDS:
            value = common.naive_time(value)
        body[field] = value
    return body


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'os-keypairs'

    def create(self, keypair, private_key=None, key_type=False):
        """The created key; ``private_key`` when it was generated here,
        ``type`` from 2.2."""
        fields = _CREATE_FIELDS + (('type',) if key_type else ())
        body = _build_keypair(keypair, fields)
        if private_key is not None:
            body['private_key'] = private_key
        return {'keypair': body}

    def show(self, keypair, key_type=False):
        fields = _SHOW_FIELDS + (('type',) if key_type else ())
        return {'keypair': _build_keypair(keypair, fields)}

    def index(self, request, keypairs, key_type=False, links=False):
        """The keys; from 2.35 a next link when the page is full."""
        keypairs = list(keypairs)
        fields = _INDEX_FIELDS + (('type',) if key_type else ())
        body = {'keypairs': [{'keypair': _build_keypair(keypair, fields)}
                             for keypair in keypairs]}
        if links:
            keypairs_links = self._get_collection_links(
                request, keypairs, self._collection_name,
                self.conf.api.max_limit, id_key='name')
            if keypairs_links:
                body['keypairs_links'] = keypairs_links
        return body
