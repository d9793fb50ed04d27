"""The work queue: what waits for the caller's organisation, without personal data.

Kinds: data requests addressed to it (art. 2.31 lid 3 WGS), consent requests for an
extension it supplied data to (art. 1.16 BGS), invitations to sign the confidentiality
statement (art. 2.31 lid 9 WGS, art. 2.21 BGS) and, for the designated contact point or
the mandated network manager, information duties still open (art. 14 AVG). Each item
names its case, so each case listed is a processing-log entry (a case id is
pseudonymous data of its data subject).
"""

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.casussen import CasusRepository
from app.db.werkvoorraad import Werk, WerkvoorraadRepository
from app.domain.deelnemer import Rol
from app.domain.verwerking import Handeling
from app.schemas.werkvoorraad import Werkitem, Werksoort
from app.services.verwerkingslog import Verwerkingslog


def _informeert(caller: Caller, *, mandaat: bool) -> bool:
    """Who carries out information duties, partnership-wide: the rule of
    app/auth/case_policy.py::is_informatieplichtige (the designated contact point, or the
    network manager where the partnership mandated it), without a case at hand."""
    return caller.has_rol(Rol.CONTACTPUNT) or (mandaat and caller.has_rol(Rol.NETWERKMANAGER))


def _link(werk: Werk) -> str:
    casus = f"/v1/casussen/{werk.casus_id}"
    match Werksoort(werk.soort):
        case Werksoort.GEGEVENSVERZOEK:
            return f"{casus}/gegevensverzoeken/{werk.ref}"
        case Werksoort.INSTEMMINGSVERZOEK:
            return f"{casus}/verlengingen/{werk.ref}/instemmingen"
        case Werksoort.GEHEIMHOUDINGSVERKLARING:
            return f"{casus}/geheimhoudingsverklaringen"
        case Werksoort.INFORMATIEPLICHT:
            return f"{casus}/informatieplicht"


async def page(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    *,
    pagina: int,
    pagina_grootte: int,
) -> tuple[list[Werkitem], bool]:
    """One page of the caller's organisation's queue, and whether another follows."""
    casussen = CasusRepository(session)
    verband = await casussen.samenwerkingsverband(caller.zvh)
    mandaat = bool(verband and verband.mandaat_netwerkmanager_informatieplicht)
    rows = await WerkvoorraadRepository(session).page(
        caller.zvh,
        caller.deelnemer,
        informatieplicht=_informeert(caller, mandaat=mandaat),
        offset=(pagina - 1) * pagina_grootte,
        limit=pagina_grootte + 1,
    )
    more = len(rows) > pagina_grootte
    rows = rows[:pagina_grootte]
    for casus_id in dict.fromkeys(werk.casus_id for werk in rows):
        betrokkene = await casussen.betrokkene(casus_id)
        log.record(
            caller,
            "werkvoorraad-raadplegen",
            Handeling.RAADPLEGEN,
            casus_id=casus_id,
            betrokkene=betrokkene.pseudoniem if betrokkene else None,
        )
    items = [
        Werkitem(
            soort=Werksoort(werk.soort),
            casus_id=werk.casus_id,
            vervaldatum=werk.vervaldatum,
            link=_link(werk),
        )
        for werk in rows
    ]
    return items, more
