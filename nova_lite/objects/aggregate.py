"""Aggregate: a named set of hosts with metadata (availability_zone and
what filters match flavors against).

Also the availability zones, which are aggregate metadata: a compute
host is in the zone of the aggregate(s) it is in, or else in the default
zone; every other service is in the internal zone.
"""

from oslo_utils import uuidutils
from oslo_versionedobjects import fields

from nova_lite.db import aggregate_api as db
from nova_lite import exception
from nova_lite.objects import base

AZ_KEY = 'availability_zone'
COMPUTE_TOPIC = 'compute'


@base.NovaObjectRegistry.register
class Aggregate(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'hosts': fields.ListOfStringsField(nullable=True, default=[]),
        'metadata': fields.DictOfStringsField(nullable=True, default={}),
    }

    @property
    def availability_zone(self):
        return (self.metadata or {}).get(AZ_KEY)

    @staticmethod
    def _from_db_object(context, aggregate, db_aggregate):
        base.from_db(aggregate, db_aggregate)
        # Aggregates are hard-deleted: a loaded one is never deleted.
        aggregate.deleted = False
        aggregate.deleted_at = None
        aggregate._context = context
        aggregate.obj_reset_changes()
        return aggregate

    def _assert_no_hosts(self, action):
        if 'hosts' in self.obj_what_changed():
            raise exception.ObjectActionError(
                action=action, reason='hosts updated inline')

    @classmethod
    @base.remotable
    def get_by_id(cls, context, aggregate_id):
        """The aggregate; AggregateNotFound if there is none."""
        return cls._from_db_object(context, cls(),
                                   db.aggregate_get(context, aggregate_id))

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, aggregate_uuid):
        return cls._from_db_object(
            context, cls(), db.aggregate_get_by_uuid(context, aggregate_uuid))

    @base.remotable
    def create(self):
        """Record the aggregate with its metadata; AggregateNameExists if
        the name is taken."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        self._assert_no_hosts('create')
        updates = base.db_values(self.obj_get_changes())
        metadata = updates.pop('metadata', None)
        if 'uuid' not in updates:
            self.uuid = updates['uuid'] = uuidutils.generate_uuid()
        self._from_db_object(self._context, self,
                             db.aggregate_create(self._context, updates,
                                                 metadata=metadata))

    @base.remotable
    def save(self):
        """Store a new name; AggregateNameExists if it is taken."""
        self._assert_no_hosts('save')
        updates = self.obj_get_changes()
        metadata = updates.pop('metadata', None)
        values = {'name': updates['name']} if 'name' in updates else {}
        if values:
            db.aggregate_update(self._context, self.id, values)
        if metadata is not None:
            db.aggregate_metadata_update(self._context, self.id, metadata)
        self._from_db_object(self._context, self,
                             db.aggregate_get(self._context, self.id))

    @base.remotable
    def update_metadata(self, updates):
        """Set the given metadata keys; a None value deletes its key."""
        db_aggregate = db.aggregate_metadata_update(self._context, self.id,
                                                    updates)
        self._from_db_object(self._context, self, db_aggregate)

    @base.remotable
    def destroy(self):
        db.aggregate_destroy(self._context, self.id)

    @base.remotable
    def add_host(self, host):
        """AggregateHostExists if ``host`` is already in it."""
        db.aggregate_host_add(self._context, self.id, host)
        self.hosts = list(self.hosts or []) + [host]
        self.obj_reset_changes(fields=['hosts'])

    @base.remotable
    def delete_host(self, host):
        """AggregateHostNotFound if ``host`` is not in it."""
        db.aggregate_host_delete(self._context, self.id, host)
        self.hosts = [name for name in self.hosts or [] if name != host]
        self.obj_reset_changes(fields=['hosts'])


@base.NovaObjectRegistry.register
class AggregateList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Aggregate')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.obj_make_list(context, cls(context), Aggregate,
                                  db.aggregate_get_all(context))

    @classmethod
    @base.remotable
    def get_by_host(cls, context, host, key=None):
        """The aggregates ``host`` is in (with metadata ``key`` if
        given)."""
        return base.obj_make_list(
            context, cls(context), Aggregate,
            db.aggregate_get_by_host(context, host, key=key))

    @classmethod
    @base.remotable
    def get_by_metadata_key(cls, context, key, hosts=None):
        """The aggregates with metadata ``key``; with ``hosts``, only
        those holding one of them."""
        rows = db.aggregate_get_by_metadata(context, key=key)
        if hosts is not None:
            hosts = set(hosts)
            rows = [row for row in rows if hosts & set(row['hosts'])]
        return base.obj_make_list(context, cls(context), Aggregate, rows)

    @classmethod
    @base.remotable
    def get_by_metadata(cls, context, key=None, value=None):
        """The aggregates with a metadata item of that key and/or
        value."""
        return base.obj_make_list(
            context, cls(context), Aggregate,
            db.aggregate_get_by_metadata(context, key=key, value=value))


# availability zones

def get_host_availability_zone(context, host, conf):
    """The zone of compute host ``host``: its aggregate's, else the
    default one."""
    aggregates = AggregateList.get_by_host(context, host, key=AZ_KEY)
    if aggregates:
        return aggregates[0].availability_zone
    return conf.api.default_availability_zone


def get_instance_availability_zone(context, instance, conf):
    """The zone of a server: its host's once it has one, before that the
    zone it asked for (None if it asked for none)."""
    if instance.host:
        return get_host_availability_zone(context.elevated(), instance.host,
                                          conf)
    return instance.availability_zone


def service_availability_zones(context, services, conf):
    """[(service, zone)]: a compute service is in its host's zone (the
    zones of all its aggregates, comma-joined, should there be several);
    any other service is in the internal zone."""
    hosts = {service.host for service in services}
    zones_by_host = {}
    for aggregate in AggregateList.get_by_metadata_key(
            context, AZ_KEY, hosts=sorted(hosts)):
        for host in set(aggregate.hosts) & hosts:
            zones_by_host.setdefault(host, set()).add(
                aggregate.availability_zone)
    result = []
    for service in services:
        zone = conf.api.internal_service_availability_zone
        if service.topic == COMPUTE_TOPIC:
            zone = (','.join(sorted(zones_by_host[service.host]))
                    if service.host in zones_by_host
                    else conf.api.default_availability_zone)
        result.append((service, zone))
    return result


def get_availability_zones(context, conf, services):
    """(available zones, unavailable zones), each sorted: a zone is
    available when one of its services is enabled."""
    available, unavailable = set(), set()
    for service, zone in service_availability_zones(context, services,
                                                    conf):
        (unavailable if service.disabled else available).add(zone)
    return sorted(available), sorted(unavailable - available)
