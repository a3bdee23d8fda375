"""RequestSpec's requested destination: kept in the database, and left
out for a service that knows RequestSpec 1.1."""

from oslo_utils import uuidutils
from oslo_versionedobjects import base as ovo_base

from nova_lite import objects
from tests.unit import fakes


def _spec(context, **values):
    spec = fakes.request_spec(fakes.flavor(context), **values)
    spec.instance_uuid = uuidutils.generate_uuid()
    spec._context = context
    return spec


def test_the_requested_destination_is_kept(db, admin_context):
    created = _spec(admin_context, requested_destination=objects.Destination(
        host='cmp1', node='cmp1-node'))
    created.create()

    spec = objects.RequestSpec.get_by_instance_uuid(admin_context,
                                                    created.instance_uuid)

    destination = spec.requested_destination
    assert (destination.host, destination.node) == ('cmp1', 'cmp1-node')


def test_a_spec_for_version_1_1_has_no_requested_destination(
        db, admin_context):
    spec = _spec(admin_context, requested_destination=objects.Destination(
        host='cmp1'))
    manifest = dict(ovo_base.obj_tree_get_versions('RequestSpec'),
                    RequestSpec='1.1')

    primitive = spec.obj_to_primitive(target_version='1.1',
                                      version_manifest=manifest)

    assert 'requested_destination' not in primitive['nova_object.data']
