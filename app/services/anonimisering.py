"""Anonymisation in the live database once a case or source is archived (art. 1.8 lid 7 WGS).

Gone: the data subject's names, BSN and date of birth, the people around them, and every
free text (registration reason, the reasoning of assessments, explanations of decisions,
the contents of contributions and of correction reports, motivations of extensions,
signatories' names). Kept for statistics: dates, codes, statuses, who decided (the
organisations), the pseudonym that links the processing log to the archive document.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import (
    BetrokkeneRow,
    CasusdeelnemerRow,
    CasusgebeurtenisRow,
    CasusRow,
    CriteriabeoordelingRow,
    GeheimhoudingsverklaringRow,
    OmgevingspersoonRow,
)
from app.db.tables_bewaren import VerlengingRow
from app.db.tables_verstrekkingen import (
    CorrectieverzoekRow,
    GegevensverstrekkingRow,
    GegevensverzoekRow,
    VerstrekkingsversieRow,
)

# Free-text members inside the stored criteria (BGS 2.20 assessment).
_CRITERIA_TEXT = ("onderbouwing", "objectieveAanwijzingen")


def strip_criteria(criteria: dict[str, Any]) -> dict[str, Any]:
    """The codes of an assessment without its reasoning."""
    stripped: dict[str, Any] = {}
    for letter, value in criteria.items():
        if isinstance(value, dict):
            stripped[letter] = {
                k: (None if k in _CRITERIA_TEXT and v is not None else v) for k, v in value.items()
            }
        else:
            stripped[letter] = value
    return stripped


async def _strip_assessments(session: AsyncSession, casus_id: str, *, fase: str | None) -> None:
    query = select(CriteriabeoordelingRow).where(CriteriabeoordelingRow.casus_id == casus_id)
    if fase is not None:
        query = query.where(CriteriabeoordelingRow.fase == fase)
    for row in await session.scalars(query):
        row.criteria = strip_criteria(row.criteria)


async def _registration(session: AsyncSession, casus_id: str) -> None:
    await session.execute(update(CasusRow).where(CasusRow.id == casus_id).values(aanmeldreden=None))
    await session.execute(
        update(OmgevingspersoonRow)
        .where(OmgevingspersoonRow.casus_id == casus_id)
        .values(naam=None, relatie=None)
    )


async def _supplies(session: AsyncSession, ids: list[str], moment: datetime) -> None:
    if not ids:
        return
    await session.execute(
        update(VerstrekkingsversieRow)
        .where(VerstrekkingsversieRow.verstrekking_id.in_(ids))
        .values(inhoud=None, toelichting=None)
    )
    await session.execute(
        update(CorrectieverzoekRow)
        .where(CorrectieverzoekRow.verstrekking_id.in_(ids))
        .values(toelichting="")
    )
    for row in await session.scalars(
        select(GegevensverstrekkingRow).where(GegevensverstrekkingRow.id.in_(ids))
    ):
        if row.voorwaarden and row.voorwaarden.get("toelichting") is not None:
            row.voorwaarden = {**row.voorwaarden, "toelichting": None}
        row.geanonimiseerd_op = moment


async def anonymise_casus(session: AsyncSession, casus: CasusRow, moment: datetime) -> None:
    """Anonymise the whole case and all its sources."""
    cid = casus.id
    await session.execute(
        update(BetrokkeneRow)
        .where(BetrokkeneRow.casus_id == cid)
        .values(bsn=None, voornamen=None, achternaam=None, geboortedatum=None)
    )
    await _registration(session, cid)
    await _strip_assessments(session, cid, fase=None)
    await session.execute(
        update(CasusgebeurtenisRow)
        .where(CasusgebeurtenisRow.casus_id == cid)
        .values(toelichting=None)
    )
    await session.execute(
        update(CasusdeelnemerRow).where(CasusdeelnemerRow.casus_id == cid).values(noodzaak="")
    )
    await session.execute(
        update(GeheimhoudingsverklaringRow)
        .where(GeheimhoudingsverklaringRow.casus_id == cid)
        .values(ondertekenaar=None)
    )
    await session.execute(
        update(GegevensverzoekRow).where(GegevensverzoekRow.casus_id == cid).values(omschrijving="")
    )
    await session.execute(
        update(VerlengingRow).where(VerlengingRow.casus_id == cid).values(motivering=None)
    )
    ids = list(
        await session.scalars(
            select(GegevensverstrekkingRow.id).where(GegevensverstrekkingRow.casus_id == cid)
        )
    )
    await _supplies(session, ids, moment)
    casus.aanmeldreden = None
    casus.gearchiveerd_op = moment
    if casus.aanmelding_geanonimiseerd_op is None:
        casus.aanmelding_geanonimiseerd_op = moment


async def anonymise_bron(
    session: AsyncSession, casus: CasusRow, bron_id: str, moment: datetime
) -> None:
    """Anonymise one source of a case that is otherwise kept.

    The registration as a source is what the registrant supplied beyond the data subject's
    identity: the reason, the people around them and the reasoning of its assessment. The
    identity stays while the case is kept: the joint controllers process it for the case.
    """
    if bron_id == "aanmelding":
        await _registration(session, casus.id)
        await _strip_assessments(session, casus.id, fase="aanmelding")
        casus.aanmeldreden = None
        casus.aanmelding_geanonimiseerd_op = moment
    else:
        await _supplies(session, [bron_id], moment)
