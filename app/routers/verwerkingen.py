"""The processing log: `GET /v1/verwerkingen`."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Log, Session, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.fields import Tekst
from app.schemas.verwerkingen import VerwerkingenPagina, VerwerkingSchema
from app.services import verwerkingen

router = v1_router(tags=["Verwerkingen"])

Lezer = Annotated[Caller, Depends(allowed(Actie.VERWERKINGEN_LEZEN))]


@router.get(
    "/verwerkingen",
    operation_id="verwerkingenLijst",
    summary="Het verwerkingenlog van het samenwerkingsverband of van één casus",
    description=(
        "Wie (`sub`, `deelnemer`, `rollen`) deed wat, met welke casus, wanneer en met welke "
        "uitkomst, onder welke trace-id; bij een raadpleging voor toezicht door de "
        "coördinerend functionaris gegevensbescherming ook de opgegeven `reden`. Alleen voor "
        "de functionaris gegevensbescherming van een gezamenlijk verwerkingsverantwoordelijke "
        "en voor de beheerder van de als beheerder aangewezen deelnemer."
    ),
    responses=problem_responses(400, 401, 403),
)
async def list_verwerkingen(
    caller: Lezer,
    session: Session,
    log: Log,
    casus_id: Annotated[Tekst | None, Query(alias="casusId", max_length=36)] = None,
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
    pagina_grootte: Annotated[int, Query(alias="paginaGrootte", ge=1, le=500)] = 100,
) -> VerwerkingenPagina:
    found, more = await verwerkingen.read_log(
        session, log, caller, casus_id, pagina=pagina, pagina_grootte=pagina_grootte
    )
    volgende = None
    if more:
        query: dict[str, str | int] = {"pagina": pagina + 1, "paginaGrootte": pagina_grootte}
        if casus_id:
            query["casusId"] = casus_id
        volgende = f"/v1/verwerkingen?{urlencode(query)}"
    return VerwerkingenPagina(
        verwerkingen=[VerwerkingSchema.of(v) for v in found],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende,
    )
