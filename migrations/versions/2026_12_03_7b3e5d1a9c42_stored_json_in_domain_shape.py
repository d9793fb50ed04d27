"""stored JSON in the domain's shape: 2.20 criteria and supplier conditions in snake_case

The criteria of every assessment (`criteriabeoordelingen.criteria`) and the conditions of
every supply (`gegevensverstrekkingen.voorwaarden`) were stored in the request schema's
lowerCamelCase shape; the code now stores the domain values' field names
(app/domain/criteria.py::VastgelegdeCriteria, app/domain/verstrekking.py::
GesteldeVoorwaarden). Only member names change, values and their order stay. The rows are
read, renamed in Python and written back, a page at a time, so the same code runs on
SQLite and PostgreSQL. The outcome (`uitkomst`) keeps its shape: its names are one word.

Revision ID: 7b3e5d1a9c42
Revises: 3f7c2a9d4e61
Create Date: 2026-12-03 08:30:00
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "7b3e5d1a9c42"
down_revision: str | None = "3f7c2a9d4e61"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAGE = 1000

# The members whose names differ; every other member (the letters a-d, `mate`, the lists,
# `tijd`, `onderbouwing`, `toelichting`) is the same in both shapes.
CRITERIUM = {
    "criminogeneFactoren": "criminogene_factoren",
    "objectieveAanwijzingen": "objectieve_aanwijzingen",
}
VOORWAARDEN = {
    "nietVoorIncidenteleDeelnemers": "niet_voor_incidentele_deelnemers",
    "alleenVoorDeelnemers": "alleen_voor_deelnemers",
    "nietAanDerden": "niet_aan_derden",
}


def _renamed(document: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in document.items()}


def criteria_renamed(criteria: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {
        letter: _renamed(value, names) if isinstance(value, Mapping) else value
        for letter, value in criteria.items()
    }


def _inverse(names: Mapping[str, str]) -> dict[str, str]:
    return {new: old for old, new in names.items()}


def _rewrite(table: str, column: str, change: Callable[[Any], Any]) -> None:
    """Rewrite one JSON column of every row, by primary key `id`, a page at a time."""
    t = sa.table(table, sa.column("id", sa.String), sa.column(column, sa.JSON))
    bind = op.get_bind()
    last = ""
    while True:
        rows = bind.execute(
            sa.select(t.c.id, t.c[column]).where(t.c.id > last).order_by(t.c.id).limit(PAGE)
        ).all()
        if not rows:
            return
        changed = [
            {"row_id": row_id, "document": change(document)}
            for row_id, document in rows
            if document is not None and change(document) != document
        ]
        if changed:
            bind.execute(
                t.update()
                .where(t.c.id == sa.bindparam("row_id"))
                .values({column: sa.bindparam("document", type_=sa.JSON)}),
                changed,
            )
        last = rows[-1][0]


def _documents(criterium: Mapping[str, str], voorwaarden: Mapping[str, str]) -> None:
    _rewrite("criteriabeoordelingen", "criteria", lambda c: criteria_renamed(c, criterium))
    _rewrite("gegevensverstrekkingen", "voorwaarden", lambda v: _renamed(v, voorwaarden))


def upgrade() -> None:
    _documents(CRITERIUM, VOORWAARDEN)


def downgrade() -> None:
    _documents(_inverse(CRITERIUM), _inverse(VOORWAARDEN))
