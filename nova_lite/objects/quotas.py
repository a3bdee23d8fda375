"""Quotas: the limits set per project, per user and per quota class, and
the usage counted from the tables (Nova's counting quota driver). The
defaults and what is shown where are nova_lite.quota's."""

from nova_lite.db import quota_api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Quotas(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: user_id on usage and limits; set_limit, destroy_all
    # Version 1.2: get_class_limits, set_class_limit
    VERSION = '1.2'

    fields = {}

    @classmethod
    @base.remotable
    def usage(cls, context, project_id, user_id=None):
        return db.quota_usage(context, project_id, user_id=user_id)

    @classmethod
    @base.remotable
    def get_set_limits(cls, context, project_id, user_id=None):
        """{resource: limit} set for the project (or the user in it)."""
        return db.quota_get_all(context, project_id, user_id=user_id)

    @classmethod
    @base.remotable
    def set_limit(cls, context, project_id, resource, limit, user_id=None):
        db.quota_set(context, project_id, resource, limit, user_id=user_id)

    @classmethod
    @base.remotable
    def destroy_all(cls, context, project_id, user_id=None):
        db.quota_destroy_all(context, project_id, user_id=user_id)

    @classmethod
    @base.remotable
    def get_class_limits(cls, context, class_name):
        """{resource: limit} set for the quota class."""
        return db.quota_class_get_all_by_name(context, class_name)

    @classmethod
    @base.remotable
    def set_class_limit(cls, context, class_name, resource, limit):
        db.quota_class_set(context, class_name, resource, limit)
