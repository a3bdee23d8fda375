"""The personas every compute API rule is written in, as Nova names them.

Keystone's roles imply one another (admin implies member, member implies
reader), so a rule that lets the reader in lets the member and the admin in
too. Rules are project scoped.
"""

from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
PROJECT_READER_OR_ADMIN = 'rule:project_reader_or_admin'
RULE_ANY = '@'
RULE_NOBODY = '!'

PROJECT_SCOPE = ['project']

rules = [
    policy.RuleDefault(
        'context_is_admin', 'role:admin',
        "Decides what is required for the 'is_admin:True' check to "
        "succeed."),
    policy.RuleDefault(
        'project_manager_api', 'role:manager and project_id:%(project_id)s',
        'Default rule for Project level management APIs.'),
    policy.RuleDefault(
        'project_member_api', 'role:member and project_id:%(project_id)s',
        'Default rule for Project level non admin APIs.'),
    policy.RuleDefault(
        'project_reader_api', 'role:reader and project_id:%(project_id)s',
        'Default rule for Project level read only APIs.'),
    policy.RuleDefault(
        'service_api', 'role:service',
        'Default rule for service-to-service APIs.'),
    policy.RuleDefault(
        'project_manager_or_admin',
        'rule:project_manager_api or rule:context_is_admin',
        'Default rule for Project Manager or admin APIs.'),
    policy.RuleDefault(
        'project_member_or_admin',
        'rule:project_member_api or rule:context_is_admin',
        'Default rule for Project Member or admin APIs.'),
    policy.RuleDefault(
        'project_reader_or_admin',
        'rule:project_reader_api or rule:context_is_admin',
        'Default rule for Project reader or admin APIs.'),
    policy.RuleDefault(
        'service_or_admin', 'rule:service_api or rule:context_is_admin',
        'Default rule for service or admin APIs.'),
]


def api_rule(name, check_str, description, *operations):
    """A documented, project-scoped rule of an API call; each operation
    is 'METHOD /path' (an action adds ' (name)')."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': op.split(' ', 1)[0],
                     'path': op.split(' ', 1)[1]} for op in operations],
        scope_types=PROJECT_SCOPE)


def list_rules():
    return rules
