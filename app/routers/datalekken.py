"""The register of data breaches: `/v1/datalekken` (AVG art. 33-34; model art. 14)."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.errors import AccessDenied
from app.deps import CurrentCaller, Idempotent, Log, Nu, Session, Today
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.datalekken import (
    Beoordeling,
    BetrokkenenGeinformeerd,
    Datalek,
    DatalekkenLijst,
    DatalekNieuw,
    MeldingAp,
)
from app.schemas.fields import Tekst
from app.services import datalekken as service
from app.services.datalekken import Wie
from app.services.mandaten import geldend

router = v1_router(tags=["Datalekken"])


async def _wie(caller: CurrentCaller, session: Session, vandaag: Today) -> Wie:
    if caller.registratie is None:
        raise AccessDenied("Datalekken melden en lezen de vaste deelnemers.")
    return service.wie(caller, await geldend(session, caller.zvh, vandaag))


async def _behandelaar(w: Annotated[Wie, Depends(_wie)]) -> Wie:
    if not w.behandelaar:
        raise AccessDenied(
            "Een datalek beoordelen en melden doet het aangewezen contactpunt, of de daartoe "
            "gemandateerde netwerkmanager (art. 14.1 en 14.7 bestuurlijke afspraken)."
        )
    return w


Deelnemer = Annotated[Wie, Depends(_wie)]
Behandelaar = Annotated[Wie, Depends(_behandelaar)]
DatalekId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van het datalek.")]
WRITE = problem_responses(400, 401, 403, 404, 409, 413, 415)
READ = problem_responses(401, 403, 404)


@router.post(
    "/datalekken",
    operation_id="datalekMelden",
    summary="Meld een datalek (iedere vaste deelnemer)",
    description=(
        "Het register bewaart ieder datalek, gemeld of niet (art. 33 lid 5 AVG). "
        "`meldenAanApUiterlijk` = `ontdektOp` + 72 uur (art. 33 lid 1), in UTC: een overgang "
        "van zomer- naar wintertijd verschuift de kloktijd in Europe/Amsterdam, niet de uren."
    ),
    status_code=201,
    responses=WRITE,
)
async def create_datalek(
    w: Deelnemer,
    _: Idempotent,
    session: Session,
    log: Log,
    nu: Nu,
    body: DatalekNieuw,
    response: Response,
) -> Datalek:
    datalek = Datalek.of(await service.create(session, log, w.caller, body.to_command(), nu))
    response.headers["Location"] = f"/v1/datalekken/{datalek.id}"
    return datalek


@router.get(
    "/datalekken",
    operation_id="datalekkenLijst",
    summary="Het register van datalekken",
    description=(
        "Het contactpunt, de gemandateerde netwerkmanager, de coördinerend FG en de "
        "aangewezen beheerder zien het hele register; een andere vaste deelnemer zijn eigen "
        "meldingen."
    ),
    responses=READ,
)
async def list_datalekken(w: Deelnemer, session: Session, log: Log, nu: Nu) -> DatalekkenLijst:
    return DatalekkenLijst(
        datalekken=[Datalek.of(d) for d in await service.list_visible(session, log, w, nu)]
    )


@router.get(
    "/datalekken/{datalek_id}",
    operation_id="datalekOpvragen",
    summary="Eén datalek uit het register",
    description="Zoals in de lijst: een melder ziet zijn eigen meldingen.",
    responses=READ,
)
async def get_datalek(
    w: Deelnemer, session: Session, log: Log, nu: Nu, datalek_id: DatalekId
) -> Datalek:
    return Datalek.of(await service.get(session, log, w, datalek_id, nu))


@router.post(
    "/datalekken/{datalek_id}/beoordeling",
    operation_id="datalekBeoordelen",
    summary="Beoordeel een datalek: meldplichtig, hoog risico (art. 33-34 AVG)",
    description="Het contactpunt of de gemandateerde netwerkmanager, eenmaal.",
    responses=WRITE,
)
async def assess_datalek(
    w: Behandelaar,
    session: Session,
    log: Log,
    nu: Nu,
    datalek_id: DatalekId,
    body: Beoordeling,
) -> Datalek:
    return Datalek.of(await service.assess(session, log, w, datalek_id, body.to_command(), nu))


@router.post(
    "/datalekken/{datalek_id}/melding-ap",
    operation_id="datalekMeldenAanAp",
    summary="Leg de melding aan de Autoriteit Persoonsgegevens vast, met haar kenmerk",
    description=(
        "Het contactpunt of de gemandateerde netwerkmanager, na een beoordeling als "
        "meldplichtig; `tijdigGemeld` zegt of het binnen 72 uur na ontdekking was."
    ),
    responses=WRITE,
)
async def notify_datalek(
    w: Behandelaar,
    session: Session,
    log: Log,
    nu: Nu,
    datalek_id: DatalekId,
    body: MeldingAp,
) -> Datalek:
    return Datalek.of(
        await service.notify_ap(session, log, w, datalek_id, body.gemeld_op, body.kenmerk, nu)
    )


@router.post(
    "/datalekken/{datalek_id}/betrokkenen-geinformeerd",
    operation_id="datalekBetrokkenenGeinformeerd",
    summary="Leg vast dat de betrokkenen zijn geïnformeerd (art. 34 AVG)",
    description="Het contactpunt of de gemandateerde netwerkmanager, na de beoordeling.",
    responses=WRITE,
)
async def informed_datalek(
    w: Behandelaar,
    session: Session,
    log: Log,
    nu: Nu,
    datalek_id: DatalekId,
    body: BetrokkenenGeinformeerd,
) -> Datalek:
    return Datalek.of(await service.informed(session, log, w, datalek_id, body.datum, nu))
