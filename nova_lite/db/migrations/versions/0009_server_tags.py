"""server tags (Nova's tags table: instance uuid and tag)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tags',
        sa.Column('resource_id', sa.String(length=36), nullable=False),
        sa.Column('tag', sa.Unicode(length=80), nullable=False),
        sa.PrimaryKeyConstraint('resource_id', 'tag'),
    )
    op.create_index('tags_tag_idx', 'tags', ['tag'], unique=False)
