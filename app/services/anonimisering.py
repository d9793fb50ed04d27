"""Anonymisation in the live database once a case or source is archived (art. 1.8 lid 7 WGS).

Gone: the data subject's names, BSN and date of birth, the people around them, and every
free text (registration reason, the reasoning of assessments and the engine's explanation
of them, explanations of decisions, the contents of contributions and of correction
reports, motivations of extensions, signatories' names, agreements of case conferences,
goals and interventions of plans, the motivation of the information duty, the reasons of
placements on priority lists); the facts of priority-list placements are deleted and a
placement still open is ended (through the handler table); stored first responses of creating requests
(`idempotentiesleutels`) about the case are deleted. Kept for statistics: dates, codes,
statuses, who decided (the organisations), the pseudonym that links the processing log to
the archive document. Every statement is set-based: one per table for a batch of cases.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, null, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.idempotency import KEY_LIFETIME
from app.db.tables import (
    BetrokkeneRow,
    CasusdeelnemerRow,
    CasusgebeurtenisRow,
    CasusRow,
    CriteriabeoordelingRow,
    GeheimhoudingsverklaringRow,
    IdempotentieRow,
    OmgevingspersoonRow,
)
from app.db.tables_bewaren import VerlengingRow
from app.db.tables_overleg import (
    CasusoverlegRow,
    InformatieplichtRow,
    InterventieRow,
    PlanVanAanpakRow,
)
from app.db.tables_plaatsing import PlaatsingsfeitRow, PrioriteringsplaatsingRow
from app.db.tables_verstrekkingen import (
    CorrectieverzoekRow,
    GegevensverstrekkingRow,
    GegevensverzoekRow,
    VerstrekkingsversieRow,
)
from app.domain.criteria import VastgelegdeCriteria
from app.domain.events import CasussenGeanonimiseerd
from app.services.handlers import Omgeving, dispatch


def strip_criteria(criteria: dict[str, Any]) -> dict[str, Any]:
    """The codes of an assessment without its reasoning."""
    return VastgelegdeCriteria.from_stored(criteria).without_texts().stored()


def strip_uitkomst(uitkomst: Any) -> Any:
    """The engine's outcome without its explanations (`toelichting`, which may quote the
    case); codes, booleans and reasons (codes) stay. Strings stay strings: the API reads
    the outcome back with its schema."""
    if isinstance(uitkomst, dict):
        return {
            k: ("" if k == "toelichting" and isinstance(v, str) else strip_uitkomst(v))
            for k, v in uitkomst.items()
        }
    if isinstance(uitkomst, list):
        return [strip_uitkomst(v) for v in uitkomst]
    return uitkomst


async def _strip_assessments(
    session: AsyncSession, casus_ids: Sequence[str], *, fase: str | None
) -> None:
    b = CriteriabeoordelingRow
    query = select(b.id, b.criteria, b.uitkomst).where(b.casus_id.in_(casus_ids))
    if fase is not None:
        query = query.where(b.fase == fase)
    rows = [
        {"id": i, "criteria": strip_criteria(c), "uitkomst": strip_uitkomst(u)}
        for i, c, u in (await session.execute(query)).all()
    ]
    if rows:
        await session.execute(update(CriteriabeoordelingRow), rows)


async def _registration(session: AsyncSession, casus_ids: Sequence[str]) -> None:
    await session.execute(
        update(CasusRow)
        .where(CasusRow.id.in_(casus_ids))
        .values(aanmeldreden=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(OmgevingspersoonRow)
        .where(OmgevingspersoonRow.casus_id.in_(casus_ids))
        .values(naam=None, relatie=None)
        .execution_options(synchronize_session=False)
    )


async def _supplies(session: AsyncSession, ids: Sequence[str], moment: datetime) -> None:
    if not ids:
        return
    await session.execute(
        update(VerstrekkingsversieRow)
        .where(VerstrekkingsversieRow.verstrekking_id.in_(ids))
        .values(inhoud=None, toelichting=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(CorrectieverzoekRow)
        .where(CorrectieverzoekRow.verstrekking_id.in_(ids))
        .values(toelichting="")
        .execution_options(synchronize_session=False)
    )
    for row in await session.scalars(
        select(GegevensverstrekkingRow).where(GegevensverstrekkingRow.id.in_(ids))
    ):
        if row.voorwaarden and row.voorwaarden.get("toelichting") is not None:
            row.voorwaarden = {**row.voorwaarden, "toelichting": None}
        row.geanonimiseerd_op = moment


def _empty(table: Any, casus_ids: Sequence[str], **values: Any) -> Any:
    return (
        update(table)
        .where(table.casus_id.in_(casus_ids))
        .values(**values)
        .execution_options(synchronize_session=False)
    )


async def _placements(session: AsyncSession, casus_ids: Sequence[str]) -> None:
    """Placements are personal data gathered for the list only (art. 2.32 lid 4 WGS): their
    facts are deleted and the reason given for an end is emptied (the code stays). One
    still open was ended by the handler of `CasussenGeanonimiseerd`."""
    p = PrioriteringsplaatsingRow
    ids = select(p.id).where(p.casus_id.in_(casus_ids)).scalar_subquery()
    await session.execute(delete(PlaatsingsfeitRow).where(PlaatsingsfeitRow.plaatsing_id.in_(ids)))
    await session.execute(_empty(p, casus_ids, verwijdertoelichting=None))


def _locations(casus_id: str) -> tuple[str, str]:
    return f"/v1/casussen/{casus_id}", f"/v1/casussen/{casus_id}/"


async def forget_responses(
    session: AsyncSession, casus_ids: Sequence[str], moment: datetime
) -> None:
    """Delete the stored first responses (which may hold names and BSN) of requests about
    these cases: a key whose Location is the case, something in it, or one of its
    placements, or whose response names the case. Only keys still alive are looked at:
    older ones are purged by `purge_expired_responses`."""
    if not casus_ids:
        return
    plaatsingen = {
        f"/plaatsingen/{i}"
        for i in await session.scalars(
            select(PrioriteringsplaatsingRow.id).where(
                PrioriteringsplaatsingRow.casus_id.in_(casus_ids)
            )
        )
    }
    wanted = set(casus_ids)
    r = IdempotentieRow
    doomed = []
    for zvh, deelnemer, sleutel, location, body in (
        await session.execute(
            select(r.zvh, r.deelnemer, r.sleutel, r.location, r.body).where(
                r.aangemaakt_op >= moment - KEY_LIFETIME
            )
        )
    ).all():
        location = location or ""
        if (
            any(
                location == exact or location.startswith(prefix)
                for exact, prefix in map(_locations, wanted)
            )
            or any(location.endswith(p) for p in plaatsingen)
            or any(i in body for i in wanted)
        ):
            doomed.append((zvh, deelnemer, sleutel))
    for zvh, deelnemer, sleutel in doomed:
        await session.execute(
            delete(r).where(r.zvh == zvh, r.deelnemer == deelnemer, r.sleutel == sleutel)
        )


async def _forget_source_responses(session: AsyncSession, location: str, exact: bool) -> None:
    r = IdempotentieRow
    condition = r.location == location
    if not exact:
        condition = or_(condition, r.location.startswith(location + "/"))
    await session.execute(delete(r).where(condition))


async def purge_expired_responses(session: AsyncSession, moment: datetime) -> int:
    """Delete every stored response older than its key's lifetime: it is never replayed."""
    result = await session.execute(
        delete(IdempotentieRow).where(IdempotentieRow.aangemaakt_op < moment - KEY_LIFETIME)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def anonymise_casussen(omgeving: Omgeving, casussen: Sequence[CasusRow]) -> None:
    """Anonymise whole cases and all their sources, with one statement per table, as of
    `omgeving.nu`; what follows for other aggregates goes through the handler table."""
    ids = [c.id for c in casussen]
    if not ids:
        return
    session, moment = omgeving.session, omgeving.nu
    await dispatch(omgeving, [CasussenGeanonimiseerd(tuple(ids))])
    await session.execute(
        _empty(BetrokkeneRow, ids, bsn=None, voornamen=None, achternaam=None, geboortedatum=None)
    )
    await _registration(session, ids)
    await _strip_assessments(session, ids, fase=None)
    await session.execute(_empty(CasusgebeurtenisRow, ids, toelichting=None))
    await session.execute(_empty(CasusdeelnemerRow, ids, noodzaak=""))
    await session.execute(_empty(GeheimhoudingsverklaringRow, ids, ondertekenaar=None))
    await session.execute(_empty(GegevensverzoekRow, ids, omschrijving=""))
    await session.execute(_empty(VerlengingRow, ids, motivering=None))
    await session.execute(_empty(CasusoverlegRow, ids, afspraken=None))
    await session.execute(_empty(PlanVanAanpakRow, ids, doelen=null()))
    await session.execute(
        update(InterventieRow)
        .where(
            InterventieRow.plan_id.in_(
                select(PlanVanAanpakRow.id).where(PlanVanAanpakRow.casus_id.in_(ids))
            )
        )
        .values(omschrijving=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(_empty(InformatieplichtRow, ids, motivering=None))
    await _placements(session, ids)
    await forget_responses(session, ids, moment)
    verstrekkingen = list(
        await session.scalars(
            select(GegevensverstrekkingRow.id).where(GegevensverstrekkingRow.casus_id.in_(ids))
        )
    )
    await _supplies(session, verstrekkingen, moment)
    for casus in casussen:
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
        await _registration(session, [casus.id])
        await _strip_assessments(session, [casus.id], fase="aanmelding")
        await _forget_source_responses(session, f"/v1/casussen/{casus.id}", exact=True)
        casus.aanmeldreden = None
        casus.aanmelding_geanonimiseerd_op = moment
    else:
        await _supplies(session, [bron_id], moment)
        await _forget_source_responses(
            session, f"/v1/casussen/{casus.id}/gegevensverstrekkingen/{bron_id}", exact=False
        )
