"""Flavor documents, as Nova shows them at each microversion."""

from nova_lite.api.openstack import common
from nova_lite.api.openstack import wsgi

FLAVOR_DESCRIPTION_MICROVERSION = '2.55'
FLAVOR_EXTRA_SPECS_MICROVERSION = '2.61'
# From 2.75 a flavor without swap says 0, before it said "".
FLAVOR_SWAP_INT_MICROVERSION = '2.75'
# From 2.102 rxtx_factor and OS-FLV-DISABLED:disabled are not shown.
FLAVOR_LEGACY_FIELDS_GONE_MICROVERSION = '2.102'


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'flavors'
    _member_name = 'flavor'
    _id_key = 'flavorid'

    def basic(self, request, flavor):
        body = {
            'id': flavor.flavorid,
            'name': flavor.name,
            'links': self._get_links(request, flavor.flavorid,
                                     self._collection_name),
        }
        if wsgi.is_supported(request, FLAVOR_DESCRIPTION_MICROVERSION):
            body['description'] = flavor.description
        return {'flavor': body}

    def show(self, request, flavor):
        swap_int = wsgi.is_supported(request, FLAVOR_SWAP_INT_MICROVERSION)
        body = {
            'id': flavor.flavorid,
            'name': flavor.name,
            'ram': flavor.memory_mb,
            'disk': flavor.root_gb,
            'swap': flavor.swap or (0 if swap_int else ''),
            'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
            'OS-FLV-DISABLED:disabled': flavor.disabled,
            'vcpus': flavor.vcpus,
            'os-flavor-access:is_public': flavor.is_public,
            'rxtx_factor': flavor.rxtx_factor or '',
            'links': self._get_links(request, flavor.flavorid,
                                     self._collection_name),
        }
        if wsgi.is_supported(request, FLAVOR_DESCRIPTION_MICROVERSION):
            body['description'] = flavor.description
        if wsgi.is_supported(request, FLAVOR_EXTRA_SPECS_MICROVERSION):
            # Readable by every user by default, as in Nova.
            body['extra_specs'] = dict(flavor.extra_specs)
        if wsgi.is_supported(request, FLAVOR_LEGACY_FIELDS_GONE_MICROVERSION):
            del body['OS-FLV-DISABLED:disabled']
            del body['rxtx_factor']
        return {'flavor': body}
