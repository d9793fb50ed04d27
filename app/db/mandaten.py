"""Repository of mandates (model art. 12.2, 14.7)."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables_contactpunt import MandaatRow
from app.domain.deelnemer import Rol
from app.domain.mandaat import Bevoegdheid, Mandaat, Mandaten


def to_domain(row: MandaatRow) -> Mandaat:
    return Mandaat(
        bevoegdheid=Bevoegdheid(row.bevoegdheid),
        gemandateerde=row.gemandateerde,
        rol=Rol(row.rol),
        ingangsdatum=row.ingangsdatum,
        einddatum=row.einddatum,
    )


class MandaatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: MandaatRow) -> None:
        self.session.add(row)

    async def all(self, zvh: str) -> Sequence[MandaatRow]:
        rows = await self.session.scalars(
            select(MandaatRow)
            .where(MandaatRow.zvh == zvh)
            .order_by(MandaatRow.ingangsdatum, MandaatRow.id)
        )
        return list(rows)

    async def get(self, zvh: str, mandaat_id: str) -> MandaatRow | None:
        row: MandaatRow | None = await self.session.scalar(
            select(MandaatRow).where(MandaatRow.zvh == zvh, MandaatRow.id == mandaat_id)
        )
        return row

    async def geldend(self, zvh: str, dag: date) -> Mandaten:
        """The mandates of the partnership in force on `dag`."""
        rows = await self.session.scalars(
            select(MandaatRow).where(
                MandaatRow.zvh == zvh,
                MandaatRow.ingangsdatum <= dag,
                or_(MandaatRow.einddatum.is_(None), MandaatRow.einddatum >= dag),
            )
        )
        return Mandaten.op((to_domain(r) for r in rows), dag)
