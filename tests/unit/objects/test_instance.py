"""Instance over the database: the disk config it keeps, and what an
older service receives of it."""

from oslo_versionedobjects import base as ovo_base

from nova_lite import objects
from tests.unit.api import make_flavor
from tests.unit.api import make_instance


def test_an_instance_keeps_its_auto_disk_config(db, admin_context):
    instance = make_instance(make_flavor(admin_context),
                             auto_disk_config=True)

    loaded = objects.Instance.get_by_uuid(admin_context, instance.uuid)

    assert loaded.auto_disk_config is True


def test_an_instance_created_without_disk_config_is_manual(db,
                                                           admin_context):
    instance = make_instance(make_flavor(admin_context))

    loaded = objects.Instance.get_by_uuid(admin_context, instance.uuid)

    assert loaded.auto_disk_config is False


def test_an_instance_for_version_1_2_has_no_auto_disk_config(db,
                                                             admin_context):
    instance = make_instance(make_flavor(admin_context),
                             auto_disk_config=True)
    manifest = dict(ovo_base.obj_tree_get_versions('Instance'),
                    Instance='1.2')

    primitive = instance.obj_to_primitive(target_version='1.2',
                                          version_manifest=manifest)

    assert 'auto_disk_config' not in primitive['nova_object.data']
