"""Quotas: limits per project, counted from the instances table (Nova's
counting quota driver)."""

from nova_lite.db import api as db
from nova_lite.objects import base

RESOURCES = ('instances', 'cores', 'ram')


@base.NovaObjectRegistry.register
class Quotas(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {}

    @classmethod
    @base.remotable
    def usage(cls, context, project_id):
        return db.instance_usage_by_project(context, project_id)

    @classmethod
    def limits(cls, context, project_id, quota_conf):
        limits = {name: getattr(quota_conf, name) for name in RESOURCES}
        limits.update(db.quota_get_all_by_project(context, project_id))
        return limits
