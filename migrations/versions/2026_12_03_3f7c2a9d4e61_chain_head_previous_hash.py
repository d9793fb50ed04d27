"""processing-log chain head keeps the previous hash (one-statement chained writes)

Revision ID: 3f7c2a9d4e61
Revises: af1e8e579292
Create Date: 2026-12-03 04:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f7c2a9d4e61"
down_revision: str | None = "af1e8e579292"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("verwerkingsketens", sa.Column("vorige_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("verwerkingsketens") as batch:
        batch.drop_column("vorige_hash")
