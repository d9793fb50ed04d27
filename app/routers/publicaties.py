"""The public publication of priority-list criteria (art. 2.22 BGS): no token needed."""

from typing import Annotated

from fastapi import Query

from app.deps import Session
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.deelnemers import ID_PATTERN
from app.schemas.fields import Tekst
from app.schemas.prioritering import Publicaties, PublicatieSchema
from app.services import prioriteringslijsten as service

router = v1_router(tags=["Prioriteringslijsten"])


@router.get(
    "/publicaties/prioriteringslijsten",
    operation_id="prioriteringslijstenPublicatie",
    summary="Gepubliceerde criteria van de prioriteringslijsten (openbaar)",
    description=(
        "Art. 2.22 BGS: de objectieve criteria voor plaatsing op een lijst met geprioriteerde "
        "casussen worden op internet openbaar gemaakt, zodat betrokkenen vooraf kunnen "
        "inschatten wanneer hun gegevens voor zo'n lijst kunnen worden verwerkt. Openbaar, "
        "**zonder token**. Per gepubliceerde lijst van het samenwerkingsverband: naam, "
        "omschrijving, de geldende versie van de criteria (in de criteriumtaal en als "
        "Nederlandse zin), het versienummer en de publicatiedatum. Concepten en ingetrokken "
        "lijsten staan er niet in. Een onbekend samenwerkingsverband: 404."
    ),
    responses=problem_responses(400, 404),
    openapi_extra={"security": []},
)
async def list_publicaties(
    session: Session,
    zvh: Annotated[
        Tekst, Query(pattern=ID_PATTERN, description="Kenmerk van het samenwerkingsverband.")
    ],
) -> Publicaties:
    found = await service.publications(session, zvh)
    return Publicaties(
        zvh=zvh, prioriteringslijsten=[PublicatieSchema.of(lijst) for lijst in found]
    )
