"""The versioned plan of approach (art. 2.31 lid 5 WGS; model art. 8.2, 8.5 and 8a).

The selected participants agree the plan in the case conference (model art. 8.5: "het
Plan van Aanpak zoals vastgesteld in het Casusoverleg"); the joint controllers, who are
responsible for the processing, record it here. Each change is a new version and old
versions stay. Need to know (app/auth/case_views.py): a participant sees the goals and
its own interventions only; whoever sees the whole case and the case director (who
supervises the whole plan, art. 8a.2) see everything; a joint controller not selected
for the case sees the plan's frame without its content.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_policy import is_casusregisseur
from app.auth.case_views import Onderdeel
from app.db.casussen import CasusRepository, new_id, now_utc
from app.db.overleg import OverlegRepository
from app.db.registry_cache import RegistrySnapshot
from app.db.tables_overleg import InterventieRow, PlanVanAanpakRow
from app.domain.errors import InvalidInput, InvalidParam, NotFound, PreconditionFailed
from app.domain.plan_van_aanpak import PlanWeergave
from app.services.casusoverleg import deelnemer_problems, require_in_behandeling
from app.services.casussen import CasusToegang


@dataclass(frozen=True, slots=True)
class Interventie:
    deelnemer: str
    omschrijving: str | None  # None once anonymised
    termijn: date


@dataclass(frozen=True, slots=True)
class PlanVaststellen:
    """Command: record the plan of approach (a new version unless nothing changed)."""

    doelen: tuple[str, ...]
    interventies: tuple[Interventie, ...]
    informeert_betrokkene: str | None
    casusregisseur: str | None
    casusoverleg: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    """A version of the plan as the caller may see it (`doelen`, `interventies` None in
    the view `opzet`; only the caller's own interventions in the view `deelnemer`)."""

    versie: int
    weergave: PlanWeergave
    doelen: tuple[str, ...] | None
    interventies: tuple[Interventie, ...] | None
    informeert_betrokkene: str | None
    casusregisseur: str | None
    casusoverleg: str | None
    vastgesteld_op: datetime
    vastgesteld_door: str


def _weergave(toegang: CasusToegang) -> PlanWeergave:
    view = toegang.zicht
    if view.toont(Onderdeel.PLAN_VAN_AANPAK) or is_casusregisseur(toegang.caller, toegang.feiten):
        return PlanWeergave.VOLLEDIG
    if view.toont(Onderdeel.EIGEN_PLAN_VAN_AANPAK):
        return PlanWeergave.DEELNEMER
    return PlanWeergave.OPZET


def _plan(
    plan: PlanVanAanpakRow, interventies: Sequence[InterventieRow], toegang: CasusToegang
) -> Plan:
    weergave = _weergave(toegang)
    eigen = toegang.caller.deelnemer
    inhoud = weergave is not PlanWeergave.OPZET
    return Plan(
        versie=plan.versie,
        weergave=weergave,
        doelen=tuple(plan.doelen) if inhoud and plan.doelen is not None else None,
        interventies=(
            tuple(
                Interventie(i.deelnemer, i.omschrijving, i.termijn)
                for i in interventies
                if weergave is PlanWeergave.VOLLEDIG or i.deelnemer == eigen
            )
            if inhoud
            else None
        ),
        informeert_betrokkene=plan.informeert_betrokkene,
        casusregisseur=plan.casusregisseur,
        casusoverleg=plan.casusoverleg_id,
        vastgesteld_op=plan.vastgesteld_op,
        vastgesteld_door=plan.deelnemer,
    )


async def _check(
    session: AsyncSession,
    toegang: CasusToegang,
    body: PlanVaststellen,
    registry: RegistrySnapshot,
) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    for index, interventie in enumerate(body.interventies):
        problems.extend(
            deelnemer_problems(
                toegang, interventie.deelnemer, f"interventies.{index}.deelnemer", incidenteel=True
            )
        )
    if body.informeert_betrokkene is not None:
        registratie = registry.deelnemers.get(body.informeert_betrokkene)
        gvv = registratie is not None and registratie.gezamenlijk_verwerkingsverantwoordelijke
        if not gvv:
            problems.extend(
                deelnemer_problems(
                    toegang, body.informeert_betrokkene, "informeertBetrokkene", incidenteel=False
                )
            )
    if body.casusregisseur is not None:
        # Model art. 8a.1: an employee of one of the participants taking part in the case.
        problems.extend(
            deelnemer_problems(toegang, body.casusregisseur, "casusregisseur", incidenteel=False)
        )
    if body.casusoverleg is not None and not await OverlegRepository(session).overleg_bestaat(
        toegang.casus.id, body.casusoverleg
    ):
        problems.append(
            InvalidParam(
                "casusoverleg", "casusoverleg-onbekend", "Geen casusoverleg van deze casus."
            )
        )
    return problems


def _same(
    plan: PlanVanAanpakRow, interventies: Sequence[InterventieRow], body: PlanVaststellen
) -> bool:
    return (
        plan.doelen == list(body.doelen)
        and plan.informeert_betrokkene == body.informeert_betrokkene
        and plan.casusregisseur == body.casusregisseur
        and plan.casusoverleg_id == body.casusoverleg
        and [(i.deelnemer, i.omschrijving, i.termijn) for i in interventies]
        == [(i.deelnemer, i.omschrijving, i.termijn) for i in body.interventies]
    )


async def set_plan(
    session: AsyncSession,
    toegang: CasusToegang,
    body: PlanVaststellen,
    registry: RegistrySnapshot,
) -> Plan:
    """Record a new version; the same content as the current version changes nothing (PUT)."""
    require_in_behandeling(toegang)
    problems = await _check(session, toegang, body, registry)
    if problems:
        raise InvalidInput(problems)
    repo = OverlegRepository(session)
    huidig = await repo.plannen(toegang.casus.id, alleen_huidig=True)
    if huidig and _same(*huidig[0], body):
        return _plan(*huidig[0], toegang)
    plan = PlanVanAanpakRow(
        id=new_id(),
        casus_id=toegang.casus.id,
        versie=(huidig[0][0].versie if huidig else 0) + 1,
        doelen=list(body.doelen),
        informeert_betrokkene=body.informeert_betrokkene,
        casusregisseur=body.casusregisseur,
        casusoverleg_id=body.casusoverleg,
        vastgesteld_op=now_utc(),
        deelnemer=toegang.caller.deelnemer,
        sub=toegang.caller.claims.sub,
    )
    repo.add(plan)
    await session.flush()
    interventies = [
        InterventieRow(
            id=new_id(),
            plan_id=plan.id,
            volgnummer=index,
            deelnemer=i.deelnemer,
            omschrijving=i.omschrijving,
            termijn=i.termijn,
        )
        for index, i in enumerate(body.interventies)
    ]
    repo.add(*interventies)
    # The case's ETag covers its plan: a stale If-Match on the next change gets 412.
    casus = toegang.casus
    if not await CasusRepository(session).save_status(casus, casus.versie, gewijzigd_op=now_utc()):
        raise PreconditionFailed("De casus is tegelijk door een ander gewijzigd; probeer opnieuw.")
    await session.refresh(casus)
    return _plan(plan, interventies, toegang)


async def current(session: AsyncSession, toegang: CasusToegang) -> Plan:
    huidig = await OverlegRepository(session).plannen(toegang.casus.id, alleen_huidig=True)
    if not huidig:
        raise NotFound(
            "Voor deze casus is nog geen plan van aanpak vastgelegd.", code="geen-plan-van-aanpak"
        )
    return _plan(*huidig[0], toegang)


async def versions(session: AsyncSession, toegang: CasusToegang) -> list[Plan]:
    return [
        _plan(plan, interventies, toegang)
        for plan, interventies in await OverlegRepository(session).plannen(toegang.casus.id)
    ]
