"""compute nodes: current_workload, disk_available_least and host_ip, as
os-hypervisors shows them

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 14:30:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('compute_nodes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('current_workload', sa.Integer(),
                                      nullable=True))
        batch_op.add_column(sa.Column('disk_available_least', sa.Integer(),
                                      nullable=True))
        batch_op.add_column(sa.Column('host_ip', sa.String(length=39),
                                      nullable=True))
