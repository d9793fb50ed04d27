"""The work queue of the caller's organisation: `/v1/werkvoorraad`."""

from typing import Annotated

from fastapi import Depends

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Log, Session, Today, allowed
from app.domain.paginering import Paginering
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.paginering import (
    BeschrevenPagina,
    BeschrevenPaginaGrootte,
    volgende,
)
from app.schemas.werkvoorraad import Werkitem, WerkvoorraadPagina
from app.services import werkvoorraad

router = v1_router(tags=["Werkvoorraad"])

Lezer = Annotated[Caller, Depends(allowed(Actie.WERKVOORRAAD_LEZEN))]


@router.get(
    "/werkvoorraad",
    operation_id="werkvoorraadLijst",
    summary="Wat op uw organisatie wacht",
    description=(
        "Het open werk van de organisatie in uw token, in uw samenwerkingsverband: "
        "gegevensverzoeken aan haar waarop zij nog niets verstrekte, verzoeken om instemming "
        "met een verlenging, uitnodigingen om als incidentele deelnemer de "
        "geheimhoudingsverklaring te tekenen en — voor het aangewezen contactpunt en de "
        "gemandateerde netwerkmanager — de informatieplichten die nog open staan en de "
        "datalekken die nog beoordeeld moeten worden; en de verzoeken van betrokkenen "
        "waarbij zij betrokken is en die op haar reactie wachten. Per item de soort, de "
        "casus (als die er is), de uiterste datum en een link; verder niets over de casus, "
        "en geen persoonsgegevens. Vroegste uiterste datum eerst, werk zonder termijn "
        "daarna. Elke genoemde casus komt in het verwerkingenlog."
    ),
    responses=problem_responses(400, 401),
)
async def list_work(
    caller: Lezer,
    session: Session,
    log: Log,
    vandaag: Today,
    pagina: BeschrevenPagina = 1,
    pagina_grootte: BeschrevenPaginaGrootte = 50,
) -> WerkvoorraadPagina:
    paginering = Paginering(pagina, pagina_grootte)
    items, more = await werkvoorraad.page(session, log, caller, vandaag, paginering)
    return WerkvoorraadPagina(
        werkvoorraad=[Werkitem.of(w) for w in items],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende("/v1/werkvoorraad", paginering, more),
    )
