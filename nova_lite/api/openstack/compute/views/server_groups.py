"""Server group documents, as Nova shows them at each microversion."""

from nova_lite.api.openstack import wsgi

# Microversions: project and user (2.13); one policy and its rules
# instead of the policy list and the always-empty metadata (2.64).
OWNER_MICROVERSION = '2.13'
POLICY_MICROVERSION = '2.64'


def _typed_rules(rules):
    # Rules are stored as strings; the API shows the number.
    typed = {}
    if 'max_server_per_host' in (rules or {}):
        typed['max_server_per_host'] = int(rules['max_server_per_host'])
    return typed


def server_group(req, group, live_members):
    """The document of ``group``; its members are those of
    ``live_members`` (the instances not deleted), in joining order."""
    body = {'id': group.uuid, 'name': group.name}
    if wsgi.is_supported(req, POLICY_MICROVERSION):
        body['policy'] = group.policy
        body['rules'] = _typed_rules(group.rules)
    else:
        body['policies'] = [group.policy] if group.policy else []
        body['metadata'] = {}
    body['members'] = [uuid for uuid in group.members or []
                       if uuid in live_members]
    if wsgi.is_supported(req, OWNER_MICROVERSION):
        body['project_id'] = group.project_id
        body['user_id'] = group.user_id
    return body
