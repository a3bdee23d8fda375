"""Network and Subnet: what a server can be plugged into."""

from oslo_versionedobjects import fields

from nova_lite.db import network_api as db
from nova_lite.objects import base


@base.NovaObjectRegistry.register
class Subnet(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': fields.UUIDField(),
        'network_id': fields.UUIDField(),
        'ip_version': fields.IntegerField(default=4),
        'cidr': fields.StringField(),
        'gateway_ip': fields.StringField(nullable=True),
        'dns_nameservers': fields.ListOfStringsField(default=[]),
        'enable_dhcp': fields.BooleanField(default=True),
    }

    @classmethod
    def _from_db_object(cls, row):
        subnet = cls()
        base.from_db(subnet, row, skip=('dns_nameservers',))
        subnet.dns_nameservers = [d for d in (
            row.get('dns_nameservers') or '').split(',') if d]
        subnet.obj_reset_changes()
        return subnet


@base.NovaObjectRegistry.register
class Network(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'shared': fields.BooleanField(default=True),
        'bridge': fields.StringField(),
        'mtu': fields.IntegerField(nullable=True),
        'subnets': fields.ListOfObjectsField('Subnet', default=[]),
    }

    @classmethod
    def _from_db_object(cls, context, row):
        network = cls()
        base.from_db(network, row, skip=('subnets',))
        network.subnets = [Subnet._from_db_object(s)
                           for s in row['subnets']]
        network._context = context
        network.obj_reset_changes()
        return network

    def visible_to(self, context):
        """Shared networks are everyone's; others their project's."""
        return (self.shared or context.is_admin or
                self.project_id == context.project_id)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._from_db_object(context, db.network_get(context, uuid))

    @base.remotable
    def create(self, cidr, gateway_ip=None, dns_nameservers=()):
        values = base.db_values(self.obj_get_changes())
        values.pop('subnets', None)
        subnet = {'cidr': cidr, 'gateway_ip': gateway_ip, 'ip_version': 4,
                  'dns_nameservers': ','.join(dns_nameservers),
                  'enable_dhcp': True}
        row = db.network_create(self._context, values, subnet)
        created = self._from_db_object(self._context, row)
        for field in self.fields:
            setattr(self, field, getattr(created, field))
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        db.network_delete(self._context, self.uuid)


@base.NovaObjectRegistry.register
class NetworkList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Network')}

    @classmethod
    @base.remotable
    def get_all(cls, context, uuids=None):
        networks = cls(context)
        networks.objects = [Network._from_db_object(context, row)
                            for row in db.network_get_all(context, uuids)]
        networks.obj_reset_changes()
        return networks
