"""The work queue of the caller's organisation: `/v1/werkvoorraad`."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Log, Session, Vandaag, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.werkvoorraad import Werkitem, WerkvoorraadPagina
from app.services import werkvoorraad

router = v1_router(tags=["Werkvoorraad"])

Lezer = Annotated[Caller, Depends(allowed(Actie.WERKVOORRAAD_LEZEN))]
Pagina = Annotated[int, Query(ge=1, le=100_000, description="Paginanummer, vanaf 1.")]
PaginaGrootte = Annotated[
    int, Query(alias="paginaGrootte", ge=1, le=200, description="Aantal per pagina (1–200).")
]


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
    vandaag: Vandaag,
    pagina: Pagina = 1,
    pagina_grootte: PaginaGrootte = 50,
) -> WerkvoorraadPagina:
    items, more = await werkvoorraad.page(
        session, log, caller, vandaag, pagina=pagina, pagina_grootte=pagina_grootte
    )
    volgende = None
    if more:
        query = urlencode({"pagina": pagina + 1, "paginaGrootte": pagina_grootte})
        volgende = f"/v1/werkvoorraad?{query}"
    return WerkvoorraadPagina(
        werkvoorraad=[Werkitem.of(w) for w in items],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende,
    )
