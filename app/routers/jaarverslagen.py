"""The annual report: `GET /v1/jaarverslagen/{jaar}` (JSON, or CSV on `Accept: text/csv`)."""

from typing import Annotated

from fastapi import Depends, Path, Request, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Nu, Session, Today, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.verantwoording import Jaarverslag, Jaarverslagtelling
from app.services import jaarverslag

router = v1_router(tags=["Verantwoording"])

Lezer = Annotated[Caller, Depends(allowed(Actie.JAARVERSLAG_LEZEN))]
Jaar = Annotated[int, Path(ge=2000, le=2100, description="Het kalenderjaar (Europe/Amsterdam).")]

NIET_OPGENOMEN: list[str] = []

_CSV_EXAMPLE = (
    "samenwerkingsverband,jaar,onderwerp,uitsplitsing,aantal\r\n"
    "zvh-demo,2026,aanmeldingen,politie,12\r\nzvh-demo,2026,heropeningen,totaal,<5\r\n"
)


@router.get(
    "/jaarverslagen/{jaar}",
    operation_id="jaarverslagOpvragen",
    response_model=Jaarverslag,
    summary="De tellingen van een jaar voor het jaarverslag",
    description=(
        "Voor de gezamenlijk verwerkingsverantwoordelijken, de coördinerend functionaris "
        "gegevensbescherming en de aangewezen beheerder: aanmeldingen per categorie van de "
        "aanmelder, toelatingen en afwijzingen bij de intake en definitief, afsluitingen, "
        "heropeningen, verlengingen per situatie, instemmingen gegeven en geweigerd, "
        "plaatsingen en verwijderingen, de informatieplicht (op tijd, te laat, "
        "uitzonderingen), RAC-adviezen, verstrekkingen aan derden, verzoeken van betrokkenen "
        "per soort en binnen de termijn, en datalekken (binnen 72 uur gemeld). Een aantal van 1 tot en "
        'met 4 staat er als `"<5"`; nooit persoonsgegevens. Met `Accept: text/csv` als CSV.'
    ),
    responses={
        200: {
            "description": "Het jaarverslag.",
            "content": {"text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE}},
        },
        **problem_responses(400, 401, 403),
    },
)
async def get_jaarverslag(
    caller: Lezer, session: Session, vandaag: Today, nu: Nu, jaar: Jaar, request: Request
) -> Response | Jaarverslag:
    tellingen = await jaarverslag.counts(session, caller.zvh, jaar, vandaag)
    if "text/csv" in request.headers.get("accept", ""):
        return Response(
            jaarverslag.csv_text(tellingen, caller.zvh, jaar), media_type="text/csv; charset=utf-8"
        )
    return Jaarverslag(
        samenwerkingsverband=caller.zvh,
        jaar=jaar,
        opgemaakt_op=nu,
        tellingen=[
            Jaarverslagtelling(onderwerp=t.onderwerp, uitsplitsing=t.uitsplitsing, aantal=t.aantal)
            for t in tellingen
        ],
        niet_opgenomen=NIET_OPGENOMEN,
    )
