"""The limits API: the caller's project's absolute limits and what it
uses of them (an admin names another project with ``tenant_id``). Rate
limits are no longer a thing in Nova: ``rate`` is always empty."""

from nova_lite.api.openstack.compute.schemas import limits as schema
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import quota
from nova_lite.policies import limits as limits_policies


# quota resource -> the absolute limits that show it
LIMIT_NAMES = {
    'ram': ['maxTotalRAMSize'],
    'instances': ['maxTotalInstances'],
    'cores': ['maxTotalCores'],
    'key_pairs': ['maxTotalKeypairs'],
    'floating_ips': ['maxTotalFloatingIps'],
    'metadata_items': ['maxServerMeta', 'maxImageMeta'],
    'injected_files': ['maxPersonality'],
    'injected_file_content_bytes': ['maxPersonalitySize'],
    'security_groups': ['maxSecurityGroups'],
    'security_group_rules': ['maxSecurityGroupRules'],
    'server_groups': ['maxServerGroups'],
    'server_group_members': ['maxServerGroupMembers'],
}

# usage shown -> quota resource
USED_NAMES = {
    'totalRAMUsed': 'ram',
    'totalCoresUsed': 'cores',
    'totalInstancesUsed': 'instances',
    'totalFloatingIpsUsed': 'floating_ips',
    'totalSecurityGroupsUsed': 'security_groups',
    'totalServerGroupsUsed': 'server_groups',
}

# 2.36 hides the nova-network limits, 2.57 the personality files; 2.39
# drops maxImageMeta (the image API has its own).
FILTERED_V236 = ('floating_ips', 'security_groups', 'security_group_rules')
FILTERED_V257 = FILTERED_V236 + ('injected_files',
                                 'injected_file_content_bytes')


class LimitsController(object):

    def __init__(self, conf):
        self.conf = conf

    @validation.query_validated(schema.index_query, '2.1', '2.74')
    @validation.query_validated(schema.index_query_v275, '2.75')
    def index(self, req):
        context = req.environ['nova.context']
        project_id = context.project_id
        context.can(limits_policies.BASE_POLICY_NAME,
                    {'project_id': project_id})
        if 'tenant_id' in req.GET:
            context.can(limits_policies.OTHER_PROJECT_LIMIT_POLICY_NAME)
            project_id = req.GET.get('tenant_id')
        if wsgi.is_supported(req, '2.57'):
            hidden = FILTERED_V257
        elif wsgi.is_supported(req, '2.36'):
            hidden = FILTERED_V236
        else:
            hidden = ()
        image_meta = not wsgi.is_supported(req, '2.39')
        quotas = quota.get_quotas(context, self.conf, project_id)
        absolute = {}
        for resource, names in LIMIT_NAMES.items():
            if resource in hidden:
                continue
            for name in names:
                if name != 'maxImageMeta' or image_meta:
                    absolute[name] = quotas[resource]['limit']
        for name, resource in USED_NAMES.items():
            if resource not in hidden:
                absolute[name] = quotas[resource]['in_use']
        return {'limits': {'rate': [], 'absolute': absolute}}
