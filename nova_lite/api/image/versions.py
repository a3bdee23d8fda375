"""``GET /image``: the Image API versions, without authentication, as
Glance lists them (300 Multiple Choices)."""

from nova_lite.api import root_versions


class Versions(root_versions.Versions):
    # Only the read-only core of v2.0 is served.
    VERSIONS = (('2.0', 'CURRENT'),)
    VERSION_PATH = 'v2/'
    STATUS = 300
