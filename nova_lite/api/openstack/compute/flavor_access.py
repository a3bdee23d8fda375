"""os-flavor-access (admins): the projects a private flavor is shared
with, and the flavor actions that add and remove them. A project given
access sees the flavor and can boot from it."""

import webob.exc

from nova_lite.api import validation
from nova_lite import objects
from nova_lite.policies import flavor_access as access_policies


_tenant = {'type': 'string', 'minLength': 1, 'maxLength': 255}


def _action_schema(name):
    return {
        'type': 'object',
        'properties': {
            name: {
                'type': 'object',
                'properties': {'tenant': _tenant},
                'required': ['tenant'],
                'additionalProperties': True,
            },
        },
        'required': [name],
        'additionalProperties': False,
    }


def _access_list(flavor):
    return {'flavor_access': [
        {'flavor_id': flavor.flavorid, 'tenant_id': project}
        for project in flavor.get_access()]}


class FlavorAccessController(object):

    def __init__(self, conf):
        self.conf = conf

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req, flavor_id):
        context = req.environ['nova.context']
        context.can(access_policies.BASE_POLICY_NAME)
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        if flavor.is_public:
            raise webob.exc.HTTPNotFound(
                explanation='Access list not available for public flavors.')
        return _access_list(flavor)

    @validation.validated(_action_schema('addTenantAccess'))
    def add_tenant_access(self, req, id, body):
        context = req.environ['nova.context']
        context.can(access_policies.POLICY_ROOT % 'add_tenant_access')
        flavor = objects.Flavor.get_by_flavor_id(context, id)
        if flavor.is_public:
            raise webob.exc.HTTPConflict(
                explanation='Can not add access to a public flavor.')
        flavor.add_access(body['addTenantAccess']['tenant'])
        return _access_list(flavor)

    @validation.validated(_action_schema('removeTenantAccess'))
    def remove_tenant_access(self, req, id, body):
        context = req.environ['nova.context']
        context.can(access_policies.POLICY_ROOT % 'remove_tenant_access')
        flavor = objects.Flavor.get_by_flavor_id(context, id)
        flavor.remove_access(body['removeTenantAccess']['tenant'])
        return _access_list(flavor)
