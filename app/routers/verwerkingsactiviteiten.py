"""The register of processing activities the processing log points into (public)."""

from typing import Annotated

from fastapi import Path

from app.domain.errors import NotFound
from app.domain.verwerking import VERWERKINGSACTIVITEITEN
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.fields import Tekst
from app.schemas.verwerkingen import Verwerkingsactiviteit, Verwerkingsactiviteiten

router = v1_router(tags=["Verwerkingen"])

Code = Annotated[Tekst, Path(max_length=64, description="Code van de verwerkingsactiviteit.")]


def _of(code: str) -> Verwerkingsactiviteit:
    omschrijving, grondslag = VERWERKINGSACTIVITEITEN[code]
    return Verwerkingsactiviteit(code=code, omschrijving=omschrijving, grondslag=grondslag)


@router.get(
    "/verwerkingsactiviteiten",
    operation_id="verwerkingsactiviteitenLijst",
    summary="Het register van verwerkingsactiviteiten (openbaar)",
    description=(
        "De activiteiten waaronder het verwerkingenlog elke verwerking vastlegt, met hun "
        "omschrijving en wettelijke grondslag. De export van het log (`zvh log export`, "
        "Logboek Dataverwerkingen) verwijst met `dpl.core.processing_activity_id` naar "
        "`/v1/verwerkingsactiviteiten/{code}`. Openbaar, **zonder token**."
    ),
    responses=problem_responses(400),
    openapi_extra={"security": []},
)
async def list_activiteiten() -> Verwerkingsactiviteiten:
    return Verwerkingsactiviteiten(
        verwerkingsactiviteiten=[_of(code) for code in VERWERKINGSACTIVITEITEN]
    )


@router.get(
    "/verwerkingsactiviteiten/{code}",
    operation_id="verwerkingsactiviteitOpvragen",
    summary="Eén verwerkingsactiviteit uit het register (openbaar)",
    responses=problem_responses(400, 404),
    openapi_extra={"security": []},
)
async def get_activiteit(code: Code) -> Verwerkingsactiviteit:
    if code not in VERWERKINGSACTIVITEITEN:
        raise NotFound("Deze verwerkingsactiviteit staat niet in het register.")
    return _of(code)
