"""instances: locked_by, who locked a server ('owner' or 'admin')

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 10:10:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'locked_by',
            sa.Enum('owner', 'admin', name='instances0locked_by'),
            nullable=True))
