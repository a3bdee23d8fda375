"""The os-server-groups API: create, list, show and delete server groups.

A group belongs to its project: users see and delete their project's
groups only (another project's group is not found), admins any group,
and admins list every project's with ``all_projects``. Members are the
servers created with the group hint that are not deleted.
"""

from nova_lite.api.openstack.compute.schemas import server_groups as schema
from nova_lite.api.openstack.compute.views import server_groups as view
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception
from nova_lite import objects
from nova_lite import quota
from nova_lite.policies import server_groups as group_policies

# 2.15 adds the soft policies, 2.64 one policy with rules (see schema).
POLICY_MICROVERSION = view.POLICY_MICROVERSION


def _live_members(context, groups):
    """The members of ``groups`` whose instance is not deleted."""
    uuids = sorted({uuid for group in groups for uuid in group.members or []})
    if not uuids:
        return set()
    instances = objects.InstanceList.get_by_filters(
        context.elevated(), {'uuid': uuids, 'deleted': False})
    return {instance.uuid for instance in instances}


def _limited(req, items, max_limit):
    """``items[offset:offset + limit]``, the limit capped at
    ``max_limit`` (0 or none meaning the cap), as Nova's common.limited."""
    offset = int(req.GET.get('offset', 0))
    limit = min(max_limit, int(req.GET.get('limit', 0)) or max_limit)
    return items[offset:offset + limit]


def check_server_group_quota(context, conf, delta=1):
    """ServerGroupLimitExceeded (403) if the project, or the user in it,
    cannot have ``delta`` more groups."""
    if quota.over(context, conf, context.project_id, context.user_id,
                  {'server_groups': delta}):
        raise exception.ServerGroupLimitExceeded()


class ServerGroupController(object):

    def __init__(self, conf):
        self.conf = conf

    @validation.query_validated(schema.index_query, '2.0', '2.74')
    @validation.query_validated(schema.index_query_v275, '2.75')
    def index(self, req):
        """The project's groups (every group for an admin asking for
        ``all_projects``), paged with limit and offset."""
        context = req.environ['nova.context']
        context.can(group_policies.POLICY_ROOT % 'index',
                    {'project_id': context.project_id})
        if 'all_projects' in req.GET and context.can(
                group_policies.POLICY_ROOT % 'index:all_projects',
                fatal=False):
            groups = objects.InstanceGroupList.get_all(context)
        else:
            # A user's all_projects is ignored rather than refused.
            groups = objects.InstanceGroupList.get_by_project_id(
                context, context.project_id)
        groups = _limited(req, list(groups), self.conf.api.max_limit)
        live = _live_members(context, groups)
        return {'server_groups': [view.server_group(req, group, live)
                                  for group in groups]}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, id):
        context = req.environ['nova.context']
        group = objects.InstanceGroup.get_by_uuid(context, id)
        context.can(group_policies.POLICY_ROOT % 'show',
                    {'project_id': group.project_id})
        return {'server_group': view.server_group(
            req, group, _live_members(context, [group]))}

    @wsgi.response(204)
    def delete(self, req, id):
        """Delete the group; its members stay, out of any group."""
        context = req.environ['nova.context']
        group = objects.InstanceGroup.get_by_uuid(context, id)
        context.can(group_policies.POLICY_ROOT % 'delete',
                    {'project_id': group.project_id})
        group.destroy()

    @validation.validated(schema.create, '2.0', '2.14')
    @validation.validated(schema.create_v215, '2.15', '2.63')
    @validation.validated(schema.create_v264, POLICY_MICROVERSION)
    def create(self, req, body):
        """A new group of the caller's project (200, as in Nova)."""
        context = req.environ['nova.context']
        context.can(group_policies.POLICY_ROOT % 'create')
        check_server_group_quota(context, self.conf)
        values = body['server_group']
        if wsgi.is_supported(req, POLICY_MICROVERSION):
            policy = values['policy']
            rules = values.get('rules', {})
            if policy != 'anti-affinity' and rules:
                raise exception.Invalid(
                    'Only anti-affinity policy supports rules.')
        else:
            policy, rules = values['policies'][0], {}
        group = objects.InstanceGroup(
            context, name=values['name'], policy=policy,
            rules={key: str(value) for key, value in rules.items()},
            project_id=context.project_id, user_id=context.user_id)
        group.create()
        # Counted again as Nova does with [quota] recheck_quota: of two
        # racing creates that both passed the check, the later one gives
        # its group back.
        if self.conf.quota.recheck_quota:
            try:
                check_server_group_quota(context, self.conf, delta=0)
            except exception.ServerGroupLimitExceeded:
                group.destroy()
                raise
        return {'server_group': view.server_group(req, group, set())}
