"""Nova's ``network_info``: the instance's VIFs with their networks,
subnets and IPs, as typed values.

The JSON form (``to_json``/``from_json``) is the one Nova keeps in
``instance_info_caches.network_info``, so a reader of that column sees
what they would see in Nova.
"""

import dataclasses
import json
from typing import Optional

# Nova's NIC_NAME_LEN: interface names are at most 14 characters.
NIC_NAME_LEN = 14
VIF_TYPE_BRIDGE = 'bridge'
VNIC_TYPE_NORMAL = 'normal'


def devname(port_id):
    """The host-side device of a port: ``tap`` + the start of its id."""
    return ('tap' + port_id)[:NIC_NAME_LEN]


@dataclasses.dataclass(frozen=True)
class IP:
    address: str
    type: str = 'fixed'  # fixed, gateway or dns
    version: int = 4

    def to_dict(self):
        data = {'address': self.address, 'type': self.type,
                'version': self.version, 'meta': {}}
        if self.type == 'fixed':
            data['floating_ips'] = []
        return data

    @classmethod
    def from_dict(cls, data):
        return cls(address=data['address'], type=data.get('type', 'fixed'),
                   version=data.get('version', 4))


@dataclasses.dataclass(frozen=True)
class Subnet:
    cidr: str
    gateway: Optional[IP] = None
    dns: tuple = ()
    ips: tuple = ()  # the VIF's fixed IPs in this subnet
    version: int = 4
    dhcp_server: Optional[str] = None
    id: Optional[str] = None

    @property
    def prefixlen(self):
        return int(self.cidr.split('/')[1])

    def to_dict(self):
        meta = {}
        if self.dhcp_server:
            meta['dhcp_server'] = self.dhcp_server
        if self.id:
            meta['subnet_id'] = self.id
        return {'cidr': self.cidr,
                'gateway': (self.gateway.to_dict() if self.gateway
                            else {'address': None, 'type': 'gateway',
                                  'version': None, 'meta': {}}),
                'dns': [ip.to_dict() for ip in self.dns],
                'ips': [ip.to_dict() for ip in self.ips],
                'routes': [], 'version': self.version, 'meta': meta}

    @classmethod
    def from_dict(cls, data):
        gateway = data.get('gateway') or {}
        meta = data.get('meta') or {}
        return cls(cidr=data['cidr'],
                   gateway=(IP.from_dict(gateway)
                            if gateway.get('address') else None),
                   dns=tuple(IP.from_dict(d) for d in data.get('dns', ())),
                   ips=tuple(IP.from_dict(i) for i in data.get('ips', ())),
                   version=data.get('version') or 4,
                   dhcp_server=meta.get('dhcp_server'),
                   id=meta.get('subnet_id'))


@dataclasses.dataclass(frozen=True)
class Network:
    id: str
    bridge: str
    label: str
    subnets: tuple = ()
    mtu: Optional[int] = None
    tenant_id: Optional[str] = None

    def to_dict(self):
        meta = {'injected': False, 'should_create_bridge': True}
        if self.mtu:
            meta['mtu'] = self.mtu
        if self.tenant_id:
            meta['tenant_id'] = self.tenant_id
        return {'id': self.id, 'bridge': self.bridge, 'label': self.label,
                'subnets': [s.to_dict() for s in self.subnets],
                'meta': meta}

    @classmethod
    def from_dict(cls, data):
        meta = data.get('meta') or {}
        return cls(id=data['id'], bridge=data.get('bridge'),
                   label=data.get('label'),
                   subnets=tuple(Subnet.from_dict(s)
                                 for s in data.get('subnets', ())),
                   mtu=meta.get('mtu'), tenant_id=meta.get('tenant_id'))


@dataclasses.dataclass(frozen=True)
class VIF:
    """One virtual interface: a port plugged into a network."""
    id: str
    address: str
    network: Network
    type: str = VIF_TYPE_BRIDGE
    devname: Optional[str] = None
    vnic_type: str = VNIC_TYPE_NORMAL
    active: bool = False
    preserve_on_delete: bool = False

    def fixed_ips(self):
        return [ip for subnet in self.network.subnets for ip in subnet.ips]

    def to_dict(self):
        return {'id': self.id, 'address': self.address,
                'network': self.network.to_dict(), 'type': self.type,
                'details': {}, 'devname': self.devname,
                'ovs_interfaceid': None, 'qbh_params': None,
                'qbg_params': None, 'active': self.active,
                'vnic_type': self.vnic_type, 'profile': {},
                'preserve_on_delete': self.preserve_on_delete,
                'delegate_create': False, 'meta': {}}

    @classmethod
    def from_dict(cls, data):
        return cls(id=data['id'], address=data['address'],
                   network=Network.from_dict(data['network']),
                   type=data.get('type', VIF_TYPE_BRIDGE),
                   devname=data.get('devname'),
                   vnic_type=data.get('vnic_type', VNIC_TYPE_NORMAL),
                   active=bool(data.get('active')),
                   preserve_on_delete=bool(data.get('preserve_on_delete')))


class NetworkInfo(tuple):
    """The instance's VIFs, in the order the guest sees its NICs."""

    def __new__(cls, vifs=()):
        return super().__new__(cls, vifs)

    def fixed_ips(self):
        return [ip for vif in self for ip in vif.fixed_ips()]

    def to_json(self):
        return json.dumps([vif.to_dict() for vif in self])

    @classmethod
    def from_json(cls, text):
        if not text:
            return cls()
        data = json.loads(text) if isinstance(text, str) else text
        return cls(VIF.from_dict(vif) for vif in data)
