"""Policy enforcement of the compute API with oslo.policy, as Nova's.

The defaults are Nova's rules (``nova_lite.policies``); a policy file
(``[oslo_policy] policy_file``, ``policy.yaml`` beside the configuration)
overrides any of them. Scope and the new defaults are enforced, so the
project's ``reader`` reads, its ``member`` changes and ``admin`` does what
Nova lets admins do.
"""

from oslo_config import cfg
from oslo_policy import policy

from nova_lite import exception
from nova_lite import policies

_ENFORCER = None


def init(conf=None):
    """The enforcer, created on first use with Nova's defaults
    registered and the policy file (if any) loaded."""
    global _ENFORCER
    if _ENFORCER is None:
        enforcer = policy.Enforcer(conf or cfg.CONF)
        enforcer.suppress_default_change_warnings = True
        enforcer.register_defaults(policies.list_rules())
        enforcer.load_rules()
        _ENFORCER = enforcer
    return _ENFORCER


def reset():
    """Forget the enforcer (and the rules it read)."""
    global _ENFORCER
    if _ENFORCER is not None:
        _ENFORCER.clear()
    _ENFORCER = None


def get_enforcer():
    """The enforcer for oslo.policy's tools (oslopolicy-checker,
    oslopolicy-policy-generator): the configuration is parsed first."""
    conf = cfg.ConfigOpts()
    conf([], project='nova-lite')
    return init(conf)


def default_target(context):
    return {'project_id': context.project_id, 'user_id': context.user_id}


def authorize(context, action, target=None):
    """Raise PolicyNotAuthorized (403) unless ``context`` may do
    ``action`` on ``target`` (by default the caller's own project)."""
    enforcer = init()
    if target is None:
        target = default_target(context)
    try:
        return enforcer.authorize(action, target, context, do_raise=True,
                                  exc=exception.PolicyNotAuthorized,
                                  action=action)
    except policy.InvalidScope:
        raise exception.PolicyNotAuthorized(action=action)


def check_is_admin(context):
    """Whether the context's roles pass ``context_is_admin``."""
    enforcer = init()
    return enforcer.authorize('context_is_admin', default_target(context),
                              context)
