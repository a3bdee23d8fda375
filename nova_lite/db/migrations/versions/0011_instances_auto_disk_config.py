"""instances.auto_disk_config: the server's OS-DCF:diskConfig (AUTO)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    # Servers created before this column had no disk config: MANUAL.
    with op.batch_alter_table('instances') as batch_op:
        batch_op.add_column(sa.Column('auto_disk_config', sa.Boolean(),
                                      nullable=True,
                                      server_default=sa.false()))
