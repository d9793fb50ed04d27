"""Supplying data to a case (art. 2.29 WGS) and correcting it (art. 1.6 BGS).

The supplier is the caller's organisation: it alone answers for the accuracy of what it
supplied, so it alone corrects it; whoever finds an error reports it to the supplier.
"""

from collections.abc import Collection
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.errors import AccessDenied
from app.db.casussen import CasusRepository, new_id, now_utc
from app.db.tables_verstrekkingen import (
    CorrectieverzoekRow,
    GegevensverstrekkingRow,
    VerstrekkingsversieRow,
)
from app.db.verstrekkingen import Verstrekking, VerstrekkingRepository
from app.domain.deelnemer import Geheimhoudingsregime
from app.domain.errors import Conflict, InvalidInput, InvalidParam
from app.domain.events import BronGewijzigd
from app.domain.notificatie import Actie
from app.domain.verstrekking import conflicting_conditions
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.services import gegevensverzoeken
from app.services.casussen import CasusToegang
from app.services.commands import SupplyGegevens
from app.services.gegevensverzoeken import require_admitted
from app.services.handlers import dispatch, omgeving_van
from app.services.verstrekkingweergave import visible_one


async def _bound_by_secrecy(session: AsyncSession, toegang: CasusToegang) -> bool:
    """A registered professional secrecy (Wgbo, Wet BIG, Jeugdwet), or an incidental
    participant whose person signed under a special secrecy regime (art. 2.29 lid 2 WGS)."""
    caller = toegang.caller
    if caller.registratie is not None:
        return caller.registratie.beroepsgeheim is not None
    verklaringen = await CasusRepository(session).verklaringen(toegang.casus.id)
    return any(
        (v.deelnemer, v.sub) == (caller.deelnemer, caller.claims.sub)
        and v.regime == Geheimhoudingsregime.BIJZONDER_REGIME.value
        for v in verklaringen
    )


async def _check(
    session: AsyncSession,
    toegang: CasusToegang,
    command: SupplyGegevens,
    vaste_deelnemers: Collection[str],
    vandaag: date,
) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    if command.grondslag_beroepsgeheim is None and await _bound_by_secrecy(session, toegang):
        problems.append(
            InvalidParam(
                "grondslagBeroepsgeheim",
                "grondslag-beroepsgeheim-vereist",
                "U heeft een beroepsgeheim: vermeld of de betrokkene toestemming gaf of dat "
                "goed hulpverlenerschap de verstrekking noodzakelijk maakt (art. 2.29 lid 2 WGS).",
            )
        )
    uiterlijk = command.wettelijke_uiterlijke_bewaardatum
    if uiterlijk is not None and uiterlijk < vandaag:
        problems.append(
            InvalidParam(
                "wettelijkeUiterlijkeBewaardatum",
                "datum-in-verleden",
                "De wettelijke uiterste bewaardatum is al verstreken: deze gegevens mogen niet "
                "meer worden bewaard, dus ook niet worden verstrekt.",
            )
        )
    if command.voorwaarden is not None:
        problems += _check_voorwaarden(toegang, command, vaste_deelnemers)
    if command.gegevensverzoek is not None:
        verzoek = await VerstrekkingRepository(session).verzoek(
            toegang.casus.id, command.gegevensverzoek
        )
        if verzoek is None or verzoek.deelnemer != toegang.caller.deelnemer:
            problems.append(
                InvalidParam(
                    "gegevensverzoek",
                    "gegevensverzoek-onbekend",
                    "Geen gegevensverzoek aan uw organisatie in deze casus.",
                )
            )
    return problems


def _check_voorwaarden(
    toegang: CasusToegang, command: SupplyGegevens, vaste_deelnemers: Collection[str]
) -> list[InvalidParam]:
    assert command.voorwaarden is not None
    problems: list[InvalidParam] = []
    incidenteel = toegang.feiten.uitgenodigd_incidenteel
    seen: set[str] = set()
    for index, genoemd in enumerate(command.voorwaarden.alleen_voor_deelnemers or []):
        name = f"voorwaarden.alleenVoorDeelnemers.{index}"
        if genoemd not in vaste_deelnemers and genoemd not in incidenteel:
            problems.append(
                InvalidParam(
                    name,
                    "deelnemer-onbekend",
                    "Geen deelnemer van dit samenwerkingsverband of van deze casus.",
                )
            )
        if genoemd in seen:
            problems.append(
                InvalidParam(name, "deelnemer-dubbel", "Deze deelnemer staat er al in.")
            )
        seen.add(genoemd)
    for genoemd in sorted(conflicting_conditions(command.voorwaarden.voorwaarden, incidenteel)):
        problems.append(
            InvalidParam(
                "voorwaarden",
                "voorwaarden-tegenstrijdig",
                f"{genoemd} is een incidentele deelnemer, terwijl de gegevens niet voor "
                "incidentele deelnemers zijn.",
            )
        )
    return problems


async def supply(
    session: AsyncSession,
    toegang: CasusToegang,
    command: SupplyGegevens,
    vaste_deelnemers: Collection[str],
    *,
    vandaag: date,
    beleid: Bewaarbeleid,
) -> str:
    """Store a supply with its conditions, and its archive date (a retention source,
    art. 1.16 BGS); returns its id."""
    require_admitted(toegang)
    problems = await _check(session, toegang, command, vaste_deelnemers, vandaag)
    if problems:
        raise InvalidInput(problems)
    now = now_utc()
    row = GegevensverstrekkingRow(
        id=new_id(),
        casus_id=toegang.casus.id,
        zvh=toegang.casus.zvh,
        deelnemer=toegang.caller.deelnemer,
        sub=toegang.caller.claims.sub,
        gegevensverzoek_id=command.gegevensverzoek,
        categorie=command.categorie.value,
        voorwaarden=None if command.voorwaarden is None else command.voorwaarden.stored(),
        grondslag_beroepsgeheim=(
            command.grondslag_beroepsgeheim.value if command.grondslag_beroepsgeheim else None
        ),
        wettelijke_uiterlijke_bewaardatum=command.wettelijke_uiterlijke_bewaardatum,
        archiefdatum=None,
        versie=1,
        verstrekt_op=now,
        gewijzigd_op=now,
    )
    repo = VerstrekkingRepository(session)
    repo.add(row)
    await session.flush()
    repo.add(_versie(toegang, row.id, 1, command.inhoud, None))
    await dispatch(
        omgeving_van(session, None, toegang.caller, vandaag=vandaag, nu=now_utc(), beleid=beleid),
        [BronGewijzigd(toegang.casus.id)],
    )
    if command.gegevensverzoek is not None:
        verzoek = await repo.verzoek(toegang.casus.id, command.gegevensverzoek)
        if verzoek is not None:
            gegevensverzoeken.announce(session, verzoek, Actie.BEANTWOORD)
    # The caller reads the supply back in the same transaction.
    await session.flush()
    return row.id


async def report_error(
    session: AsyncSession, toegang: CasusToegang, vid: str, toelichting: str
) -> CorrectieverzoekRow:
    """Whoever finds an error in what it may read reports it; the supplier sees it."""
    verstrekking = await visible_one(session, toegang, vid)
    row = CorrectieverzoekRow(
        id=new_id(),
        verstrekking_id=verstrekking.row.id,
        melder=toegang.caller.deelnemer,
        sub=toegang.caller.claims.sub,
        toelichting=toelichting,
        tijdstip=now_utc(),
        afgehandeld_in_versie=None,
    )
    VerstrekkingRepository(session).add(row)
    return row


async def correct(
    session: AsyncSession, toegang: CasusToegang, vid: str, inhoud: str, toelichting: str
) -> Verstrekking:
    """Only the supplier corrects; the old content stays as an earlier version and every
    open correction request is settled by the new one."""
    verstrekking = await visible_one(session, toegang, vid)
    row = verstrekking.row
    if row.deelnemer != toegang.caller.deelnemer:
        raise AccessDenied(
            "Alleen de verstrekker corrigeert zijn gegevens; meld een onjuistheid met een "
            "correctieverzoek (art. 1.6 BGS)."
        )
    nieuw = row.versie + 1
    repo = VerstrekkingRepository(session)
    if not await repo.bump_versie(row, gewijzigd_op=now_utc()):
        raise Conflict(
            "De gegevens zijn tegelijk door een ander gecorrigeerd; haal ze opnieuw op.",
            code="gelijktijdige-correctie",
        )
    repo.add(_versie(toegang, row.id, nieuw, inhoud, toelichting))
    await repo.settle_correctieverzoeken(row.id, nieuw)
    await session.flush()
    await session.refresh(row)
    return await visible_one(session, toegang, vid)


def _versie(
    toegang: CasusToegang, vid: str, versie: int, inhoud: str, toelichting: str | None
) -> VerstrekkingsversieRow:
    return VerstrekkingsversieRow(
        verstrekking_id=vid,
        versie=versie,
        inhoud=inhoud,
        toelichting=toelichting,
        sub=toegang.caller.claims.sub,
        tijdstip=now_utc(),
    )
