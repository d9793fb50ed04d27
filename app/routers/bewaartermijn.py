"""Stateless retention calculation: `/v1/bewaartermijn-berekeningen`."""

from typing import Annotated

from fastapi import Body, Depends

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Bewaarbeleid, Today, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.bewaartermijn import BewaartermijnBerekening, BewaartermijnUitkomst
from app.schemas.bewaartermijn_voorbeelden import VOORBEELDEN
from app.services import bewaartermijn

router = v1_router(tags=["Bewaartermijnen"])

Deelnemer = Annotated[Caller, Depends(allowed(Actie.REGELS_TOEPASSEN))]


@router.post(
    "/bewaartermijn-berekeningen",
    operation_id="bewaartermijnBerekenen",
    summary="Bereken de bewaartermijn van een casus (art. 1.8 lid 7 WGS, art. 1.16 BGS)",
    description=(
        "Berekent uit de aanmeld-, afsluit- of afwijzingsdatum, de verlengingen en de bronnen "
        "van één casus de maximale bewaardatum, de archiefdatum, de archiefdatum per bron en of "
        "nog een verlenging mogelijk is, met de toegepaste artikelen en een toelichting "
        "(factsheet Bewaartermijnen). Een verlenging wordt besloten op of voor de maximale "
        "bewaardatum die zij verlengt en niet eerder dan het besluitvenster ervoor (standaard "
        "3 maanden; eerder: 400 `verlenging-te-vroeg`); de situatie moet op de besluitdatum "
        "gelden. Een verlenging in situatie 1 waarna de casus op of voor die maximale "
        "bewaardatum is afgesloten, is vervallen: zij staat in het antwoord met `vervallen` en "
        "haar redenen en verschuift geen datum. `heropeningen` geeft aan wanneer de casus is "
        "heropend. Iedere geauthenticeerde deelnemer mag rekenen; er wordt niets opgeslagen. "
        "Ongeldige invoer geeft 400 met alle gevonden problemen."
    ),
    responses=problem_responses(400, 401, 413, 415),
)
async def calculate_bewaartermijn(
    caller: Deelnemer,
    vandaag: Today,
    beleid: Bewaarbeleid,
    berekening: Annotated[BewaartermijnBerekening, Body(openapi_examples=VOORBEELDEN)],
) -> BewaartermijnUitkomst:
    uitkomst = bewaartermijn.calculate(
        beleid, berekening.to_rule(), berekening.peildatum or vandaag
    )
    return BewaartermijnUitkomst.of(uitkomst, beleid)
