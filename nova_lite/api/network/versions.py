"""``GET /network``: the Networking API versions, without
authentication, as Neutron lists them."""

from nova_lite.api import root_versions


class Versions(root_versions.Versions):
    # Neutron has only ever had v2.0.
    VERSIONS = (('2.0', 'CURRENT'),)
    VERSION_PATH = 'v2.0/'
    # Neutron answers 200 here, where Glance and Nova answer 300.
    STATUS = 200
