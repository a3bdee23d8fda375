"""The policy engine and the roles noauth2 gives a request."""

import pytest

from nova_lite.api.openstack import auth
from nova_lite import context as nova_context
from nova_lite import exception
from nova_lite import policies
from nova_lite import policy


@pytest.mark.parametrize('roles, expected', [
    (['admin'], ['admin', 'member', 'reader']),
    (['manager'], ['manager', 'member', 'reader']),
    (['member'], ['member', 'reader']),
    (['reader'], ['reader']),
    (['reader', 'member'], ['reader', 'member']),
])
def test_roles_imply_as_keystones(roles, expected):
    assert auth.implied_roles(roles) == expected


def test_is_admin_follows_the_context_is_admin_rule(conf):
    assert nova_context.RequestContext('u', 'p', roles=['admin']).is_admin
    assert not nova_context.RequestContext('u', 'p',
                                           roles=['member']).is_admin


def test_a_rule_checks_the_targets_project(conf):
    member = nova_context.RequestContext('u', 'p', roles=['member',
                                                          'reader'])
    rule = 'os_compute_api:servers:show'

    assert member.can(rule, {'project_id': 'p'})
    assert member.can(rule, {'project_id': 'q'}, fatal=False) is False
    with pytest.raises(exception.PolicyNotAuthorized) as info:
        member.can(rule, {'project_id': 'q'})
    assert info.value.code == 403


def test_an_unregistered_rule_is_an_error_not_a_pass(conf):
    context = nova_context.RequestContext('u', 'p', roles=['admin'])
    with pytest.raises(Exception) as info:
        policy.authorize(context, 'os_compute_api:no-such-rule')
    assert not isinstance(info.value, exception.PolicyNotAuthorized)


def test_rule_names_are_unique_and_novas():
    names = [rule.name for rule in policies.list_rules()]
    assert len(names) == len(set(names))
    for name in names:
        assert (name.startswith(('os_compute_api:', 'compute:',
                                 'network:')) or ':' not in name), name
