"""The work queue: what waits for the caller's organisation, without personal data.

Kinds: data requests addressed to it (art. 2.31 lid 3 WGS), consent requests for an
extension it supplied data to (art. 1.16 BGS), invitations to sign the confidentiality
statement (art. 2.31 lid 9 WGS, art. 2.21 BGS) and, for the designated contact point or
the mandated network manager, information duties still open (art. 14 AVG) and data
breaches not yet assessed (art. 33 AVG); for every involved participant, data-subject
requests that wait for its reaction (model art. 14.3-14.4). Each item that names a case
is a processing-log entry (a case id is pseudonymous data of its data subject); a request
or breach id is not: what it is about is read, and logged, at its link.
"""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.auth.contactpunt import is_contactpunt
from app.db.casussen import CasusRepository
from app.db.werkvoorraad import Werk, WerkvoorraadRepository
from app.domain.mandaat import Bevoegdheid
from app.domain.paginering import Paginering
from app.domain.verwerking import Handeling
from app.rules.informatieplicht import uiterlijke_datum
from app.services.bewaartermijn import AMSTERDAM
from app.services.mandaten import geldend
from app.services.verwerkingslog import Verwerkingslog


def _order(werk: Werk) -> tuple[bool, date, str, str, str]:
    """Earliest due date first, work without one after; then kind, case and reference."""
    return (
        werk.vervaldatum is None,
        werk.vervaldatum or date.max,
        werk.soort,
        werk.casus_id or "",
        werk.ref,
    )


async def open_work(session: AsyncSession, caller: Caller, vandaag: date) -> list[Werk]:
    """Everything that waits for the caller's organisation, in queue order."""
    repo = WerkvoorraadRepository(session)
    werk = list(await repo.case_work(caller.zvh, caller.deelnemer))
    mandaten = await geldend(session, caller.zvh, vandaag)
    if is_contactpunt(caller, mandaten, Bevoegdheid.INFORMATIEPLICHT):
        for plicht in await repo.open_informatieplichten(caller.zvh):
            # A lifted art. 41 UAVG exception reopens the duty for a month from the lifting.
            uiterste = (
                uiterlijke_datum(plicht.opgeheven_op)
                if plicht.opgeheven_op
                else plicht.uiterlijke_datum
            )
            werk.append(Werk("informatieplicht", plicht.casus_id, plicht.casus_id, uiterste))
    werk += [
        Werk("betrokkenenverzoek", None, verzoek.id, verzoek.uiterlijke_beslisdatum)
        for verzoek in await repo.reacties_gevraagd(caller.zvh, caller.deelnemer)
    ]
    if is_contactpunt(caller, mandaten, Bevoegdheid.DATALEKKEN):
        werk += [
            Werk("datalek", None, lek.id, lek.melden_uiterlijk.astimezone(AMSTERDAM).date())
            for lek in await repo.te_beoordelen_datalekken(caller.zvh)
        ]
    return sorted(werk, key=_order)


async def page(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    vandaag: date,
    pagina: Paginering,
) -> tuple[list[Werk], bool]:
    """One page of the caller's organisation's queue, and whether another follows."""
    alles = await open_work(session, caller, vandaag)
    rows, more = pagina.uit(alles)
    casussen = CasusRepository(session)
    for casus_id in dict.fromkeys(werk.casus_id for werk in rows if werk.casus_id):
        betrokkene = await casussen.betrokkene(casus_id)
        log.record(
            caller,
            "werkvoorraad-raadplegen",
            Handeling.RAADPLEGEN,
            casus_id=casus_id,
            betrokkene=betrokkene.pseudoniem if betrokkene else None,
        )
    return rows, more
