"""Step 5 of art. 2.31 WGS: `/v1/casussen/{id}/casusoverleggen` and `.../plan-van-aanpak`."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.case_policy import CasusActie
from app.deps import Idempotent, Registry, Session, Today
from app.domain.verwerking import Handeling
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.casussen import READ, WRITE, IfNoneMatch, toegang
from app.schemas.casusoverleg import Casusoverleg, CasusoverleggenLijst, CasusoverlegNieuw
from app.schemas.fields import Tekst
from app.schemas.plan_van_aanpak import PlanVanAanpak, PlanVanAanpakNieuw, PlanVersies
from app.services import casusoverleg, plan_van_aanpak
from app.services.casussen import CasusToegang, etag

router = v1_router(tags=["Casusoverleg"])

ACTIVITEIT = "casus-overleg"
OverlegVastleggen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.CASUSOVERLEG_VASTLEGGEN, ACTIVITEIT, Handeling.VASTLEGGEN)),
]
OverlegLezen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.CASUSOVERLEG_LEZEN, ACTIVITEIT, Handeling.RAADPLEGEN)),
]
PlanVaststellen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.PLAN_VASTSTELLEN, ACTIVITEIT, Handeling.VASTLEGGEN)),
]
PlanLezen = Annotated[
    CasusToegang, Depends(toegang(CasusActie.PLAN_LEZEN, ACTIVITEIT, Handeling.RAADPLEGEN))
]
OverlegId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van het casusoverleg.")]

CREATE = problem_responses(400, 401, 403, 404, 409, 412, 413, 415)


@router.post(
    "/casussen/{casus_id}/casusoverleggen",
    operation_id="casusoverlegVastleggen",
    summary="Leg een casusoverleg vast (stap 5, art. 2.31 lid 5 WGS)",
    description=(
        "De gezamenlijk verwerkingsverantwoordelijken of de aangewezen casusregisseur. "
        "Aanwezig kunnen alleen geselecteerde deelnemers (ook een gezamenlijk "
        "verwerkingsverantwoordelijke alleen als hij geselecteerd is) en incidentele "
        "deelnemers met een ondertekende geheimhoudingsverklaring."
    ),
    status_code=201,
    responses=CREATE,
)
async def record_overleg(
    access: OverlegVastleggen,
    _: Idempotent,
    session: Session,
    vandaag: Today,
    body: CasusoverlegNieuw,
    response: Response,
) -> Casusoverleg:
    overleg = Casusoverleg.of(
        await casusoverleg.record(session, access, body.to_command(), vandaag)
    )
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}/casusoverleggen/{overleg.id}"
    return overleg


@router.get(
    "/casussen/{casus_id}/casusoverleggen",
    operation_id="casusoverleggenLijst",
    summary="De casusoverleggen die u mag zien (alle, of die waarbij u aanwezig was)",
    description=(
        "Alle overleggen ziet wie de hele casus ziet, de casusregisseur en de coördinerend "
        "FG met reden; een geselecteerde of toegelaten incidentele deelnemer die waarbij hij "
        "aanwezig was. De weergave verantwoordelijke (niet geselecteerd na de selectie) ziet "
        "geen overlegverslagen: 403."
    ),
    responses=READ,
)
async def list_overleggen(access: OverlegLezen, session: Session) -> CasusoverleggenLijst:
    overleggen = await casusoverleg.visible(session, access)
    return CasusoverleggenLijst(casusoverleggen=[Casusoverleg.of(o) for o in overleggen])


@router.get(
    "/casussen/{casus_id}/casusoverleggen/{overleg_id}",
    operation_id="casusoverlegOpvragen",
    summary="Eén casusoverleg",
    responses=READ,
)
async def get_overleg(
    access: OverlegLezen, session: Session, overleg_id: OverlegId
) -> Casusoverleg:
    return Casusoverleg.of(await casusoverleg.one(session, access, overleg_id))


@router.put(
    "/casussen/{casus_id}/plan-van-aanpak",
    operation_id="planVanAanpakVaststellen",
    summary="Leg een nieuwe versie van het plan van aanpak vast (art. 2.31 lid 5 WGS, art. 8.5)",
    responses=WRITE,
)
async def set_plan(
    access: PlanVaststellen,
    session: Session,
    cache: Registry,
    body: PlanVanAanpakNieuw,
    response: Response,
) -> PlanVanAanpak:
    snapshot = await cache.snapshot(session, access.caller.zvh)
    plan = PlanVanAanpak.of(
        await plan_van_aanpak.set_plan(session, access, body.to_command(), snapshot)
    )
    response.headers["ETag"] = etag(access.casus)
    return plan


@router.get(
    "/casussen/{casus_id}/plan-van-aanpak",
    operation_id="planVanAanpakOpvragen",
    summary="Het huidige plan van aanpak, in de weergave die bij uw deel past",
    description=(
        "`volledig` voor wie de hele casus ziet, de casusregisseur en de coördinerend FG met "
        "reden; `deelnemer`: de doelen en de eigen interventies; `opzet` voor een gezamenlijk "
        "verwerkingsverantwoordelijke die niet geselecteerd is: versie, casusregisseur en wie "
        "de betrokkene informeert, zonder doelen en interventies."
    ),
    responses=READ,
)
async def get_plan(
    access: PlanLezen, session: Session, response: Response, _if_none_match: IfNoneMatch = None
) -> PlanVanAanpak:
    plan = PlanVanAanpak.of(await plan_van_aanpak.current(session, access))
    response.headers["ETag"] = etag(access.casus)
    return plan


@router.get(
    "/casussen/{casus_id}/plan-van-aanpak/versies",
    operation_id="planVanAanpakVersies",
    summary="Alle versies van het plan van aanpak, de nieuwste eerst",
    responses=READ,
)
async def list_versies(access: PlanLezen, session: Session) -> PlanVersies:
    versies = await plan_van_aanpak.versions(session, access)
    return PlanVersies(versies=[PlanVanAanpak.of(p) for p in versies])
