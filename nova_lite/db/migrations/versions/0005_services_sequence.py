"""a 'services' change sequence, moved by every change an operator makes
to a service (disable, enable, force down, delete) and by new services

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 14:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.bulk_insert(
        sa.table('change_sequences', sa.column('name', sa.String),
                 sa.column('value', sa.BigInteger)),
        [{'name': 'services', 'value': 0}])
