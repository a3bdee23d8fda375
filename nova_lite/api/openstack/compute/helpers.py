"""The server attributes create, update and rebuild share: the access
addresses and the disk config, named as the REST API names them and
turned into the instance's fields."""

from nova_lite import exception

API_DISK_CONFIG = 'OS-DCF:diskConfig'
API_ACCESS_V4 = 'accessIPv4'
API_ACCESS_V6 = 'accessIPv6'


def disk_config_from_api(value):
    """True for AUTO, False for MANUAL; anything else is a 400 (the
    schemas let only those two through)."""
    if value in ('AUTO', 'MANUAL'):
        return value == 'AUTO'
    raise exception.Invalid("%s must be either 'MANUAL' or 'AUTO'."
                            % API_DISK_CONFIG)


def disk_config_to_api(auto_disk_config):
    return 'AUTO' if auto_disk_config else 'MANUAL'


def translate_attributes(server):
    """The instance fields (access_ip_v4, access_ip_v6,
    auto_disk_config) that ``server``, a request's server or action
    body, gives; those it does not give are left out."""
    fields = {}
    if server.get(API_DISK_CONFIG) is not None:
        fields['auto_disk_config'] = disk_config_from_api(
            server[API_DISK_CONFIG])
    for key, field in ((API_ACCESS_V4, 'access_ip_v4'),
                       (API_ACCESS_V6, 'access_ip_v6')):
        if key in server:
            fields[field] = server[key]
    return fields
