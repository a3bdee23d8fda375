"""The os-keypairs API: generate, import, list, show and delete a user's
key pairs.

A user sees and manages only their own keys; from 2.10 an admin names
another user with ``user_id`` (in the body of a create, in the query
string otherwise), as Nova's default policy allows. From 2.92 a key
pair is imported only: ``public_key`` is required.
"""

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import keypairs as schema
from nova_lite.api.openstack.compute.views import keypairs as keypairs_view
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.compute import keypairs as keypair_api
from nova_lite import exception
from nova_lite.objects import keypair as keypair_obj
from nova_lite.policies import keypairs as keypair_policies

# Microversions: the key type is shown and success codes change (2.2),
# admins may name the user (2.10), lists are paged (2.35), keys are
# imported only (2.92, by the create schema).
KEY_TYPE_MICROVERSION = '2.2'
USER_ID_MICROVERSION = '2.10'
PAGING_MICROVERSION = '2.35'


def _authorize(context, action, user_id):
    """Nova's rule for key pairs: an admin, or the key's own user."""
    context.can(keypair_policies.POLICY_ROOT % action, {'user_id': user_id})


def _query_user_id(req):
    """The user_id query parameter (from 2.10), else None."""
    if not wsgi.is_supported(req, USER_ID_MICROVERSION):
        return None
    values = req.GET.getall('user_id')
    return values[0] if values else None


class KeypairController(object):

    def __init__(self, conf):
        self.conf = conf
        self.api = keypair_api.KeypairAPI(conf)
        self._view_builder = keypairs_view.ViewBuilder(conf)

    @validation.validated(schema.create_v20, '2.0', '2.0')
    @validation.validated(schema.create, '2.1', '2.1')
    @validation.validated(schema.create_v22, '2.2', '2.9')
    @validation.validated(schema.create_v210, '2.10', '2.91')
    @validation.validated(schema.create_v292, '2.92')
    def create(self, req, body):
        """Import the body's public_key, or (before 2.92) generate a key
        pair and return its private key once (200 before 2.2, 201 from
        it)."""
        context = req.environ['nova.context']
        params = body['keypair']
        key_type = params.get('type', keypair_obj.KEYPAIR_TYPE_SSH)
        user_id = None
        if wsgi.is_supported(req, USER_ID_MICROVERSION):
            user_id = params.get('user_id')
        user_id = user_id or context.user_id
        _authorize(context, 'create', user_id)
        private_key = None
        if 'public_key' in params:
            keypair = self.api.import_key_pair(
                context, user_id, params['name'], params['public_key'],
                key_type)
        else:
            keypair, private_key = self.api.create_key_pair(
                context, user_id, params['name'], key_type)
        show_type = wsgi.is_supported(req, KEY_TYPE_MICROVERSION)
        return wsgi.ResponseObject(
            self._view_builder.create(keypair, private_key=private_key,
                                      key_type=show_type),
            code=201 if show_type else 200)

    @validation.query_validated(schema.index_query_v20, '2.0', '2.9')
    @validation.query_validated(schema.index_query_v210, '2.10', '2.34')
    @validation.query_validated(schema.index_query_v235, '2.35', '2.74')
    @validation.query_validated(schema.index_query_v275, '2.75')
    def index(self, req):
        """The user's keys by name; from 2.35 paged with limit/marker."""
        context = req.environ['nova.context']
        user_id = _query_user_id(req) or context.user_id
        _authorize(context, 'index', user_id)
        links = wsgi.is_supported(req, PAGING_MICROVERSION)
        limit = marker = None
        if links:
            limit, marker = common.get_limit_and_marker(
                req, self.conf.api.max_limit)
        try:
            keypairs = self.api.get_key_pairs(context, user_id, limit=limit,
                                              marker=marker)
        except exception.MarkerNotFound as exc:
            raise exception.Invalid(exc.format_message())
        show_type = wsgi.is_supported(req, KEY_TYPE_MICROVERSION)
        return self._view_builder.index(req, keypairs, key_type=show_type,
                                        links=links)

    @validation.query_validated(schema.show_query_v20, '2.0', '2.9')
    @validation.query_validated(schema.show_query_v210, '2.10', '2.74')
    @validation.query_validated(schema.show_query_v275, '2.75')
    def show(self, req, id):
        context = req.environ['nova.context']
        user_id = _query_user_id(req) or context.user_id
        _authorize(context, 'show', user_id)
        keypair = self.api.get_key_pair(context, user_id, id)
        return self._view_builder.show(
            keypair, key_type=wsgi.is_supported(req, KEY_TYPE_MICROVERSION))

    @validation.query_validated(schema.delete_query_v20, '2.0', '2.9')
    @validation.query_validated(schema.delete_query_v210, '2.10', '2.74')
    @validation.query_validated(schema.delete_query_v275, '2.75')
    def delete(self, req, id):
        """Delete the key: 202 before 2.2, 204 from it, no body."""
        context = req.environ['nova.context']
        user_id = _query_user_id(req) or context.user_id
        _authorize(context, 'delete', user_id)
        self.api.delete_key_pair(context, user_id, id)
        code = 204 if wsgi.is_supported(req, KEY_TYPE_MICROVERSION) else 202
        return wsgi.ResponseObject(None, code=code)
