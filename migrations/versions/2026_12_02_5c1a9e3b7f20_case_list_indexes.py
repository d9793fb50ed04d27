"""case list indexes: a page of GET /v1/casussen is an index range

Revision ID: 5c1a9e3b7f20
Revises: dbb6f7758afe
Create Date: 2026-12-02 19:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = '5c1a9e3b7f20'
down_revision: str | None = 'dbb6f7758afe'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # (zvh, status) is a prefix of the new index, which also gives the list's order.
    op.drop_index('ix_casussen_zvh_status', table_name='casussen')
    op.create_index(
        'ix_casussen_lijst_status', 'casussen', ['zvh', 'status', 'aanmelddatum', 'id']
    )
    op.create_index('ix_casussen_lijst', 'casussen', ['zvh', 'aanmelddatum', 'id'])
    op.create_index(
        'ix_casusdeelnemers_deelnemer', 'casusdeelnemers', ['deelnemer', 'casus_id']
    )


def downgrade() -> None:
    op.drop_index('ix_casusdeelnemers_deelnemer', table_name='casusdeelnemers')
    op.drop_index('ix_casussen_lijst', table_name='casussen')
    op.drop_index('ix_casussen_lijst_status', table_name='casussen')
    op.create_index('ix_casussen_zvh_status', 'casussen', ['zvh', 'status'])
