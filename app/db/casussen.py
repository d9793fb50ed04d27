"""Repository of cases: the case row, its data subject, decisions and participants."""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, exists, false, literal, or_, select, text, true, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.db.tables import (
    BetrokkeneRow,
    CasusdeelnemerRow,
    CasusgebeurtenisRow,
    CasusRow,
    CriteriabeoordelingRow,
    GeheimhoudingsverklaringRow,
    OmgevingspersoonRow,
    SamenwerkingsverbandRow,
)
from app.domain.casus import AFGESCHERMDE_STATUSSEN, AFGEWEZEN_STATUSSEN, Casusstatus


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Zichtbaarheid:
    """Which cases a caller may see in a list: those for which auth.case_views.zicht is
    not None (tests/api/test_casussen_zichtbaarheid.py holds the two together)."""

    deelnemer: str
    gvv: bool
    vast: bool
    afscherming_lezer: bool
    # A mandated process director finds the registrations awaiting intake (model art. 12.2).
    intake_regisseur: bool = False
    # The person: an incidental participant sees a case only if he signed for it himself.
    sub: str = ""
    # The coordinating FG supervising, with a stated reason: every case of the partnership.
    toezicht: bool = False


class CasusRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, zvh: str, casus_id: str, *, for_update: bool = False) -> CasusRow | None:
        query = select(CasusRow).where(CasusRow.id == casus_id, CasusRow.zvh == zvh)
        if for_update:
            query = query.with_for_update()
        row: CasusRow | None = await self.session.scalar(query)
        return row

    async def betrokkene(self, casus_id: str) -> BetrokkeneRow | None:
        return await self.session.get(BetrokkeneRow, casus_id)

    async def omgeving(self, casus_id: str) -> Sequence[OmgevingspersoonRow]:
        rows = await self.session.scalars(
            select(OmgevingspersoonRow).where(OmgevingspersoonRow.casus_id == casus_id)
        )
        return list(rows)

    async def samenwerkingsverband(self, zvh: str) -> SamenwerkingsverbandRow | None:
        return await self.session.get(SamenwerkingsverbandRow, zvh)

    async def deelnemers(self, casus_id: str) -> Sequence[CasusdeelnemerRow]:
        rows = await self.session.scalars(
            select(CasusdeelnemerRow)
            .where(CasusdeelnemerRow.casus_id == casus_id)
            .order_by(CasusdeelnemerRow.deelnemer)
        )
        return list(rows)

    async def verklaringen(self, casus_id: str) -> Sequence[GeheimhoudingsverklaringRow]:
        rows = await self.session.scalars(
            select(GeheimhoudingsverklaringRow).where(
                GeheimhoudingsverklaringRow.casus_id == casus_id
            )
        )
        return list(rows)

    async def beoordelingen(self, casus_id: str) -> Sequence[CriteriabeoordelingRow]:
        rows = await self.session.scalars(
            select(CriteriabeoordelingRow)
            .where(CriteriabeoordelingRow.casus_id == casus_id)
            .order_by(CriteriabeoordelingRow.tijdstip)
        )
        return list(rows)

    async def gebeurtenissen(self, casus_id: str) -> Sequence[CasusgebeurtenisRow]:
        rows = await self.session.scalars(
            select(CasusgebeurtenisRow)
            .where(CasusgebeurtenisRow.casus_id == casus_id)
            .order_by(CasusgebeurtenisRow.tijdstip, CasusgebeurtenisRow.id)
        )
        return list(rows)

    async def lock_person(self, zvh: str, bsn: str) -> None:
        """Serialise the registrations of one person until this transaction ends.

        PostgreSQL: a transaction-level advisory lock on a 64-bit digest of partnership and
        BSN (what pg_locks shows reveals no more than the table itself). SQLite needs none:
        every transaction begins IMMEDIATE, so writers already queue (app/db/session.py).
        """
        if self.session.get_bind().dialect.name != "postgresql":
            return
        digest = hashlib.sha256(f"zvh-bsn\x00{zvh}\x00{bsn}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    async def open_for_bsn(self, zvh: str, bsn: str, vandaag: date) -> CasusRow | None:
        """The person's case whose clock still runs: not closed or rejected, not archived,
        and its maximum retention date not passed (one clock per person)."""
        row: CasusRow | None = await self.session.scalar(
            select(CasusRow)
            .join(BetrokkeneRow, BetrokkeneRow.casus_id == CasusRow.id)
            .where(
                BetrokkeneRow.zvh == zvh,
                BetrokkeneRow.bsn == bsn,
                CasusRow.status.not_in([s.value for s in AFGESCHERMDE_STATUSSEN]),
                CasusRow.gearchiveerd_op.is_(None),
                or_(
                    CasusRow.maximale_bewaardatum.is_(None),
                    CasusRow.maximale_bewaardatum >= vandaag,
                ),
            )
            .order_by(CasusRow.aanmelddatum.desc(), CasusRow.id)
            .limit(1)
        )
        return row

    async def latest_closed_for_bsn(self, zvh: str, bsn: str, vandaag: date) -> str | None:
        """The person's most recent closed (or rejected) case still within its archive date,
        to link a new registration to; an archived or expired case is not linked."""
        casus_id: str | None = await self.session.scalar(
            select(CasusRow.id)
            .join(BetrokkeneRow, BetrokkeneRow.casus_id == CasusRow.id)
            .where(
                BetrokkeneRow.zvh == zvh,
                BetrokkeneRow.bsn == bsn,
                CasusRow.status.in_([s.value for s in AFGESCHERMDE_STATUSSEN]),
                CasusRow.gearchiveerd_op.is_(None),
                CasusRow.archiefdatum >= vandaag,
            )
            .order_by(CasusRow.aanmelddatum.desc(), CasusRow.aangemaakt_op.desc())
            .limit(1)
        )
        return casus_id

    def add(self, *rows: Any) -> None:
        self.session.add_all(rows)

    async def save_status(self, casus: CasusRow, expected_versie: int, **values: object) -> bool:
        """Compare-and-set: write only if nobody changed the case since it was read."""
        result = await self.session.execute(
            update(CasusRow)
            .where(CasusRow.id == casus.id, CasusRow.versie == expected_versie)
            .values(versie=expected_versie + 1, **values)
            .execution_options(synchronize_session="fetch")
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def replace_deelnemers(self, casus_id: str, rows: Sequence[CasusdeelnemerRow]) -> None:
        for row in await self.deelnemers(casus_id):
            await self.session.delete(row)
        await self.session.flush()
        self.session.add_all(rows)

    async def visible(
        self,
        zvh: str,
        wie: Zichtbaarheid,
        *,
        status: Casusstatus | None,
        vanaf: date | None,
        tot: date | None,
        offset: int,
        limit: int,
    ) -> Sequence[CasusRow]:
        query = select(CasusRow).where(CasusRow.zvh == zvh, _visible_to(wie))
        if status is not None:
            query = query.where(CasusRow.status == status.value)
        if vanaf is not None:
            query = query.where(CasusRow.aanmelddatum >= vanaf)
        if tot is not None:
            query = query.where(CasusRow.aanmelddatum <= tot)
        rows = await self.session.scalars(
            # Newest registration first, in the order of ix_casussen_lijst (read backwards),
            # so a page is an index range, not a sort of every visible case.
            query.order_by(CasusRow.aanmelddatum.desc(), CasusRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list(rows)


def _visible_to(wie: Zichtbaarheid) -> ColumnElement[bool]:
    if wie.toezicht:
        return true()
    afgeschermd = CasusRow.status.in_([s.value for s in AFGESCHERMDE_STATUSSEN])
    afgewezen = CasusRow.status.in_([s.value for s in AFGEWEZEN_STATUSSEN])

    def gekozen_per_casus() -> ColumnElement[bool]:
        """Selected as a regular participant: one index probe per case the scan meets.

        Inside an OR, PostgreSQL cannot turn an EXISTS into a semi-join; it builds a hash
        of every case the participant was ever selected for, on every request (50,000
        selections: 75 ms for a page). A correlated scalar subquery with LIMIT 1 cannot be
        hashed, so the backward index scan of the page probes `ix_casusdeelnemers_deelnemer`
        for each case it meets and stops at the page's end (bench/README.md, the case list).
        """
        return (
            select(literal(1))
            .where(
                CasusdeelnemerRow.casus_id == CasusRow.id,
                CasusdeelnemerRow.deelnemer == wie.deelnemer,
                CasusdeelnemerRow.incidenteel.is_(False),
            )
            .limit(1)
            .scalar_subquery()
            .is_not(None)
        )

    if not wie.vast:
        # Only while invited, and only the person who signed (model art. 8.1).
        gekozen = exists().where(
            CasusdeelnemerRow.casus_id == CasusRow.id,
            CasusdeelnemerRow.deelnemer == wie.deelnemer,
            CasusdeelnemerRow.incidenteel.is_(True),
        )
        getekend = exists().where(
            GeheimhoudingsverklaringRow.casus_id == CasusRow.id,
            GeheimhoudingsverklaringRow.deelnemer == wie.deelnemer,
            GeheimhoudingsverklaringRow.sub == wie.sub,
        )
        return and_(~afgeschermd, gekozen, getekend)
    eigen = CasusRow.aanmelder == wie.deelnemer
    open_zichtbaar: ColumnElement[bool] = (
        ~afgeschermd if wie.gvv else and_(~afgeschermd, or_(eigen, gekozen_per_casus()))
    )
    if wie.intake_regisseur:
        open_zichtbaar = or_(open_zichtbaar, CasusRow.status == Casusstatus.AANGEMELD.value)
    afgeschermd_zichtbaar = afgeschermd if wie.afscherming_lezer else and_(afgewezen, eigen)
    return or_(open_zichtbaar, afgeschermd_zichtbaar, false())


def now_utc() -> datetime:
    return datetime.now(UTC)
