"""Rule of the extended server attributes (host, instance name, ...):
admins see them."""

from nova_lite.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-extended-server-attributes'

rules = [
    base.api_rule(
        BASE_POLICY_NAME, base.ADMIN,
        'Return extended attributes for server.\n\nThis rule will control '
        'the visibility for a set of servers attributes:\n\n'
        '- ``OS-EXT-SRV-ATTR:host``\n'
        '- ``OS-EXT-SRV-ATTR:instance_name``\n'
        '- ``OS-EXT-SRV-ATTR:reservation_id`` (since microversion 2.3)\n'
        '- ``OS-EXT-SRV-ATTR:launch_index`` (since microversion 2.3)\n'
        '- ``OS-EXT-SRV-ATTR:hostname`` (since microversion 2.3)\n'
        '- ``OS-EXT-SRV-ATTR:kernel_id`` (since microversion 2.3)\n'
        '- ``OS-EXT-SRV-ATTR:ramdisk_id`` (since microversion 2.3)\n'
        '- ``OS-EXT-SRV-ATTR:root_device_name`` (since microversion 2.3)\n'
        '- ``OS-EXT-SRV-ATTR:user_data`` (since microversion 2.3)',
        'GET /servers/{id}', 'GET /servers/detail',
        'PUT /servers/{server_id}',
        'POST /servers/{server_id}/action (rebuild)'),
]


def list_rules():
    return rules
