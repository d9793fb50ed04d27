"""placement expiry (vervalt_op)

Revision ID: dbb6f7758afe
Revises: ccb505dace7d
Create Date: 2026-12-02 15:00:00.000000
"""

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = 'dbb6f7758afe'
down_revision: str | None = 'ccb505dace7d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('prioriteringsplaatsingen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vervalt_op', sa.Date(), nullable=True))
    _backfill()


def _backfill() -> None:
    """Each current placement gets the day its stored facts stop meeting its criteria.

    Computed from today with the rules of the application; a placement whose criteria
    cannot be read any more expires today, and the next re-evaluation removes it.
    """
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT p.id, v.criteria FROM prioriteringsplaatsingen p "
            "JOIN prioriteringslijst_versies v ON v.lijst_id = p.lijst_id AND v.versie = p.versie "
            "WHERE p.verwijderd_op IS NULL"
        )
    ).all()
    if not rows:
        return
    import json

    from app.domain.errors import InvalidInput
    from app.domain.prioritering import Feit, Soort
    from app.rules.prioritering import parse_criteria
    from app.rules.prioritering_verval import vervaldatum

    vandaag = datetime.now(ZoneInfo('Europe/Amsterdam')).date()
    for plaatsing_id, criteria in rows:
        feiten = [
            Feit(soort=Soort(s), categorie=c, datum=_date(d), bron=b)
            for s, c, d, b in bind.execute(
                sa.text(
                    "SELECT soort, categorie, datum, bron FROM plaatsingsfeiten "
                    "WHERE plaatsing_id = :id ORDER BY volgnummer"
                ),
                {'id': plaatsing_id},
            ).all()
        ]
        try:
            raw = json.loads(criteria) if isinstance(criteria, str) else criteria
            verval = vervaldatum(parse_criteria(raw), feiten, vandaag)
        except (InvalidInput, ValueError):
            verval = vandaag
        bind.execute(
            sa.text("UPDATE prioriteringsplaatsingen SET vervalt_op = :verval WHERE id = :id"),
            {'verval': verval, 'id': plaatsing_id},
        )


def _date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def downgrade() -> None:
    with op.batch_alter_table('prioriteringsplaatsingen', schema=None) as batch_op:
        batch_op.drop_column('vervalt_op')
