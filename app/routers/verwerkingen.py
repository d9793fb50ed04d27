"""The processing log: `GET /v1/verwerkingen`."""

from typing import Annotated

from fastapi import Depends, Query

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Log, Session, allowed
from app.domain.paginering import Paginering
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.paginering import (
    LogPaginaGrootte,
    Pagina,
    volgende,
)
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
    pagina: Pagina = 1,
    pagina_grootte: LogPaginaGrootte = 100,
) -> VerwerkingenPagina:
    paginering = Paginering(pagina, pagina_grootte)
    found, more = await verwerkingen.read_log(session, log, caller, casus_id, paginering)
    return VerwerkingenPagina(
        verwerkingen=[VerwerkingSchema.of(v) for v in found],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende("/v1/verwerkingen", paginering, more, na={"casusId": casus_id or None}),
    )
