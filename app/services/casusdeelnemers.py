"""Step 4 (art. 2.31 lid 4 WGS): select the necessary participants; invite incidental ones.

Incidental participants (art. 2.31 lid 9-10 WGS, 2.21 BGS) may read nothing of the case
until the person acting for them has signed the confidentiality statement, and only that
person, and only while the selection still invites them.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.casussen import CasusRepository, new_id, now_utc
from app.db.registry_cache import RegistrySnapshot
from app.db.tables import CasusdeelnemerRow, CasusRow, GeheimhoudingsverklaringRow
from app.domain.casus import Casusstatus, Gebeurtenissoort
from app.domain.errors import Conflict, InvalidInput, InvalidParam
from app.domain.notificatie import Actie
from app.services.casussen import CasusToegang, _event, announce
from app.services.commands import SelectDeelnemers, SignGeheimhoudingsverklaring


def _check(selectie: SelectDeelnemers, registry: RegistrySnapshot) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    seen: set[str] = set()
    for index, gekozen in enumerate(selectie.deelnemers):
        name = f"deelnemers.{index}.deelnemer"
        if gekozen.deelnemer not in registry.deelnemers:
            problems.append(
                InvalidParam(
                    name, "deelnemer-onbekend", "Geen vaste deelnemer van dit samenwerkingsverband."
                )
            )
        if gekozen.deelnemer in seen:
            problems.append(
                InvalidParam(name, "deelnemer-dubbel", "Deze deelnemer staat er al in.")
            )
        seen.add(gekozen.deelnemer)
    for index, gekozen in enumerate(selectie.incidentele_deelnemers):
        name = f"incidenteleDeelnemers.{index}.deelnemer"
        if gekozen.deelnemer in registry.deelnemers:
            problems.append(
                InvalidParam(
                    name,
                    "is-vaste-deelnemer",
                    "Een vaste deelnemer wordt geselecteerd, niet als incidentele deelnemer uitgenodigd.",
                )
            )
        if gekozen.deelnemer in seen:
            problems.append(
                InvalidParam(name, "deelnemer-dubbel", "Deze deelnemer staat er al in.")
            )
        seen.add(gekozen.deelnemer)
    return problems


async def select(
    session: AsyncSession,
    toegang: CasusToegang,
    selectie: SelectDeelnemers,
    registry: RegistrySnapshot,
) -> CasusRow:
    """Replace the selection; only after a definitive admission (in behandeling)."""
    if toegang.casus.status != Casusstatus.IN_BEHANDELING.value:
        raise Conflict(
            "Deelnemers worden pas geselecteerd na de definitieve beoordeling (art. 2.31 lid 4 WGS).",
            code="casus-niet-in-behandeling",
        )
    problems = _check(selectie, registry)
    if problems:
        raise InvalidInput(problems)
    now = now_utc()
    rows = [
        CasusdeelnemerRow(
            casus_id=toegang.casus.id,
            deelnemer=d.deelnemer,
            incidenteel=False,
            noodzaak=d.noodzaak,
            geselecteerd_op=now,
        )
        for d in selectie.deelnemers
    ] + [
        CasusdeelnemerRow(
            casus_id=toegang.casus.id,
            deelnemer=d.deelnemer,
            incidenteel=True,
            noodzaak=d.noodzaak,
            geselecteerd_op=now,
        )
        for d in selectie.incidentele_deelnemers
    ]
    repo = CasusRepository(session)
    await repo.replace_deelnemers(toegang.casus.id, rows)
    namen = ", ".join(sorted(r.deelnemer for r in rows)) or "geen"
    repo.add(
        _event(
            toegang.casus.id, toegang.caller, Gebeurtenissoort.DEELNEMERS_GESELECTEERD, namen, now
        )
    )
    if not await repo.save_status(toegang.casus, toegang.casus.versie, gewijzigd_op=now):
        raise Conflict("De casus is tegelijk door een ander gewijzigd; probeer opnieuw.")
    await session.refresh(toegang.casus)
    announce(session, toegang.casus, Actie.GEWIJZIGD)
    return toegang.casus


async def sign(
    session: AsyncSession, toegang: CasusToegang, verklaring: SignGeheimhoudingsverklaring
) -> GeheimhoudingsverklaringRow:
    """A person acting for the invited incidental participant signs for himself (model art.
    8.1, bijlage 2A); each colleague who takes part signs his own."""
    caller = toegang.caller
    if (caller.deelnemer, caller.claims.sub) in toegang.feiten.verklaringen:
        raise Conflict("U heeft de geheimhoudingsverklaring al ondertekend.", code="al-ondertekend")
    row = GeheimhoudingsverklaringRow(
        id=new_id(),
        casus_id=toegang.casus.id,
        deelnemer=toegang.caller.deelnemer,
        ondertekenaar=verklaring.ondertekenaar,
        regime=verklaring.regime.value,
        sub=toegang.caller.claims.sub,
        ondertekend_op=now_utc(),
    )
    CasusRepository(session).add(row)
    return row
