"""The server metadata API: /servers/{id}/metadata and its items, read
by the server's project, changed while the server is in a state that
allows it (409 otherwise) and within the metadata_items quota (403)."""

import webob.exc

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import server_metadata \
    as schema
from nova_lite.api.openstack.compute import servers
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite import exception
from nova_lite.policies import server_metadata as metadata_policies

_NOT_FOUND = 'Metadata item was not found'


class ServerMetadataController(common.ComputeAPIController):

    def _server(self, req, server_id, action):
        """The server, if the caller may do ``action`` on its metadata."""
        context = req.environ['nova.context']
        server = self.compute_api.get(context, server_id, expected_attrs=())
        context.can(metadata_policies.POLICY_ROOT % action,
                    servers.target(server))
        return server

    def _update(self, req, server_id, metadata, delete, action):
        context = req.environ['nova.context']
        server = self._server(req, server_id, action)
        try:
            return self.compute_api.update_instance_metadata(
                context, server, metadata, delete=delete)
        except exception.InstanceInvalidState as exc:
            raise servers.conflict(exc, 'update metadata', server_id)

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def index(self, req, server_id):
        return {'metadata': dict(
            self._server(req, server_id, 'index').metadata)}

    @validation.query_validated(validation.no_query_parameters, '2.102')
    def show(self, req, server_id, id):
        metadata = self._server(req, server_id, 'show').metadata
        if id not in metadata:
            raise webob.exc.HTTPNotFound(explanation=_NOT_FOUND)
        return {'meta': {id: metadata[id]}}

    @validation.validated(schema.create)
    def create(self, req, server_id, body):
        """Merge the body's items into the server's metadata."""
        return {'metadata': self._update(req, server_id, body['metadata'],
                                         delete=False, action='create')}

    @validation.validated(schema.update_all)
    def update_all(self, req, server_id, body):
        """Replace the server's metadata with the body's."""
        return {'metadata': self._update(req, server_id, body['metadata'],
                                         delete=True, action='update_all')}

    @validation.validated(schema.update)
    def update(self, req, server_id, id, body):
        """Set the one item of the URL."""
        item = body['meta']
        if id not in item:
            raise webob.exc.HTTPBadRequest(
                explanation='Request body and URI mismatch')
        self._update(req, server_id, item, delete=False, action='update')
        return {'meta': item}

    def delete(self, req, server_id, id):
        context = req.environ['nova.context']
        server = self._server(req, server_id, 'delete')
        if id not in server.metadata:
            raise webob.exc.HTTPNotFound(explanation=_NOT_FOUND)
        try:
            self.compute_api.delete_instance_metadata(context, server, id)
        except exception.InstanceInvalidState as exc:
            raise servers.conflict(exc, 'delete metadata', server_id)
        return wsgi.ResponseObject(None, code=204)
