"""What retention management shows: a stored case's dates, the due list, open consent requests."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db import verlopen
from app.db.bewaren import BewaarRepository
from app.db.casussen import CasusRepository
from app.db.tables_bewaren import ArchiefdocumentRow, InstemmingRow, VerlengingRow
from app.domain.paginering import Paginering
from app.domain.verwerking import Handeling
from app.rules.bewaartermijn_typen import Bewaarbeleid, Bewaartermijn
from app.services import bewaardata
from app.services.casussen import CasusToegang
from app.services.verwerkingslog import Verwerkingslog


@dataclass(frozen=True, slots=True)
class CasusBewaarstand:
    """A stored case's retention dates under `beleid`, and its archived documents."""

    uitkomst: Bewaartermijn
    beleid: Bewaarbeleid
    archiefdocumenten: Sequence[ArchiefdocumentRow]


async def casus_bewaartermijn(
    session: AsyncSession, toegang: CasusToegang, beleid: Bewaarbeleid, peildatum: date
) -> CasusBewaarstand:
    """The engine's result for the stored case, in the shape of the stateless endpoint."""
    stand = await bewaardata.bewaarstand(session, toegang.casus, beleid, peildatum)
    documenten = await BewaarRepository(session).archiefdocumenten(toegang.casus.id)
    return CasusBewaarstand(stand.uitkomst, beleid, documenten)


async def due_page(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    peildatum: date,
    pagina: Paginering,
) -> tuple[list[verlopen.Verlopen], bool]:
    """One page of what is due in the caller's partnership; each listed case is logged."""
    regels = await verlopen.page(
        session,
        caller.zvh,
        peildatum,
        offset=pagina.offset,
        limit=pagina.limit,
    )
    regels, more = pagina.knip(regels)
    for casus_id in dict.fromkeys(r.casus_id for r in regels):
        log.record(caller, "casus-bewaartermijn", Handeling.RAADPLEGEN, casus_id=casus_id)
    return regels, more


async def open_requests(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    pagina: Paginering,
) -> tuple[list[tuple[InstemmingRow, VerlengingRow]], bool]:
    """The consent requests addressed to the caller's organisation that are still open."""
    rows = await BewaarRepository(session).open_verzoeken(
        caller.zvh,
        caller.deelnemer,
        offset=pagina.offset,
        limit=pagina.limit,
    )
    rows, more = pagina.knip(rows)
    repo = CasusRepository(session)
    for casus_id in dict.fromkeys(i.casus_id for i, _ in rows):
        betrokkene = await repo.betrokkene(casus_id)
        log.record(
            caller,
            "casus-bewaartermijn",
            Handeling.RAADPLEGEN,
            casus_id=casus_id,
            betrokkene=betrokkene.pseudoniem if betrokkene else None,
        )
    return rows, more
