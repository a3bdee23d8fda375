"""JSON-Schemas of the servers API: create bodies per microversion, the
os-getConsoleOutput action and the list query strings.

Nova's create schema minus what nova-lite cannot honour: legacy block
device mappings and trusted certificates are refused as unexpected
properties (400) rather than accepted and ignored. Scheduler hints are
Nova's: the known ones checked, any other accepted.
``block_device_mapping_v2`` is validated as Nova validates it, because
clients send it for every boot from an image; the handler then accepts
only the mapping that repeats imageRef (see servers.py).
"""

import copy

from nova_lite.api import validation as types
from nova_lite.objects import tag as tag_obj

_network_fields = {
    'fixed_ip': types.ip_address,
    'port': {'type': ['string', 'null'], 'format': 'uuid'},
    'uuid': {'type': 'string'},
}

# Files to write into the root disk (Nova's parameter_types.personality),
# until 2.57.
personality = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'path': {'type': 'string'},
            'contents': {'type': 'string', 'format': 'base64'},
        },
        'additionalProperties': False,
    },
}

# An item of block_device_mapping_v2 (Nova's legacy mapping fields plus
# the v2 ones; nova/block_device.py:from_api reads them).
_MAX_INT = 0x7FFFFFFF

block_device_mapping_v2 = {
    'type': 'object',
    'properties': {
        'virtual_name': {'type': 'string', 'maxLength': 255},
        'volume_id': types.uuid,
        'snapshot_id': types.uuid,
        'volume_size': {
            'type': ['integer', 'string'],
            'pattern': '^[0-9]+$', 'minimum': 1, 'maximum': _MAX_INT,
        },
        # No empty names, no spaces.
        'device_name': {
            'type': 'string', 'minLength': 1, 'maxLength': 255,
            'pattern': '^[a-zA-Z0-9._/-]*$',
        },
        'delete_on_termination': types.boolean,
        'no_device': {},
        'connection_info': {'type': 'string', 'maxLength': 16777215},
        'source_type': {
            'type': 'string',
            'enum': ['volume', 'image', 'snapshot', 'blank'],
        },
        'uuid': {
            'type': 'string', 'minLength': 1, 'maxLength': 255,
            'pattern': '^[a-zA-Z0-9._-]*$',
        },
        'image_id': types.uuid,
        'destination_type': {'type': 'string', 'enum': ['local', 'volume']},
        'guest_format': {'type': 'string', 'maxLength': 255},
        'device_type': {'type': 'string', 'maxLength': 255},
        'disk_bus': {'type': 'string', 'maxLength': 255},
        # None is accepted too (as by the legacy v2 API): it means -1.
        'boot_index': {
            'type': ['integer', 'string', 'null'],
            'pattern': '^-?[0-9]+$',
        },
    },
    'additionalProperties': False,
}

# os:scheduler_hints (or its legacy name OS-SCH-HNT:scheduler_hints).
scheduler_hints = {
    'type': 'object',
    'properties': {
        # The server group the new servers join.
        'group': {'oneOf': [
            {'type': 'array', 'items': types.uuid},
            types.uuid,
        ]},
        # Servers to be (not) placed with: one uuid or a list.
        'different_host': {'oneOf': [
            types.uuid,
            {'type': 'array', 'items': types.uuid},
        ]},
        'same_host': {'type': ['string', 'array'], 'items': types.uuid},
        # A JSON filter expression, as a string or already an object.
        'query': {'type': ['string', 'object']},
        'target_cell': types.name,
        'different_cell': {'type': ['string', 'array'],
                           'items': {'type': 'string'}},
        'build_near_host_ip': types.ip_address,
        'cidr': {'type': 'string', 'pattern': '^/[0-9a-f.:]+$'},
    },
    # Hints of other filters pass through, as in Nova.
    'additionalProperties': True,
}

base_create = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': types.name,
                # An empty imageRef is only meaningful for boot from
                # volume; the handler turns it into "Missing imageRef".
                'imageRef': {'oneOf': [
                    {'type': 'string', 'format': 'uuid'},
                    {'type': 'string', 'maxLength': 0}]},
                'flavorRef': {'type': ['string', 'integer'],
                              'minLength': 1},
                # Never stored, so neither length nor pattern is limited.
                'adminPass': {'type': 'string'},
                'metadata': types.metadata,
                'OS-DCF:diskConfig': types.disk_config,
                'accessIPv4': types.accessIPv4,
                'accessIPv6': types.accessIPv6,
                'networks': {
                    'type': 'array',
                    'items': {'type': 'object',
                              'properties': _network_fields,
                              'additionalProperties': False},
                },
                'availability_zone': types.name,
                'block_device_mapping_v2': {
                    'type': 'array',
                    'items': block_device_mapping_v2,
                },
                'config_drive': types.boolean,
                'key_name': types.name,
                'personality': personality,
                'min_count': types.positive_integer,
                'max_count': types.positive_integer,
                'return_reservation_id': types.boolean,
                'security_groups': {
                    'type': 'array',
                    'items': {'type': 'object',
                              'properties': {'name': types.name},
                              'additionalProperties': False},
                },
                'user_data': {'type': 'string', 'format': 'base64',
                              'maxLength': 65535},
            },
            'required': ['name', 'flavorRef'],
            'additionalProperties': False,
        },
        'os:scheduler_hints': scheduler_hints,
        'OS-SCH-HNT:scheduler_hints': scheduler_hints,
    },
    'required': ['server'],
    'additionalProperties': False,
}


def _server_props(schema):
    return schema['properties']['server']['properties']


def _bdm_props(schema):
    return _server_props(schema)['block_device_mapping_v2']['items'][
        'properties']


# The legacy v2 API: names may have leading and trailing spaces, and
# user_data may be null.
create_v20 = copy.deepcopy(base_create)
_server_props(create_v20).update(
    name=types.name_with_leading_trailing_spaces,
    availability_zone=types.name_with_leading_trailing_spaces,
    key_name=types.name_with_leading_trailing_spaces,
    user_data={'type': ['string', 'null'], 'format': 'base64',
               'maxLength': 65535})
_server_props(create_v20)['security_groups']['items']['properties'][
    'name'] = types.name_with_leading_trailing_spaces

# 2.19: a description.
create_v219 = copy.deepcopy(base_create)
_server_props(create_v219)['description'] = types.description

# 2.32: a device tag on requested networks and block devices.
create_v232 = copy.deepcopy(create_v219)
_server_props(create_v232)['networks']['items']['properties']['tag'] = (
    types.tag)
_bdm_props(create_v232)['tag'] = types.tag

# 2.33-2.36: by an accident of history kept by Nova, the network tag
# stays and the block device tag goes (it is back at 2.42).
create_v233 = copy.deepcopy(create_v219)
_server_props(create_v233)['networks']['items']['properties']['tag'] = (
    types.tag)

# 2.37: networks is required and is a list of {uuid|port} or 'auto'/'none';
# network uuids must be uuids. (Built on 2.19: no network tag until 2.42.)
create_v237 = copy.deepcopy(create_v219)
create_v237['properties']['server']['required'].append('networks')
_network_fields_v237 = dict(_network_fields,
                            uuid={'type': 'string', 'format': 'uuid'})
_server_props(create_v237)['networks'] = {
    'oneOf': [
        {'type': 'array',
         'items': {'type': 'object',
                   'properties': _network_fields_v237,
                   'additionalProperties': False}},
        {'type': 'string', 'enum': ['none', 'auto']},
    ]}

# 2.42: the network and block device tags are back.
create_v242 = copy.deepcopy(create_v237)
_server_props(create_v242)['networks']['oneOf'][0]['items'][
    'properties']['tag'] = types.tag
_bdm_props(create_v242)['tag'] = types.tag

# 2.52: server tags (at most 50, as a server may have).
create_v252 = copy.deepcopy(create_v242)
_server_props(create_v252)['tags'] = {
    'type': 'array', 'items': types.tag, 'maxItems': tag_obj.MAX_TAG_COUNT}

# 2.57: no more personality files.
create_v257 = copy.deepcopy(create_v252)
_server_props(create_v257).pop('personality')

# 2.67: a volume type on block devices.
create_v267 = copy.deepcopy(create_v257)
_bdm_props(create_v267)['volume_type'] = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}

# 2.74: an admin may ask for a host and/or node (hypervisor hostname).
create_v274 = copy.deepcopy(create_v267)
_server_props(create_v274)['host'] = types.fqdn
_server_props(create_v274)['hypervisor_hostname'] = types.fqdn

# 2.90: the hostname the guest is told (else one from the name).
create_v290 = copy.deepcopy(create_v274)
_server_props(create_v290)['hostname'] = types.hostname

# 2.94: the hostname may be a fully qualified domain name.
create_v294 = copy.deepcopy(create_v290)
_server_props(create_v294)['hostname'] = types.fqdn

# (version range, schema) of POST /servers, newest last.
CREATE_SCHEMAS = (
    ('2.0', '2.0', create_v20),
    ('2.1', '2.18', base_create),
    ('2.19', '2.31', create_v219),
    ('2.32', '2.32', create_v232),
    ('2.33', '2.36', create_v233),
    ('2.37', '2.41', create_v237),
    ('2.42', '2.51', create_v242),
    ('2.52', '2.56', create_v252),
    ('2.57', '2.66', create_v257),
    ('2.67', '2.73', create_v267),
    ('2.74', '2.89', create_v274),
    ('2.90', '2.93', create_v290),
    ('2.94', None, create_v294),
)


# PUT /servers/{id}: a new name, disk config and access addresses; a
# description from 2.19, a hostname from 2.90 (a domain name from 2.94),
# the pinned availability zone from 2.104.
update = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': types.name,
                'OS-DCF:diskConfig': types.disk_config,
                'accessIPv4': types.accessIPv4,
                'accessIPv6': types.accessIPv6,
            },
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}

# The legacy v2 API: the name may have leading and trailing spaces.
update_v20 = copy.deepcopy(update)
update_v20['properties']['server']['properties']['name'] = (
    types.name_with_leading_trailing_spaces)

update_v219 = copy.deepcopy(update)
update_v219['properties']['server']['properties']['description'] = \
    types.description

update_v290 = copy.deepcopy(update_v219)
update_v290['properties']['server']['properties']['hostname'] = \
    types.hostname

update_v294 = copy.deepcopy(update_v290)
update_v294['properties']['server']['properties']['hostname'] = types.fqdn

# 2.104: pin the server to its zone, or unpin it with null.
update_v2104 = copy.deepcopy(update_v294)
update_v2104['properties']['server']['properties'][
    'pinned_availability_zone'] = types.name_or_none

get_console_output = {
    'type': 'object',
    'properties': {
        'os-getConsoleOutput': {
            'type': 'object',
            'properties': {
                'length': {
                    'type': ['integer', 'string', 'null'],
                    'pattern': '^-?[0-9]+$',
                    # -1 and null both mean the whole log.
                    'minimum': -1,
                },
            },
            'additionalProperties': False,
        },
    },
    'required': ['os-getConsoleOutput'],
    'additionalProperties': False,
}


# Query strings of GET /servers and /servers/detail.

# Relations of an instance; filtering on them is refused (400).
JOINED_TABLE_QUERY_PARAMS_SERVERS = (
    'block_device_mapping', 'services', 'metadata', 'system_metadata',
    'info_cache', 'security_groups', 'pci_devices')

# Sort keys Nova accepted once and now ignores (until 2.75 refuses them).
SERVER_LIST_IGNORE_SORT_KEY = [
    'architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
    'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
    'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
    'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb',
    'shutdown_terminate', 'user_data', 'vcpus', 'vm_mode']
SERVER_LIST_IGNORE_SORT_KEY_V273 = [
    key for key in SERVER_LIST_IGNORE_SORT_KEY if key != 'locked']

_SORT_KEYS = [
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone',
    'config_drive', 'created_at', 'display_description', 'display_name',
    'host', 'hostname', 'image_ref', 'instance_type_id', 'kernel_id',
    'key_name', 'launch_index', 'launched_at', 'locked_by', 'node',
    'power_state', 'progress', 'project_id', 'ramdisk_id',
    'root_device_name', 'task_state', 'terminated_at', 'updated_at',
    'user_id', 'uuid', 'vm_state']

_EXACT = types.common_query_param
_REGEX = types.common_query_regex_param

query_params_v21 = {
    'type': 'object',
    'properties': dict(
        {name: _EXACT for name in (
            'user_id', 'project_id', 'tenant_id', 'launch_index',
            'image_ref', 'image', 'vm_state', 'task_state', 'host', 'uuid',
            'sort_dir', 'all_tenants', 'soft_deleted', 'deleted', 'status')},
        **{name: _REGEX for name in (
            'kernel_id', 'ramdisk_id', 'hostname', 'key_name',
            'power_state', 'node', 'flavor', 'reservation_id',
            'launched_at', 'terminated_at', 'availability_zone', 'name',
            'display_name', 'description', 'display_description',
            'locked_by', 'root_device_name', 'config_drive', 'access_ip_v4',
            'access_ip_v6', 'auto_disk_config', 'progress', 'ip', 'ip6',
            'created_at')},
        **{name: _EXACT for name in JOINED_TABLE_QUERY_PARAMS_SERVERS},
        **types.pagination_parameters,
        sort_key=types.multi_params(
            {'type': 'string',
             'enum': _SORT_KEYS + SERVER_LIST_IGNORE_SORT_KEY}),
        **{'changes-since': types.multi_params(
            {'type': 'string', 'format': 'date-time'})}),
    # Unknown parameters are dropped before 2.75 and refused from it.
    'additionalProperties': True,
    # Names starting with '_' are kept so that the handler refuses them.
    'patternProperties': {'^_': _EXACT},
}

query_params_v226 = copy.deepcopy(query_params_v21)
query_params_v226['properties'].update(
    {name: _REGEX for name in ('tags', 'tags-any', 'not-tags',
                               'not-tags-any')})

query_params_v266 = copy.deepcopy(query_params_v226)
query_params_v266['properties']['changes-before'] = types.multi_params(
    {'type': 'string', 'format': 'date-time'})

query_params_v273 = copy.deepcopy(query_params_v266)
query_params_v273['properties'].update({
    'sort_key': types.multi_params(
        {'type': 'string',
         'enum': ['locked'] + _SORT_KEYS + SERVER_LIST_IGNORE_SORT_KEY_V273}),
    'locked': _EXACT,
})

query_params_v275 = copy.deepcopy(query_params_v273)
query_params_v275['properties']['sort_key'] = types.multi_params(
    {'type': 'string', 'enum': ['locked'] + _SORT_KEYS})
query_params_v275['additionalProperties'] = False

# (version range, schema) of the list query strings, newest last.
QUERY_SCHEMAS = (
    ('2.1', '2.25', query_params_v21),
    ('2.26', '2.65', query_params_v226),
    ('2.66', '2.72', query_params_v266),
    ('2.73', '2.74', query_params_v273),
    ('2.75', None, query_params_v275),
)
