"""Database API of Placement's model: resource providers, their
inventories and the allocations of consumers (instances) against them.

Every write begins by bumping the 'providers' change sequence. That row
lock orders all writers, so each writer's reads (which start after it,
under InnoDB's consistent read and PostgreSQL's read committed alike) see
every earlier commit: a capacity check cannot miss a concurrent claim,
whatever the number of scheduler and conductor processes. The provider
generation is still bumped on every change, and a writer that states the
generation it read gets a conflict if it moved, as Placement's clients do.
"""

import dataclasses
import functools

from oslo_log import log as logging
from oslo_utils import timeutils
import sqlalchemy as sa

from nova_lite.db.api import reader
from nova_lite.db.api import writer
from nova_lite.db import placement_models as models
from nova_lite import exception

LOG = logging.getLogger(__name__)

PROVIDERS = 'providers'
AGGREGATES = 'aggregates'

# The claim and the scheduler's refresh run for every placement: they use
# SQLAlchemy Core statements, a fraction of the ORM's cost per row.
_RP = models.ResourceProvider.__table__
_INV = models.Inventory.__table__
_ALLOC = models.Allocation.__table__


@dataclasses.dataclass(frozen=True)
class Inventory:
    total: int
    reserved: int = 0
    min_unit: int = 1
    max_unit: int = 2147483647
    step_size: int = 1
    allocation_ratio: float = 1.0

    @functools.cached_property
    def capacity(self):
        """What may be allocated: (total - reserved) * allocation_ratio."""
        return int((self.total - self.reserved) * self.allocation_ratio)

    def refusal(self, used, requested):
        """Why ``requested`` more cannot be allocated on top of ``used``:
        'constraints', 'capacity', or None if it can."""
        if (requested < self.min_unit or requested > self.max_unit or
                requested % self.step_size):
            return 'constraints'
        if used + requested > self.capacity:
            return 'capacity'
        return None


@dataclasses.dataclass(frozen=True)
class Provider:
    """One provider as the scheduler reads it."""
    id: int
    uuid: str
    name: str
    generation: int
    inventories: dict      # resource class -> Inventory
    usages: dict           # resource class -> sum of allocations
    consumers: frozenset   # consumer ids with an allocation here

    @functools.cached_property
    def room(self):
        """{resource class: (free, min_unit, max_unit, step_size)}: what
        an allocation candidate check needs, worked out once."""
        return {rc: (inv.capacity - self.usages.get(rc, 0), inv.min_unit,
                     inv.max_unit, inv.step_size)
                for rc, inv in self.inventories.items()}


def bump_sequence(session, name):
    """Bump and return the change sequence ``name`` (locks its row until
    the transaction ends)."""
    table = models.ChangeSequence.__table__
    session.execute(table.update().where(table.c.name == name).values(
        value=table.c.value + 1))
    return session.execute(sa.select(table.c.value).where(
        table.c.name == name)).scalar_one()


@reader
def change_sequences(context):
    """{name: value} of the change sequences."""
    table = models.ChangeSequence.__table__
    return dict(context.session.execute(
        sa.select(table.c.name, table.c.value)).all())


def _inventories(session, provider_ids):
    result = {pid: {} for pid in provider_ids}
    if not provider_ids:
        return result
    for row in session.execute(sa.select(
            _INV.c.resource_provider_id, _INV.c.resource_class,
            _INV.c.total, _INV.c.reserved, _INV.c.min_unit, _INV.c.max_unit,
            _INV.c.step_size, _INV.c.allocation_ratio).where(
            _INV.c.resource_provider_id.in_(provider_ids))):
        result[row[0]][row[1]] = Inventory(*row[2:])
    return result


def _usages(session, provider_ids):
    result = {pid: {} for pid in provider_ids}
    if not provider_ids:
        return result
    for pid, rc, used in session.execute(sa.select(
            _ALLOC.c.resource_provider_id, _ALLOC.c.resource_class,
            sa.func.sum(_ALLOC.c.used)).where(
            _ALLOC.c.resource_provider_id.in_(provider_ids)).group_by(
            _ALLOC.c.resource_provider_id, _ALLOC.c.resource_class)):
        result[pid][rc] = int(used)
    return result


def _mark_changed(session, provider_ids, seq):
    """Bump the generation of the providers and stamp their change."""
    if provider_ids:
        session.execute(_RP.update().where(_RP.c.id.in_(
            sorted(provider_ids))).values(
            generation=_RP.c.generation + 1, change_seq=seq))


@writer
def set_inventory(context, uuid, name, inventories, generation=None):
    """Create provider ``uuid`` if needed and make its inventories
    ``inventories`` ({resource class: Inventory}); returns its generation.

    ``generation``, if given, must be the provider's current one. A class
    that still has allocations cannot be removed (InventoryInUse)."""
    session = context.session
    seq = bump_sequence(session, PROVIDERS)
    row = session.query(models.ResourceProvider).filter_by(
        uuid=uuid).first()
    if row is None:
        row = models.ResourceProvider(uuid=uuid, name=name, generation=0,
                                      change_seq=seq)
        session.add(row)
        session.flush()
    elif generation is not None and row.generation != generation:
        raise exception.ResourceProviderGenerationConflict(
            uuid=uuid, generation=generation)
    current = {inv.resource_class: inv for inv in session.query(
        models.Inventory).filter_by(resource_provider_id=row.id)}
    usages = _usages(session, [row.id])[row.id]
    for rc, inv in current.items():
        if rc not in inventories:
            if usages.get(rc):
                raise exception.InventoryInUse(
                    resource_classes=rc, resource_provider=uuid)
            session.delete(inv)
    for rc, wanted in inventories.items():
        values = dataclasses.asdict(wanted)
        inv = current.get(rc)
        if inv is None:
            session.add(models.Inventory(resource_provider_id=row.id,
                                         resource_class=rc, **values))
        else:
            for key, value in values.items():
                setattr(inv, key, value)
        if usages.get(rc, 0) > wanted.capacity:
            # Placement accepts it: the usage stays, nothing new fits.
            LOG.warning('Resource provider %s: %s usage %d exceeds the new '
                        'capacity %d', uuid, rc, usages[rc], wanted.capacity)
    session.flush()
    _mark_changed(session, [row.id], seq)
    return session.execute(sa.select(_RP.c.generation).where(
        _RP.c.id == row.id)).scalar_one()


def _claimable(session, uuids):
    """{uuid: (id, {rc: Inventory}, {rc: used})} of the providers
    ``uuids``, in one statement (the claim's capacity check)."""
    used = sa.select(sa.func.coalesce(sa.func.sum(_ALLOC.c.used), 0)).where(
        _ALLOC.c.resource_provider_id == _RP.c.id,
        _ALLOC.c.resource_class == _INV.c.resource_class).scalar_subquery()
    result = {}
    for row in session.execute(sa.select(
            _RP.c.uuid, _RP.c.id, _INV.c.resource_class, _INV.c.total,
            _INV.c.reserved, _INV.c.min_unit, _INV.c.max_unit,
            _INV.c.step_size, _INV.c.allocation_ratio, used).select_from(
            _RP.outerjoin(_INV, _INV.c.resource_provider_id == _RP.c.id)
            ).where(_RP.c.uuid.in_(uuids))):
        _, inventories, usages = result.setdefault(row[0], (row[1], {}, {}))
        if row[2] is not None:
            inventories[row[2]] = Inventory(*row[3:9])
            usages[row[2]] = int(row[9])
    return result


@writer
def replace_allocations(context, consumer_id, allocations):
    """Make ``allocations`` ({provider uuid: {resource class: amount}})
    all that ``consumer_id`` holds, at once or not at all.

    Returns (the 'providers' change sequence this write set, the ids of
    the providers it changed): a reader that had seen the sequence just
    before knows this write was the only one since.

    Raises InvalidAllocationCapacityExceeded or
    InvalidAllocationConstraintsViolated when a provider cannot take it,
    ResourceProviderNotFound for an unknown provider."""
    session = context.session
    seq = bump_sequence(session, PROVIDERS)
    old_ids = {pid for (pid,) in session.execute(sa.select(
        _ALLOC.c.resource_provider_id).where(
        _ALLOC.c.consumer_id == consumer_id))}
    if old_ids:
        session.execute(_ALLOC.delete().where(
            _ALLOC.c.consumer_id == consumer_id))
    providers = _claimable(session, list(allocations))
    rows = []
    for uuid, resources in allocations.items():
        if uuid not in providers:
            raise exception.ResourceProviderNotFound(name_or_uuid=uuid)
        pid, inventories, usages = providers[uuid]
        for rc, amount in resources.items():
            if not amount:
                continue
            inv = inventories.get(rc)
            refusal = ('capacity' if inv is None else
                       inv.refusal(usages.get(rc, 0), amount))
            if refusal == 'constraints':
                raise exception.InvalidAllocationConstraintsViolated(
                    resource_class=rc, resource_provider=uuid)
            if refusal:
                raise exception.InvalidAllocationCapacityExceeded(
                    resource_class=rc, resource_provider=uuid)
            rows.append({'resource_provider_id': pid,
                         'consumer_id': consumer_id, 'resource_class': rc,
                         'used': amount, 'created_at': timeutils.utcnow()})
    if rows:
        session.execute(_ALLOC.insert(), rows)
    changed = old_ids | {pid for pid, _, _ in providers.values()}
    _mark_changed(session, changed, seq)
    return seq, sorted(changed)


@writer
def delete_allocations(context, consumer_id):
    """Remove every allocation of ``consumer_id``; True if it had any."""
    session = context.session
    ids = {pid for (pid,) in session.execute(sa.select(
        _ALLOC.c.resource_provider_id).where(
        _ALLOC.c.consumer_id == consumer_id))}
    if not ids:
        return False
    seq = bump_sequence(session, PROVIDERS)
    session.execute(_ALLOC.delete().where(
        _ALLOC.c.consumer_id == consumer_id))
    _mark_changed(session, ids, seq)
    return True


@writer
def delete_provider(context, uuid):
    """Remove provider ``uuid`` with its inventories and any allocation
    against it (Placement's delete with Nova's cascade); True if it
    existed."""
    session = context.session
    pid = session.execute(sa.select(_RP.c.id).where(
        _RP.c.uuid == uuid)).scalar_one_or_none()
    if pid is None:
        return False
    bump_sequence(session, PROVIDERS)
    session.execute(_ALLOC.delete().where(
        _ALLOC.c.resource_provider_id == pid))
    session.execute(_INV.delete().where(_INV.c.resource_provider_id == pid))
    session.execute(_RP.delete().where(_RP.c.id == pid))
    return True


@reader
def get_allocations(context, consumer_id):
    """{provider uuid: {resource class: amount}} of ``consumer_id``."""
    alloc = models.Allocation
    rp = models.ResourceProvider
    result = {}
    for uuid, rc, used in context.session.query(
            rp.uuid, alloc.resource_class, alloc.used).join(
            alloc, alloc.resource_provider_id == rp.id).filter(
            alloc.consumer_id == consumer_id):
        result.setdefault(uuid, {})[rc] = used
    return result


@reader
def get_all_allocations(context):
    """{consumer id: {provider uuid: {resource class: amount}}}."""
    alloc = models.Allocation
    rp = models.ResourceProvider
    result = {}
    for consumer, uuid, rc, used in context.session.query(
            alloc.consumer_id, rp.uuid, alloc.resource_class,
            alloc.used).join(rp, alloc.resource_provider_id == rp.id):
        result.setdefault(consumer, {}).setdefault(uuid, {})[rc] = used
    return result


def _providers(session, where):
    rows = session.execute(sa.select(
        _RP.c.id, _RP.c.uuid, _RP.c.name, _RP.c.generation).where(
        where).order_by(_RP.c.name)).all()
    ids = [row.id for row in rows]
    inventories = _inventories(session, ids)
    usages = _usages(session, ids)
    consumers = {pid: set() for pid in ids}
    if ids:
        for pid, consumer in session.execute(sa.select(
                _ALLOC.c.resource_provider_id, _ALLOC.c.consumer_id).where(
                _ALLOC.c.resource_provider_id.in_(ids)).distinct()):
            consumers[pid].add(consumer)
    return [Provider(row.id, row.uuid, row.name, row.generation,
                     inventories[row.id], usages[row.id],
                     frozenset(consumers[row.id])) for row in rows]


@reader
def get_providers_changed_since(context, seq):
    """(the current 'providers' sequence, the providers changed after
    ``seq``); seq -1 reads them all."""
    session = context.session
    table = models.ChangeSequence.__table__
    current = session.execute(sa.select(table.c.value).where(
        table.c.name == PROVIDERS)).scalar_one()
    return current, _providers(session, _RP.c.change_seq > seq)


@reader
def get_providers(context, uuid=None):
    """Every provider (or the one ``uuid``), ordered by name."""
    return _providers(context.session,
                      _RP.c.uuid == uuid if uuid else sa.true())


@reader
def get_provider_by_name(context, name):
    """The provider named ``name``; ResourceProviderNotFound if none."""
    row = context.session.execute(sa.select(
        _RP.c.uuid, _RP.c.name, _RP.c.generation).where(
        _RP.c.name == name)).first()
    if row is None:
        raise exception.ResourceProviderNotFound(name_or_uuid=name)
    return row
