"""Batch checks against a published priority list: `/v1/prioriteringslijsten/{id}/toetsingen`."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.routing import APIRoute
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import AppSettings, Log, Registry, Session, allowed
from app.domain.errors import InvalidInput, InvalidParam
from app.middleware import BodyLimit
from app.problems import problem_responses
from app.routers import _toetsing_codec as codec
from app.routers.prioriteringslijsten import LijstId
from app.routing import NDJSON_MEDIA_TYPE, NdjsonResponse, StreamingBodyRoute
from app.schemas.fields import Datum
from app.schemas.prioriteringstoetsing import Toetsingsresultaat
from app.schemas.problem import Problem
from app.services import prioriteringstoetsing as service

router = APIRouter(prefix="/v1", route_class=StreamingBodyRoute, tags=["Prioriteringslijsten"])

Toetser = Annotated[Caller, Depends(allowed(Actie.PRIORITERINGSLIJST_TOETSEN))]
REF = "#/components/schemas/"

DESCRIPTION = f"""\
Toetst kandidaten aan de **gepubliceerde** objectieve criteria van de lijst op een peildatum
(art. 2.32 lid 2 WGS, art. 2.22 BGS). Alleen voor de gezamenlijk verwerkingsverantwoordelijken.
Zolang er geen versie is gepubliceerd, en na intrekking: 409. Een lijst van een ander
samenwerkingsverband: 404.

Er wordt **niets over kandidaten opgeslagen**; het verwerkingenlog krijgt één regel zonder
identiteit van kandidaten. Wie voldoet, komt daarmee niet op de lijst: plaatsing vereist
daarnaast een casus die aan art. 2.20 BGS voldoet.

Elk feit moet komen van een overheids- of private deelnemer van het samenwerkingsverband
(`bron`); een derde of incidentele deelnemer geeft 400 met `bron-niet-toegestaan` voor elk
zo'n feit: art. 2.32 WGS staat niet toe dat gegevens voor de lijst bij hen worden verzameld.
Een categorie die niet bij de soort hoort: `categorie-onbekend`.

Twee vormen:

- `application/json`: een `Prioriteringstoetsing`; het antwoord is een `Toetsingsresultaat`.
  Is één kandidaat ongeldig, dan wordt niets getoetst (400 met alle problemen).
- `application/x-ndjson`: één `Kandidaat` per regel (lege regels worden overgeslagen), met de
  peildatum als queryparameter `peildatum`; het antwoord is `application/x-ndjson` met per
  kandidaat één `Kandidaatregel`, in dezelfde volgorde, gestreamd in constant geheugen. De
  eerste {codec.LOOKAHEAD} kandidaten worden getoetst vóór het antwoord begint: is daarbij een
  ongeldige regel, dan volgt 400 met alle problemen in de hele invoer (tot {codec.MAX_PROBLEMEN}).
  Een ongeldige regel daarna wordt niet getoetst en krijgt een `Kandidaatfout`. Een regel is
  hoogstens zo groot als de gewone limiet voor een verzoek. Elke uitkomstregel vermeldt de
  toegepaste `versie` van de criteria en de `peildatum`.

Een JSON-body heeft een eigen, ruimere limiet (instelling `ZVH_MAX_BATCH_BYTES`, standaard
32 MiB: ruim 50.000 kandidaten); een grotere geeft 413, met in `detail` de NDJSON-vorm, die
regel voor regel wordt gelezen en als geheel geen limiet kent.
"""

# Ends the 413 of a too large JSON body: the NDJSON form has no limit on the whole.
NDJSON_HINT = (
    "Stuur grote aantallen kandidaten als application/x-ndjson: één kandidaat per regel, met "
    "de peildatum als queryparameter `peildatum`; die vorm wordt regel voor regel gelezen en "
    "kent deze limiet niet."
)


async def _body(request: Request) -> AsyncIterator[bytes]:
    try:
        async for chunk in request.stream():
            yield chunk
    except ClientDisconnect:
        return


def _is_ndjson(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == NDJSON_MEDIA_TYPE


@router.post(
    "/prioriteringslijsten/{lijst_id}/toetsingen",
    operation_id="prioriteringslijstToetsen",
    summary="Toets kandidaten aan de gepubliceerde criteria (JSON of NDJSON)",
    description=DESCRIPTION,
    response_model=Toetsingsresultaat,
    responses={
        200: {
            "description": "De uitkomst per kandidaat.",
            "content": {NDJSON_MEDIA_TYPE: {"schema": {"$ref": REF + "Kandidaatregel"}}},
        },
        **problem_responses(400, 401, 403, 404, 409, 415),
        413: {
            "model": Problem,
            "description": (
                "De JSON-body is groter dan `ZVH_MAX_BATCH_BYTES`; stuur grote aantallen "
                "kandidaten als `application/x-ndjson`."
            ),
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": REF + "Prioriteringstoetsing"}},
                NDJSON_MEDIA_TYPE: {"schema": {"$ref": REF + "Kandidaat"}},
            },
        }
    },
)
async def check(
    caller: Toetser,
    session: Session,
    cache: Registry,
    log: Log,
    settings: AppSettings,
    request: Request,
    lijst_id: LijstId,
    peildatum: Annotated[
        Datum | None,
        Query(description="De peildatum; alleen en verplicht bij `application/x-ndjson`."),
    ] = None,
) -> Response:
    toetsing = await service.prepare(session, cache, log, caller, lijst_id)
    if _is_ndjson(request.headers.get("content-type")):
        if peildatum is None:
            raise InvalidInput(
                [InvalidParam("peildatum", "verplicht", "Verplicht bij application/x-ndjson.")]
            )
        stream = codec.NdjsonToetsing(toetsing, peildatum, _body(request), settings.max_body_bytes)
        await stream.begin()
        return NdjsonResponse(stream.lines(), media_type=NDJSON_MEDIA_TYPE)
    if peildatum is not None:
        raise InvalidInput(
            [
                InvalidParam(
                    "peildatum",
                    "niet-toegestaan",
                    "Alleen bij application/x-ndjson; geef bij JSON de peildatum in de body.",
                )
            ]
        )
    return Response(codec.check_json(toetsing, await request.body()), media_type="application/json")


def body_limit(max_batch_bytes: int) -> BodyLimit:
    """The JSON batch's own body cap (ZVH_MAX_BATCH_BYTES), for the service middleware."""
    (route,) = [r for r in router.routes if isinstance(r, APIRoute)]
    return BodyLimit("POST", route.path_regex, max_batch_bytes, NDJSON_HINT)
