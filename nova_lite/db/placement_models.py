"""Models of Placement's tables (resource providers, inventories,
allocations), kept in nova-lite's one database."""

import sqlalchemy as sa

from nova_lite.db.models import BASE
from nova_lite.db.models import NovaBase


class ResourceProvider(BASE, NovaBase):
    __tablename__ = 'resource_providers'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_resource_providers0uuid'),
        sa.UniqueConstraint('name', name='uniq_resource_providers0name'),
        sa.Index('resource_providers_change_seq_idx', 'change_seq'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(200), nullable=False)
    # Bumped by every change of the provider's inventory or allocations;
    # a writer that read an older one lost a race and must retry.
    generation = sa.Column(sa.Integer, nullable=False)
    # The 'providers' change sequence value of the provider's last change.
    change_seq = sa.Column(sa.BigInteger, nullable=False)


class Inventory(BASE, NovaBase):
    __tablename__ = 'inventories'
    __table_args__ = (
        sa.UniqueConstraint('resource_provider_id', 'resource_class',
                            name='uniq_inventories0resource_provider_id0'
                                 'resource_class'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    resource_provider_id = sa.Column(
        sa.Integer, sa.ForeignKey('resource_providers.id'), nullable=False)
    resource_class = sa.Column(sa.String(255), nullable=False)
    total = sa.Column(sa.Integer, nullable=False)
    reserved = sa.Column(sa.Integer, nullable=False)
    min_unit = sa.Column(sa.Integer, nullable=False)
    max_unit = sa.Column(sa.Integer, nullable=False)
    step_size = sa.Column(sa.Integer, nullable=False)
    allocation_ratio = sa.Column(sa.Float, nullable=False)


class Allocation(BASE, NovaBase):
    __tablename__ = 'allocations'
    __table_args__ = (
        sa.UniqueConstraint('resource_provider_id', 'consumer_id',
                            'resource_class',
                            name='uniq_allocations0resource_provider_id0'
                                 'consumer_id0resource_class'),
        sa.Index('allocations_consumer_id_idx', 'consumer_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    resource_provider_id = sa.Column(
        sa.Integer, sa.ForeignKey('resource_providers.id'), nullable=False)
    consumer_id = sa.Column(sa.String(36), nullable=False)
    resource_class = sa.Column(sa.String(255), nullable=False)
    used = sa.Column(sa.Integer, nullable=False)


class ChangeSequence(BASE):
    """A counter per kind of change, bumped in the changing transaction:
    row locks order the bumps as the commits, so 'everything after N' is
    exact."""
    __tablename__ = 'change_sequences'
    name = sa.Column(sa.String(32), primary_key=True)
    value = sa.Column(sa.BigInteger, nullable=False)
