"""Disclosures to third parties (art. 1.7 WGS): `/v1/casussen/{id}/verstrekkingen-aan-derden`."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.case_policy import CasusActie
from app.deps import Idempotent, Log, Session
from app.domain.verwerking import Handeling
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.casussen import READ, toegang
from app.schemas.bewaren import InstemmingNieuw
from app.schemas.fields import Tekst
from app.schemas.verantwoording import (
    Derdenverstrekking,
    Derdenverstrekkingen,
    DerdenverstrekkingNieuw,
)
from app.services import derdenverstrekkingen
from app.services.casussen import CasusToegang

router = v1_router(tags=["Verantwoording"])

ACTIVITEIT = derdenverstrekkingen.ACTIVITEIT
Verstrekken = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.DERDEN_VERSTREKKEN, ACTIVITEIT, Handeling.VASTLEGGEN)),
]
Lezen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.DERDENVERSTREKKINGEN_LEZEN, ACTIVITEIT, Handeling.RAADPLEGEN)),
]
Instemmen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.DERDEN_INSTEMMEN, ACTIVITEIT, Handeling.VASTLEGGEN)),
]
VerstrekkingId = Annotated[
    Tekst, Path(max_length=36, description="Kenmerk van de verstrekking aan een derde.")
]
CREATE = problem_responses(400, 401, 403, 404, 409, 412, 413, 415)

DESCRIPTION = """\
Alleen de gezamenlijk verwerkingsverantwoordelijken, en alleen **na advies van de
Rechtmatigheidsadviescommissie** (`racAdvies`: een advies uit `/v1/rac-adviezen`; anders
400 `rac-advies-onbekend`), art. 1.7 WGS. De ontvanger is een derde: geen deelnemer van het
samenwerkingsverband (400 `is-vaste-deelnemer`), en hij krijgt geen account.

Een onderdeel waarvan de verstrekker de voorwaarde `nietAanDerden` stelde, maakt de
verstrekking onmogelijk: 409 `niet-aan-derden`. Bijzondere en strafrechtelijke gegevens
worden pas verstrekt met instemming van de deelnemer die ze inbracht: de verstrekking
`wacht-op-instemming` tot iedere verstrekker antwoordde (`.../instemmingen`); één
weigering maakt haar `geweigerd`. Een verstrekking komt in het verwerkingenlog
(`verstrekken`) en in de geschiedenis van de casus.
"""


@router.post(
    "/casussen/{casus_id}/verstrekkingen-aan-derden",
    operation_id="derdenverstrekkingVastleggen",
    summary="Verstrek resultaten van de casus aan een derde (art. 1.7 WGS)",
    description=DESCRIPTION,
    status_code=201,
    responses=CREATE,
)
async def request_disclosure(
    access: Verstrekken,
    _: Idempotent,
    session: Session,
    log: Log,
    body: DerdenverstrekkingNieuw,
    response: Response,
) -> Derdenverstrekking:
    row = await derdenverstrekkingen.request(session, access, log, body.to_command())
    response.headers["Location"] = (
        f"/v1/casussen/{access.casus.id}/verstrekkingen-aan-derden/{row.id}"
    )
    return Derdenverstrekking.of((await derdenverstrekkingen.render(session, access, [row]))[0])


@router.get(
    "/casussen/{casus_id}/verstrekkingen-aan-derden",
    operation_id="derdenverstrekkingenLijst",
    summary="De verstrekkingen aan derden van de casus",
    description=(
        "Alle voor de gezamenlijk verwerkingsverantwoordelijken en de coördinerend "
        "functionaris gegevensbescherming (met reden); een verstrekker ziet alleen de "
        "verstrekkingen waarvoor zijn instemming is gevraagd, met zijn eigen onderdelen."
    ),
    responses=READ,
)
async def list_disclosures(access: Lezen, session: Session) -> Derdenverstrekkingen:
    return Derdenverstrekkingen(
        derdenverstrekkingen=[
            Derdenverstrekking.of(d) for d in await derdenverstrekkingen.listed(session, access)
        ]
    )


@router.post(
    "/casussen/{casus_id}/verstrekkingen-aan-derden/{derdenverstrekking_id}/instemmingen",
    operation_id="derdenverstrekkingInstemmen",
    summary="Een verstrekker van bijzondere of strafrechtelijke gegevens stemt wel of niet in",
    description=(
        "Voor zijn eigen organisatie en eenmalig, zoals bij een verlenging van de "
        "bewaartermijn (409 `instemming-al-gegeven` bij een tweede antwoord). Met de laatste "
        "instemming wordt de verstrekking gedaan; een weigering beëindigt haar."
    ),
    status_code=201,
    responses=CREATE,
)
async def consent(
    access: Instemmen,
    _: Idempotent,
    session: Session,
    log: Log,
    derdenverstrekking_id: VerstrekkingId,
    body: InstemmingNieuw,
    response: Response,
) -> Derdenverstrekking:
    row = await derdenverstrekkingen.answer(
        session, access, log, derdenverstrekking_id, body.instemming
    )
    response.headers["Location"] = (
        f"/v1/casussen/{access.casus.id}/verstrekkingen-aan-derden/{row.id}"
    )
    return Derdenverstrekking.of((await derdenverstrekkingen.render(session, access, [row]))[0])
