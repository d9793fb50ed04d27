"""What is due for archiving: cases and sources whose archive date lies before a date.

Served from the indexes (zvh, gearchiveerd/geanonimiseerd, archiefdatum, id): each part is
an ordered index range that stops at the page's end, so no query scans the whole table.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, cast, literal, null, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import CasusRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow

CASUS = "casus"
AANMELDING = "aanmelding"
GEGEVENSVERSTREKKING = "gegevensverstrekking"


@dataclass(frozen=True, slots=True)
class Verlopen:
    """A due case (bron None) or a due source of a case that is otherwise kept."""

    soort: str
    casus_id: str
    bron_id: str | None
    deelnemer: str | None
    archiefdatum: date


async def page(
    session: AsyncSession,
    zvh: str,
    peildatum: date,
    *,
    offset: int,
    limit: int,
    alleen_bronnen: bool = False,
) -> list[Verlopen]:
    """One page of the due list, ordered by archive date."""
    stop = offset + limit
    casussen = (
        select(
            literal(CASUS).label("soort"),
            CasusRow.id.label("casus_id"),
            cast(null(), String).label("bron_id"),
            cast(null(), String).label("deelnemer"),
            CasusRow.archiefdatum.label("archiefdatum"),
        )
        .where(
            CasusRow.zvh == zvh,
            CasusRow.gearchiveerd_op.is_(None),
            CasusRow.archiefdatum < peildatum,
        )
        .order_by(CasusRow.archiefdatum, CasusRow.id)
        .limit(stop)
        .subquery()
    )
    aanmeldingen = (
        select(
            literal(AANMELDING).label("soort"),
            CasusRow.id.label("casus_id"),
            literal(AANMELDING).label("bron_id"),
            CasusRow.aanmelder.label("deelnemer"),
            CasusRow.aanmelding_archiefdatum.label("archiefdatum"),
        )
        .where(
            CasusRow.zvh == zvh,
            CasusRow.aanmelding_geanonimiseerd_op.is_(None),
            CasusRow.aanmelding_archiefdatum < peildatum,
            CasusRow.archiefdatum >= peildatum,
        )
        .order_by(CasusRow.aanmelding_archiefdatum, CasusRow.id)
        .limit(stop)
        .subquery()
    )
    v = GegevensverstrekkingRow
    verstrekkingen = (
        select(
            literal(GEGEVENSVERSTREKKING).label("soort"),
            v.casus_id.label("casus_id"),
            v.id.label("bron_id"),
            v.deelnemer.label("deelnemer"),
            v.archiefdatum.label("archiefdatum"),
        )
        .join(CasusRow, CasusRow.id == v.casus_id)
        .where(
            v.zvh == zvh,
            v.geanonimiseerd_op.is_(None),
            v.archiefdatum < peildatum,
            CasusRow.archiefdatum >= peildatum,
        )
        .order_by(v.archiefdatum, v.id)
        .limit(stop)
        .subquery()
    )
    delen = [select(aanmeldingen), select(verstrekkingen)]
    if not alleen_bronnen:
        delen.insert(0, select(casussen))
    alles = union_all(*delen).subquery()
    result = await session.execute(
        select(alles)
        .order_by(alles.c.archiefdatum, alles.c.soort, alles.c.casus_id, alles.c.bron_id)
        .offset(offset)
        .limit(limit)
    )
    return [Verlopen(*row) for row in result.all()]


async def due_cases(
    session: AsyncSession, zvh: str, peildatum: date, *, after: tuple[date, str] | None, limit: int
) -> Sequence[tuple[date, str]]:
    """The next due, not yet archived cases of a partnership (keyset: archive date, id)."""
    query = select(CasusRow.archiefdatum, CasusRow.id).where(
        CasusRow.zvh == zvh,
        CasusRow.gearchiveerd_op.is_(None),
        CasusRow.archiefdatum < peildatum,
    )
    if after is not None:
        query = query.where(tuple_(CasusRow.archiefdatum, CasusRow.id) > tuple_(*after))
    result = await session.execute(query.order_by(CasusRow.archiefdatum, CasusRow.id).limit(limit))
    return [(d, i) for d, i in result.all() if d is not None]


async def due_sources(session: AsyncSession, zvh: str, peildatum: date) -> list[Verlopen]:
    """Every due source of a case that is otherwise kept (a short list: these are sources
    without consent to an extension, or with an earlier statutory limit)."""
    return await page(session, zvh, peildatum, offset=0, limit=100_000, alleen_bronnen=True)
