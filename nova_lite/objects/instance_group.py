"""InstanceGroup: a server group, its policy, rules and members."""

from oslo_versionedobjects import fields

from nova_lite.objects import base

POLICIES = ('anti-affinity', 'affinity', 'soft-anti-affinity',
            'soft-affinity')


@base.NovaObjectRegistry.register
class InstanceGroup(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'policy': fields.StringField(),
        # e.g. {'max_server_per_host': 2} for anti-affinity (2.64)
        'rules': fields.DictOfStringsField(default={}),
        'members': fields.ListOfStringsField(default=[]),
        # Hosts of the members, filled in for the scheduler; not stored.
        'hosts': fields.ListOfStringsField(default=[]),
    }
