"""What retention management shows: a stored case's dates, the due list, open consent requests."""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db import verlopen
from app.db.bewaren import BewaarRepository
from app.db.casussen import CasusRepository
from app.domain.paginering import Paginering
from app.domain.verwerking import Handeling
from app.rules.bewaartermijn_typen import Bewaarbeleid, Verlengingsreden
from app.schemas.bewaartermijn import BewaartermijnUitkomst
from app.schemas.bewaren import (
    Archivering,
    CasusBewaartermijn,
    Instemmingsverzoek,
    Verloopsoort,
    VerlopenRegel,
)
from app.services import bewaardata
from app.services.casussen import CasusToegang
from app.services.verwerkingslog import Verwerkingslog


async def casus_bewaartermijn(
    session: AsyncSession, toegang: CasusToegang, beleid: Bewaarbeleid, peildatum: date
) -> CasusBewaartermijn:
    """The engine's result for the stored case, in the shape of the stateless endpoint."""
    stand = await bewaardata.bewaarstand(session, toegang.casus, beleid, peildatum)
    basis = BewaartermijnUitkomst.of(stand.uitkomst, beleid)
    documenten = await BewaarRepository(session).archiefdocumenten(toegang.casus.id)
    return CasusBewaartermijn(
        **basis.model_dump(),
        archiveringen=[
            Archivering(
                bron=d.bron_id,
                gearchiveerd_op=d.gearchiveerd_op,
                archiefbeheerder=d.archiefbeheerder,
                sha256=d.sha256,
            )
            for d in documenten
        ],
    )


async def due_page(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    peildatum: date,
    pagina: Paginering,
) -> tuple[list[VerlopenRegel], bool]:
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
    return [
        VerlopenRegel(
            soort=Verloopsoort(r.soort),
            casus_id=r.casus_id,
            bron_id=r.bron_id,
            deelnemer=r.deelnemer,
            archiefdatum=r.archiefdatum,
        )
        for r in regels
    ], more


async def open_requests(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    pagina: Paginering,
) -> tuple[list[Instemmingsverzoek], bool]:
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
    return [
        Instemmingsverzoek(
            casus_id=i.casus_id,
            verlenging_id=v.id,
            besluitdatum=v.besluitdatum,
            maanden=v.maanden,
            reden=Verlengingsreden(v.reden),
            motivering=v.motivering,
            gevraagd_op=i.gevraagd_op,
        )
        for i, v in rows
    ], more
