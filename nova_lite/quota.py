"""The quota resources and how their limits combine, as Nova's
QuotaEngine: a limit comes from the user's own row in the project, else
the project's row, else the default: the 'default' quota class's limit,
else the ``[quota]`` option; -1 is unlimited. Other quota classes are
kept and shown but apply to no one, as in Nova.

Usage is counted, never reserved (Nova's counting driver): ``reserved``
is always 0.
"""

from nova_lite import exception
from nova_lite import objects

# The quota class whose limits are every project's defaults.
DEFAULT_QUOTA_CLASS = 'default'

# resource -> its [quota] option (None: a nova-network resource Nova keeps
# in its answers, always unlimited and unused).
RESOURCES = {
    'cores': 'cores',
    'injected_files': 'injected_files',
    'injected_file_content_bytes': 'injected_file_content_bytes',
    'injected_file_path_bytes': 'injected_file_path_length',
    'instances': 'instances',
    'key_pairs': 'key_pairs',
    'metadata_items': 'metadata_items',
    'ram': 'ram',
    'server_groups': 'server_groups',
    'server_group_members': 'server_group_members',
    'fixed_ips': None,
    'floating_ips': None,
    'security_groups': None,
    'security_group_rules': None,
}

# Hidden from 2.36 (nova-network) and 2.57 (personality files) on.
FILTERED_V236 = ('fixed_ips', 'floating_ips', 'security_group_rules',
                 'security_groups')
FILTERED_V257 = FILTERED_V236 + ('injected_files',
                                 'injected_file_content_bytes',
                                 'injected_file_path_bytes')


def get_class_quotas(context, conf, class_name):
    """{resource: limit} of the quota class: its own, else the
    ``[quota]`` option (Nova's get_class_quotas)."""
    limits = objects.Quotas.get_class_limits(context, class_name)
    return {name: limits.get(name, getattr(conf.quota, flag) if flag else -1)
            for name, flag in RESOURCES.items()}


def get_defaults(context, conf):
    """{resource: default limit} of every project: the 'default' quota
    class's, else the ``[quota]`` option."""
    return get_class_quotas(context, conf, DEFAULT_QUOTA_CLASS)


def get_limits(context, conf, project_id, user_id=None):
    """{resource: limit} of the project, or of the user in it."""
    limits = get_defaults(context, conf)
    limits.update(objects.Quotas.get_set_limits(context, project_id))
    if user_id is not None:
        limits.update(objects.Quotas.get_set_limits(context, project_id,
                                                    user_id=user_id))
    return limits


def get_quotas(context, conf, project_id, user_id=None):
    """{resource: {'limit', 'in_use', 'reserved'}} of the project, or of
    the user in it."""
    usage = objects.Quotas.usage(context, project_id, user_id=user_id)
    return {name: {'limit': limit, 'in_use': usage.get(name, 0),
                   'reserved': 0}
            for name, limit in get_limits(context, conf, project_id,
                                          user_id).items()}


def get_settable_quotas(context, conf, project_id, user_id=None):
    """{resource: (minimum, maximum)} a new limit must be within: at
    least what is in use; for a user, at most the project's limit."""
    quotas = get_quotas(context, conf, project_id, user_id)
    project = (get_limits(context, conf, project_id) if user_id is not None
               else {})
    return {name: (values['in_use'], project.get(name, -1))
            for name, values in quotas.items()}


def scopes(context, conf, project_id, user_id):
    """[(limits, usage)] of the project and of the user in it: a request
    must fit in both, as Nova's check_deltas."""
    project = get_limits(context, conf, project_id)
    user = dict(project, **objects.Quotas.get_set_limits(
        context, project_id, user_id=user_id))
    return [(project, objects.Quotas.usage(context, project_id)),
            (user, objects.Quotas.usage(context, project_id,
                                        user_id=user_id))]


def over(context, conf, project_id, user_id, deltas):
    """The first resource of ``deltas`` ({resource: more wanted}) that
    would go over its limit, as (resource, limit, used), else None."""
    for limits, usage in scopes(context, conf, project_id, user_id):
        for name, delta in deltas.items():
            limit = limits[name]
            if limit >= 0 and usage.get(name, 0) + delta > limit:
                return name, limit, usage.get(name, 0)
    return None


def recheck_num_instances(context, conf, flavor, project_id, user_id,
                          orig_num_req):
    """Nova's quota recheck once the instances of a request are counted
    in the usage: TooManyInstances if the project, or the user in it, is
    now over its instances, cores or ram limit. As in Nova, the message
    gives the ``orig_num_req`` instances' needs as requested and the
    limit as both used and allowed."""
    per_instance = {'instances': 1, 'cores': flavor.vcpus,
                    'ram': flavor.memory_mb}
    (project, project_usage), (user, user_usage) = scopes(
        context, conf, project_id, user_id)

    def is_over(limits, usage, name):
        return limits[name] >= 0 and usage.get(name, 0) > limits[name]

    overs = sorted(name for name in per_instance
                   if is_over(project, project_usage, name) or
                   is_over(user, user_usage, name))
    if not overs:
        return
    # The user's limits are reported if any went over the user's only.
    limits = project
    if any(not is_over(project, project_usage, name) for name in overs):
        limits = user
    allowed = ', '.join(str(limits[name]) for name in overs)
    raise exception.TooManyInstances(
        overs=', '.join(overs),
        req=', '.join(str(per_instance[name] * orig_num_req)
                      for name in overs),
        used=allowed, allowed=allowed)
