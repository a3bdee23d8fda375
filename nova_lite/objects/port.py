"""Port: a server's attachment point on a network, with its MAC and fixed
IPs (Neutron's port)."""

from oslo_versionedobjects import fields

from nova_lite.db import network_api as db
from nova_lite.objects import base

DEVICE_OWNER_COMPUTE = 'compute:nova'
STATUS_DOWN = 'DOWN'
STATUS_ACTIVE = 'ACTIVE'


@base.NovaObjectRegistry.register
class Port(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'network_id': fields.UUIDField(),
        'project_id': fields.StringField(nullable=True),
        'mac_address': fields.StringField(),
        'device_id': fields.StringField(nullable=True),
        'device_owner': fields.StringField(nullable=True),
        'binding_host_id': fields.StringField(nullable=True),
        'status': fields.StringField(default=STATUS_DOWN),
        'admin_state_up': fields.BooleanField(default=True),
        # [{'subnet_id': ..., 'ip_address': ...}]
        'fixed_ips': fields.ListOfDictOfNullableStringsField(default=[]),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @classmethod
    def _from_db_object(cls, context, port, row):
        base.from_db(port, row)
        port._context = context
        return port

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._from_db_object(context, cls(), db.port_get(context, uuid))

    @base.remotable
    def create(self, fixed_ip=None):
        """Create the port with an address on its network: ``fixed_ip``,
        or the first free one (NoMoreFixedIps when there is none)."""
        values = base.db_values(self.obj_get_changes())
        values.pop('fixed_ips', None)
        self._from_db_object(self._context, self,
                             db.port_create(self._context, values, fixed_ip))

    @base.remotable
    def bind(self, instance_uuid, host):
        """Take the port for ``instance_uuid`` on ``host``: PortInUse if
        another server has it."""
        self._from_db_object(self._context, self, db.port_update(
            self._context, self.uuid,
            {'device_id': instance_uuid,
             'device_owner': DEVICE_OWNER_COMPUTE,
             'binding_host_id': host},
            device_ids=['', instance_uuid]))

    @base.remotable
    def unbind(self):
        """Give a user's port back, unbound, keeping its addresses."""
        self._from_db_object(self._context, self, db.port_update(
            self._context, self.uuid,
            {'device_id': '', 'device_owner': '', 'binding_host_id': None,
             'status': STATUS_DOWN}))

    @base.remotable
    def destroy(self):
        db.port_delete(self._context, self.uuid)


@base.NovaObjectRegistry.register
class PortList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Port')}

    @classmethod
    @base.remotable
    def get_by_filters(cls, context, filters):
        """Ports matching every filter (network_id, device_id,
        binding_host_id, project_id, ...; a list value matches any)."""
        return base.obj_make_list(context, cls(context), Port,
                                  db.port_get_all(context, filters))

    @classmethod
    @base.remotable
    def set_status(cls, context, port_ids, status):
        """Set the status (ACTIVE, DOWN) of these ports at once."""
        db.port_set_status(context, port_ids, status)
