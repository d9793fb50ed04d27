"""notifications: subscriptions, the outbox, deliveries (issue 14)

Revision ID: af1e8e579292
Revises: 5c0a7e13d2b4
Create Date: 2026-12-02 18:35:05.322404
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'af1e8e579292'
down_revision: str | None = '5c0a7e13d2b4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('abonnementen',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('zvh', sa.String(length=64), nullable=False),
    sa.Column('deelnemer', sa.String(length=64), nullable=False),
    sa.Column('callback_url', sa.String(length=2000), nullable=False),
    sa.Column('kanalen', sa.String(length=200), nullable=False),
    sa.Column('geheim', sa.String(length=200), nullable=False),
    sa.Column('sub', sa.String(length=200), nullable=False),
    sa.Column('aangemaakt_op', sa.DateTime(timezone=True), nullable=False),
    sa.Column('beeindigd_op', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_abonnementen'))
    )
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        batch_op.create_index('ix_abonnementen_zvh_deelnemer', ['zvh', 'deelnemer'], unique=False)

    op.create_table('notificaties',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('zvh', sa.String(length=64), nullable=False),
    sa.Column('kanaal', sa.String(length=32), nullable=False),
    sa.Column('resource', sa.String(length=64), nullable=False),
    sa.Column('resource_id', sa.String(length=36), nullable=False),
    sa.Column('resource_pad', sa.String(length=300), nullable=False),
    sa.Column('actie', sa.String(length=32), nullable=False),
    sa.Column('aanmaakdatum', sa.DateTime(timezone=True), nullable=False),
    sa.Column('casus_id', sa.String(length=36), nullable=True),
    sa.Column('geadresseerde', sa.String(length=64), nullable=True),
    sa.Column('verspreid', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notificaties'))
    )
    with op.batch_alter_table('notificaties', schema=None) as batch_op:
        batch_op.create_index('ix_notificaties_verspreid', ['verspreid', 'aanmaakdatum'], unique=False)

    op.create_table('afleveringen',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('notificatie_id', sa.String(length=36), nullable=False),
    sa.Column('abonnement_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('pogingen', sa.Integer(), nullable=False),
    sa.Column('volgende_poging', sa.DateTime(timezone=True), nullable=False),
    sa.Column('laatste_fout', sa.String(length=64), nullable=True),
    sa.Column('reden', sa.Text(), nullable=True),
    sa.Column('afgeleverd_op', sa.DateTime(timezone=True), nullable=True),
    sa.Column('gewijzigd_op', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['abonnement_id'], ['abonnementen.id'], name=op.f('fk_afleveringen_abonnement_id_abonnementen')),
    sa.ForeignKeyConstraint(['notificatie_id'], ['notificaties.id'], name=op.f('fk_afleveringen_notificatie_id_notificaties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_afleveringen'))
    )
    with op.batch_alter_table('afleveringen', schema=None) as batch_op:
        batch_op.create_index('ix_afleveringen_abonnement', ['abonnement_id'], unique=False)
        batch_op.create_index('ix_afleveringen_status_volgende_poging', ['status', 'volgende_poging'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('afleveringen', schema=None) as batch_op:
        batch_op.drop_index('ix_afleveringen_status_volgende_poging')
        batch_op.drop_index('ix_afleveringen_abonnement')

    op.drop_table('afleveringen')
    with op.batch_alter_table('notificaties', schema=None) as batch_op:
        batch_op.drop_index('ix_notificaties_verspreid')

    op.drop_table('notificaties')
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        batch_op.drop_index('ix_abonnementen_zvh_deelnemer')

    op.drop_table('abonnementen')
