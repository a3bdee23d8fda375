"""NetworkRequest(List): the networks a server create asks for, as Nova
carries them from the API to the compute host."""

from oslo_versionedobjects import fields

from nova_lite.objects import base

NETWORK_ID_AUTO = 'auto'
NETWORK_ID_NONE = 'none'


@base.NovaObjectRegistry.register
class NetworkRequest(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        # A network uuid, or 'auto' / 'none' (the whole request).
        'network_id': fields.StringField(nullable=True),
        'address': fields.IPAddressField(nullable=True),
        'port_id': fields.UUIDField(nullable=True),
        'tag': fields.StringField(nullable=True),
    }

    def obj_load_attr(self, attr):
        setattr(self, attr, None)

    @property
    def auto_allocate(self):
        return self.network_id == NETWORK_ID_AUTO

    @property
    def no_allocate(self):
        return self.network_id == NETWORK_ID_NONE


@base.NovaObjectRegistry.register
class NetworkRequestList(base.ObjectListBase, base.NovaObject):
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('NetworkRequest')}

    @classmethod
    def from_api(cls, networks):
        """'auto', 'none' or a list of {network_id, address, port_id,
        tag}; None when the create did not say."""
        if networks is None:
            return None
        if isinstance(networks, str):
            return cls(objects=[NetworkRequest(network_id=networks)])
        return cls(objects=[NetworkRequest(**request)
                            for request in networks])

    @property
    def auto_allocate(self):
        return len(self.objects) == 1 and self.objects[0].auto_allocate

    @property
    def no_allocate(self):
        return len(self.objects) == 1 and self.objects[0].no_allocate
