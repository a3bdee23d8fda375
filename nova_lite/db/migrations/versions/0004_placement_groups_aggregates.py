"""Placement's resource providers, inventories and allocations; server
groups; host aggregates

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 07:50:12.101442
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _timestamps():
    return [sa.Column('created_at', sa.DateTime(), nullable=True),
            sa.Column('updated_at', sa.DateTime(), nullable=True)]


def _placement():
    op.create_table(
        'resource_providers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('change_seq', sa.BigInteger(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_resource_providers0uuid'),
        sa.UniqueConstraint('name', name='uniq_resource_providers0name'),
    )
    op.create_index('resource_providers_change_seq_idx',
                    'resource_providers', ['change_seq'])
    op.create_table(
        'inventories',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('resource_provider_id', sa.Integer(), nullable=False),
        sa.Column('resource_class', sa.String(length=255), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('reserved', sa.Integer(), nullable=False),
        sa.Column('min_unit', sa.Integer(), nullable=False),
        sa.Column('max_unit', sa.Integer(), nullable=False),
        sa.Column('step_size', sa.Integer(), nullable=False),
        sa.Column('allocation_ratio', sa.Float(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.ForeignKeyConstraint(['resource_provider_id'],
                                ['resource_providers.id']),
        sa.UniqueConstraint('resource_provider_id', 'resource_class',
                            name='uniq_inventories0resource_provider_id0'
                                 'resource_class'),
    )
    op.create_table(
        'allocations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('resource_provider_id', sa.Integer(), nullable=False),
        sa.Column('consumer_id', sa.String(length=36), nullable=False),
        sa.Column('resource_class', sa.String(length=255), nullable=False),
        sa.Column('used', sa.Integer(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.ForeignKeyConstraint(['resource_provider_id'],
                                ['resource_providers.id']),
        sa.UniqueConstraint('resource_provider_id', 'consumer_id',
                            'resource_class',
                            name='uniq_allocations0resource_provider_id0'
                                 'consumer_id0resource_class'),
    )
    op.create_index('allocations_consumer_id_idx', 'allocations',
                    ['consumer_id'])
    # One row per kind of change ('providers', 'aggregates'): its value
    # grows with every committed change, in commit order, so a scheduler
    # can read only what changed since it last looked.
    op.create_table(
        'change_sequences',
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.bulk_insert(
        sa.table('change_sequences', sa.column('name', sa.String),
                 sa.column('value', sa.BigInteger)),
        [{'name': 'providers', 'value': 0},
         {'name': 'aggregates', 'value': 0}])


def _server_groups():
    op.create_table(
        'instance_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('user_id', sa.String(length=255), nullable=True),
        sa.Column('project_id', sa.String(length=255), nullable=True),
        sa.Column('policy', sa.String(length=255), nullable=False),
        sa.Column('rules', sa.Text(), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
    )
    op.create_table(
        'instance_group_member',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('instance_uuid', sa.String(length=36), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.ForeignKeyConstraint(['group_id'], ['instance_groups.id']),
        sa.UniqueConstraint('group_id', 'instance_uuid',
                            name='uniq_instance_group_member0group_id0'
                                 'instance_uuid'),
    )
    op.create_index('instance_group_member_instance_idx',
                    'instance_group_member', ['instance_uuid'])


def _aggregates():
    op.create_table(
        'aggregates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_aggregates0uuid'),
        sa.UniqueConstraint('name', name='uniq_aggregates0name'),
    )
    op.create_table(
        'aggregate_hosts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('aggregate_id', sa.Integer(), nullable=False),
        sa.Column('host', sa.String(length=255), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.ForeignKeyConstraint(['aggregate_id'], ['aggregates.id']),
        sa.UniqueConstraint('host', 'aggregate_id',
                            name='uniq_aggregate_hosts0host0aggregate_id'),
    )
    op.create_table(
        'aggregate_metadata',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('aggregate_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('value', sa.String(length=255), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.ForeignKeyConstraint(['aggregate_id'], ['aggregates.id']),
        sa.UniqueConstraint('aggregate_id', 'key',
                            name='uniq_aggregate_metadata0aggregate_id0key'),
    )


def upgrade():
    _placement()
    _server_groups()
    _aggregates()
