"""Repository of extensions, consents and archive documents (art. 1.16 BGS, model art. 16)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import CasusgebeurtenisRow
from app.db.tables_bewaren import ArchiefdocumentRow, InstemmingRow, VerlengingRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow
from app.domain.casus import Gebeurtenissoort


class BewaarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *rows: Any) -> None:
        self.session.add_all(rows)

    async def verlengingen(self, casus_id: str) -> Sequence[VerlengingRow]:
        rows = await self.session.scalars(
            select(VerlengingRow)
            .where(VerlengingRow.casus_id == casus_id)
            .order_by(VerlengingRow.volgnummer)
        )
        return list(rows)

    async def verlenging(self, casus_id: str, verlenging_id: str) -> VerlengingRow | None:
        row: VerlengingRow | None = await self.session.scalar(
            select(VerlengingRow).where(
                VerlengingRow.casus_id == casus_id, VerlengingRow.id == verlenging_id
            )
        )
        return row

    async def instemmingen(self, casus_id: str) -> Sequence[InstemmingRow]:
        rows = await self.session.scalars(
            select(InstemmingRow)
            .where(InstemmingRow.casus_id == casus_id)
            .order_by(InstemmingRow.verlenging_id, InstemmingRow.deelnemer)
        )
        return list(rows)

    async def instemming(self, verlenging_id: str, deelnemer: str) -> InstemmingRow | None:
        return await self.session.get(InstemmingRow, (verlenging_id, deelnemer))

    async def open_verzoeken(
        self, zvh: str, deelnemer: str, *, offset: int, limit: int
    ) -> Sequence[tuple[InstemmingRow, VerlengingRow]]:
        """Consent requests addressed to one organisation that it has not answered yet."""
        result = await self.session.execute(
            select(InstemmingRow, VerlengingRow)
            .join(VerlengingRow, VerlengingRow.id == InstemmingRow.verlenging_id)
            .where(
                InstemmingRow.zvh == zvh,
                InstemmingRow.deelnemer == deelnemer,
                InstemmingRow.instemming.is_(None),
            )
            .order_by(InstemmingRow.gevraagd_op, InstemmingRow.verlenging_id)
            .offset(offset)
            .limit(limit)
        )
        return [(i, v) for i, v in result.all()]

    async def verstrekkingen(self, casus_id: str) -> Sequence[GegevensverstrekkingRow]:
        rows = await self.session.scalars(
            select(GegevensverstrekkingRow)
            .where(GegevensverstrekkingRow.casus_id == casus_id)
            .order_by(GegevensverstrekkingRow.verstrekt_op, GegevensverstrekkingRow.id)
        )
        return list(rows)

    async def verlengingen_van(self, casus_ids: Sequence[str]) -> Sequence[VerlengingRow]:
        rows = await self.session.scalars(
            select(VerlengingRow)
            .where(VerlengingRow.casus_id.in_(casus_ids))
            .order_by(VerlengingRow.casus_id, VerlengingRow.volgnummer)
        )
        return list(rows)

    async def verstrekkingen_van(
        self, casus_ids: Sequence[str]
    ) -> Sequence[GegevensverstrekkingRow]:
        rows = await self.session.scalars(
            select(GegevensverstrekkingRow)
            .where(GegevensverstrekkingRow.casus_id.in_(casus_ids))
            .order_by(GegevensverstrekkingRow.verstrekt_op, GegevensverstrekkingRow.id)
        )
        return list(rows)

    async def instemmingen_van(self, casus_ids: Sequence[str]) -> Sequence[InstemmingRow]:
        rows = await self.session.scalars(
            select(InstemmingRow)
            .where(InstemmingRow.casus_id.in_(casus_ids))
            .order_by(InstemmingRow.verlenging_id, InstemmingRow.deelnemer)
        )
        return list(rows)

    async def heropeningen_van(self, casus_ids: Sequence[str]) -> Sequence[tuple[str, datetime]]:
        """(case id, moment) of every reopening of the cases, oldest first."""
        result = await self.session.execute(
            select(CasusgebeurtenisRow.casus_id, CasusgebeurtenisRow.tijdstip)
            .where(
                CasusgebeurtenisRow.casus_id.in_(casus_ids),
                CasusgebeurtenisRow.soort == Gebeurtenissoort.HEROPEND.value,
            )
            .order_by(CasusgebeurtenisRow.casus_id, CasusgebeurtenisRow.tijdstip)
        )
        return [(casus_id, tijdstip) for casus_id, tijdstip in result.all()]

    async def archiefdocumenten(self, casus_id: str) -> Sequence[ArchiefdocumentRow]:
        rows = await self.session.scalars(
            select(ArchiefdocumentRow)
            .where(ArchiefdocumentRow.casus_id == casus_id)
            .order_by(ArchiefdocumentRow.gearchiveerd_op, ArchiefdocumentRow.pad)
        )
        return list(rows)
