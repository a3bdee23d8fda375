"""Helpers of the server list tests: a GET of /servers or /servers/detail
checked against tempest.lib's schema of its microversion, and servers
with the fields a filter looks at."""

import datetime
import importlib
import pkgutil

from tempest.lib.api_schema.response import compute as compute_schemas

from nova_lite.db import api as db
from nova_lite.db import models
from nova_lite import objects
from nova_lite.network import model as network_model
from tests.unit.api import tempest_validate

T0 = datetime.datetime(2024, 5, 1, 12, 0, 0)


def list_schema(version, detail=False):
    """tempest.lib's list_servers (or list_servers_detail) schema for
    the microversion ``version``: that of the newest module not newer."""
    name = 'list_servers_detail' if detail else 'list_servers'
    minor = int(version.split('.')[1])
    minors = sorted((int(module.name[len('v2_'):]) for module in
                     pkgutil.iter_modules(compute_schemas.__path__)
                     if module.name.startswith('v2_')), reverse=True)
    for candidate in minors:
        if candidate > minor:
            continue
        try:
            module = importlib.import_module('%s.v2_%d.servers' % (
                compute_schemas.__name__, candidate))
        except ImportError:
            continue
        if hasattr(module, name):
            return getattr(module, name)
    raise LookupError(version)


def list_servers(client, query='', version='2.1', detail=False):
    """The 200 answer to GET /servers[/detail]?query, validated."""
    path = '/v2.1/servers' + ('/detail' if detail else '')
    resp = client.at_version(version).get(path + ('?' + query
                                                  if query else ''))
    tempest_validate(list_schema(version, detail), resp)
    return resp


def names(client, query='', version='2.1', detail=False):
    """The sorted names of the servers the query lists."""
    resp = list_servers(client, query, version, detail)
    return sorted(server['name'] for server in resp.json['servers'])


def ordered_names(client, query='', version='2.1'):
    resp = list_servers(client, query, version)
    return [server['name'] for server in resp.json['servers']]


def refused(client, query, version='2.1', detail=False):
    """(status, message) of a refused list request."""
    path = '/v2.1/servers' + ('/detail' if detail else '')
    resp = client.at_version(version).get(path + '?' + query)
    assert resp.status_int >= 400, resp.body
    [fault] = resp.json.values()
    return resp.status_int, fault['message']


def set_columns(instance, **values):
    """Write instance columns as they are (updated_at included, which
    every save would set to now)."""
    table = models.Instance.__table__
    with db.get_engine().begin() as conn:
        conn.execute(table.update().where(
            table.c.uuid == instance.uuid).values(**values))


def set_fixed_ips(instance, *addresses):
    """Give the server one port with ``addresses`` (IPv4 or IPv6) in its
    network info cache."""
    subnets = tuple(
        network_model.Subnet(
            cidr='fd00::/64' if ':' in address else '10.0.0.0/8',
            version=6 if ':' in address else 4,
            ips=(network_model.IP(address=address,
                                  version=6 if ':' in address else 4),))
        for address in addresses)
    vif = network_model.VIF(
        id='port-' + instance.uuid[:8], address='fa:16:3e:00:00:01',
        network=network_model.Network(id='net', bridge='br', label='private',
                                      subnets=subnets))
    objects.InstanceInfoCache(
        instance._context, instance_uuid=instance.uuid,
        network_info=network_model.NetworkInfo([vif])).save()
