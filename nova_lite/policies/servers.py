"""Rules of the servers API: reads for the project's readers, changes
for its members, all projects and forced hosts for admins."""

from nova_lite.policies import base

SERVERS = 'os_compute_api:servers:%s'
REQUESTED_DESTINATION = 'compute:servers:create:requested_destination'
ZERO_DISK_FLAVOR = SERVERS % 'create:zero_disk_flavor'
NETWORK_ATTACH_EXTERNAL = 'network:attach_external_network'

_SHOWN = ('GET /servers/{server_id}', 'GET /servers/detail',
          'PUT /servers/{server_id}',
          'POST /servers/{server_id}/action (rebuild)')


def _action(name, description, action):
    return base.api_rule(SERVERS % name, base.PROJECT_MEMBER_OR_ADMIN,
                         description,
                         'POST /servers/{server_id}/action (%s)' % action)


rules = [
    base.api_rule(SERVERS % 'index', base.PROJECT_READER_OR_ADMIN,
                  'List all servers', 'GET /servers'),
    base.api_rule(SERVERS % 'detail', base.PROJECT_READER_OR_ADMIN,
                  'List all servers with detailed information',
                  'GET /servers/detail'),
    base.api_rule(SERVERS % 'index:get_all_tenants', base.ADMIN,
                  'List all servers for all projects', 'GET /servers'),
    base.api_rule(SERVERS % 'detail:get_all_tenants', base.ADMIN,
                  'List all servers with detailed information for all '
                  'projects', 'GET /servers/detail'),
    base.api_rule(SERVERS % 'allow_all_filters', base.ADMIN,
                  'Allow all filters when listing servers',
                  'GET /servers', 'GET /servers/detail'),
    base.api_rule(SERVERS % 'show', base.PROJECT_READER_OR_ADMIN,
                  'Show a server', 'GET /servers/{server_id}'),
    base.api_rule(SERVERS % 'show:flavor-extra-specs',
                  base.PROJECT_READER_OR_ADMIN,
                  "Starting with microversion 2.47, the flavor and its "
                  "extra specs used for a server is also returned in the "
                  "response when showing server details, updating a server "
                  "or rebuilding a server.", *_SHOWN),
    base.api_rule(SERVERS % 'show:host_status', base.ADMIN,
                  'Show a server with additional host status information.',
                  *_SHOWN),
    base.api_rule(SERVERS % 'show:host_status:unknown-only', base.ADMIN,
                  'Show a server with additional host status information, '
                  'only if host status is UNKNOWN.', *_SHOWN),
    base.api_rule(SERVERS % 'create', base.PROJECT_MEMBER_OR_ADMIN,
                  'Create a server', 'POST /servers'),
    base.api_rule(SERVERS % 'create:forced_host', base.ADMIN,
                  'Create a server on the specified host and/or node.',
                  'POST /servers'),
    base.api_rule(REQUESTED_DESTINATION, base.ADMIN,
                  'Create a server on the requested compute service '
                  'host and/or hypervisor_hostname.', 'POST /servers'),
    base.api_rule(SERVERS % 'create:attach_volume',
                  base.PROJECT_MEMBER_OR_ADMIN,
                  'Create a server with the requested volume attached to '
                  'it', 'POST /servers'),
    base.api_rule(SERVERS % 'create:attach_network',
                  base.PROJECT_MEMBER_OR_ADMIN,
                  'Create a server with the requested network attached to '
                  'it', 'POST /servers'),
    base.api_rule(SERVERS % 'create:trusted_certs',
                  base.PROJECT_MEMBER_OR_ADMIN,
                  'Create a server with trusted image certificate IDs',
                  'POST /servers'),
    base.api_rule(ZERO_DISK_FLAVOR, base.ADMIN,
                  'Create a server with a zero-disk flavor that is not '
                  'volume-backed.', 'POST /servers'),
    base.api_rule(NETWORK_ATTACH_EXTERNAL, base.ADMIN,
                  'Attach an unshared external network to a server',
                  'POST /servers', 'POST /servers/{server_id}/os-interface'),
    base.api_rule(SERVERS % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
                  'Delete a server', 'DELETE /servers/{server_id}'),
    base.api_rule(SERVERS % 'update', base.PROJECT_MEMBER_OR_ADMIN,
                  'Update a server', 'PUT /servers/{server_id}'),
    _action('reboot', 'Reboot a server', 'reboot'),
    _action('rebuild', 'Rebuild a server', 'rebuild'),
    _action('rebuild:trusted_certs',
            'Rebuild a server with trusted image certificate IDs',
            'rebuild'),
    _action('start', 'Start a server', 'os-start'),
    _action('stop', 'Stop a server', 'os-stop'),
]


def list_rules():
    return rules
