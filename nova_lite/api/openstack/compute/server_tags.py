"""The server tags API (2.26): /servers/{id}/tags and its items.

Read by the server's project (or an admin); changed only while the
server is ACTIVE, PAUSED, SUSPENDED or SHUTOFF (409 otherwise), at most
50 tags a server, each 1 to 60 characters without ',' or '/'.
"""

import jsonschema
import webob.exc

from nova_lite.api.openstack import common
from nova_lite.api.openstack.compute.schemas import server_tags as schema
from nova_lite.api.openstack.compute import servers
from nova_lite.api.openstack.compute.views import server_tags as views
from nova_lite.api.openstack import wsgi
from nova_lite.api import validation
from nova_lite.compute import vm_states
from nova_lite import exception
from nova_lite import objects
from nova_lite.objects import tag as tag_obj
from nova_lite.policies import server_tags as tag_policies

# The states in which a server's tags may change.
_TAGGABLE_VM_STATES = (vm_states.ACTIVE, vm_states.PAUSED,
                       vm_states.SUSPENDED, vm_states.STOPPED)


def _authorize(context, action, instance):
    """The tags rule of ``action``. Another project's server is not
    found, as the other server sub-resources answer."""
    if not context.is_admin and instance.project_id != context.project_id:
        raise exception.InstanceNotFound(instance_id=instance.uuid)
    context.can(tag_policies.POLICY_ROOT % action, servers.target(instance))


def _check_instance_in_valid_state(instance, action, server_id):
    """409 unless the server is in a state whose tags may change."""
    if instance.vm_state not in _TAGGABLE_VM_STATES:
        raise servers.conflict(exception.InstanceInvalidState(
            attr='vm_state', instance_uuid=instance.uuid,
            state=instance.vm_state, method=action), action, server_id)


def _check_tag(tag):
    """The tag of the URL is checked as the body's tags are."""
    try:
        jsonschema.validate(tag, validation.tag)
    except jsonschema.ValidationError as exc:
        raise webob.exc.HTTPBadRequest(explanation=(
            "Tag '%(tag)s' is invalid. It must be a non empty string "
            "without characters '/' and ','. Validation error message: "
            "%(err)s" % {'tag': tag, 'err': exc.message}))


class ServerTagsController(common.ComputeAPIController):

    def __init__(self, conf, compute=None):
        super().__init__(conf, compute)
        self._view_builder = views.ViewBuilder(conf)

    @staticmethod
    def _server(context, server_id, action):
        """The live server of the URL, if the caller may see it. Nova looks
        up the server's cell first: a uuid it never had has no mapping to
        a cell, a deleted server is not found."""
        try:
            instance = objects.Instance.get_by_uuid(
                context.elevated(read_deleted='yes'), server_id,
                expected_attrs=[])
        except exception.InstanceNotFound:
            raise exception.InstanceMappingNotFound(uuid=server_id)
        _authorize(context, action, instance)
        if instance.deleted:
            raise exception.InstanceNotFound(instance_id=server_id)
        return instance

    # Unknown query parameters stay ignored at 2.102: Nova's index and
    # show do not use their strict 2.102 schemas.
    @wsgi.api_version('2.26')
    def index(self, req, server_id):
        context = req.environ['nova.context']
        instance = self._server(context, server_id, 'index')
        tags = objects.TagList.get_by_resource_id(context, instance.uuid)
        return {'tags': tags.names()}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    def show(self, req, server_id, id):
        """204 if the server has the tag, 404 if not."""
        context = req.environ['nova.context']
        instance = self._server(context, server_id, 'show')
        if not objects.Tag.exists(context, instance.uuid, id):
            raise webob.exc.HTTPNotFound(
                explanation="Server %(server_id)s has no tag '%(tag)s'" %
                {'server_id': server_id, 'tag': id})

    @wsgi.api_version('2.26')
    @validation.validated(schema.update)
    def update(self, req, server_id, id, body):
        """Add the tag of the URL: 201 with its Location, or 204 if the
        server has it already."""
        context = req.environ['nova.context']
        instance = self._server(context, server_id, 'update')
        _check_instance_in_valid_state(instance, 'update tag', server_id)
        _check_tag(id)
        tags = objects.TagList.get_by_resource_id(context, instance.uuid)
        if len(tags) >= tag_obj.MAX_TAG_COUNT:
            raise webob.exc.HTTPBadRequest(
                explanation='The number of tags exceeded the per-server '
                            'limit %d' % tag_obj.MAX_TAG_COUNT)
        if id in tags.names():
            return wsgi.ResponseObject(None, code=204)
        objects.Tag(context, resource_id=instance.uuid, tag=id).create()
        return wsgi.ResponseObject(None, code=201, headers={
            'Location': self._view_builder.get_location(req, server_id,
                                                        id)})

    @wsgi.api_version('2.26')
    @validation.validated(schema.update_all)
    def update_all(self, req, server_id, body):
        """Replace the server's tags with the body's."""
        context = req.environ['nova.context']
        instance = self._server(context, server_id, 'update_all')
        _check_instance_in_valid_state(instance, 'update tags', server_id)
        tags = objects.TagList.create(context, instance.uuid, body['tags'])
        return {'tags': tags.names()}

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    def delete(self, req, server_id, id):
        """Remove the tag of the URL (404 if the server lacks it)."""
        context = req.environ['nova.context']
        instance = self._server(context, server_id, 'delete')
        _check_instance_in_valid_state(instance, 'delete tag', server_id)
        objects.Tag.destroy(context, instance.uuid, id)

    @wsgi.api_version('2.26')
    @wsgi.response(204)
    def delete_all(self, req, server_id):
        context = req.environ['nova.context']
        instance = self._server(context, server_id, 'delete_all')
        _check_instance_in_valid_state(instance, 'delete tags', server_id)
        objects.TagList.destroy(context, instance.uuid)
