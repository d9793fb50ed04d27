"""Small async factories for the contact point: a person with cases, a request."""

from datetime import date
from typing import Any

import httpx

from tests.conftest import AuthHeaders
from tests.factories.casussen import unieke_bsn
from tests.factories.overleg import in_behandeling, put_plan

CONTACTPUNT = ("gemeente-utrecht", "contactpunt")


def persoon(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bsn": unieke_bsn(),
        "voornamen": "Karel",
        "achternaam": "Appel",
        "geboortedatum": "1985-02-03",
    }
    body.update(changes)
    return body


async def supply(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str, inhoud: str
) -> str:
    response = await client.post(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen",
        json={"categorie": "gewoon", "inhoud": inhoud},
        headers=auth(deelnemer),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def case_of(
    client: httpx.AsyncClient, auth: AuthHeaders, betrokkene: dict[str, Any]
) -> dict[str, Any]:
    """A case in treatment for the person: registered by politie, reclassering and ggz
    selected, a supply of reclassering, a plan with an intervention of each."""
    casus_id = await in_behandeling(client, auth, incidenteel=(), betrokkene=betrokkene)
    verstrekking = await supply(client, auth, casus_id, "reclassering-nederland", "Meldplicht.")
    plan = await put_plan(client, auth, casus_id)
    return {"casus": casus_id, "verstrekking": verstrekking, "plan": plan}


def verzoek(betrokkene: dict[str, Any], soort: str = "inzage", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "soort": soort,
        "betrokkene": betrokkene,
        "ontvangenOp": date.today().isoformat(),
        "omschrijving": "Brief van betrokkene.",
    }
    body.update(changes)
    return body


async def create_verzoek(
    client: httpx.AsyncClient, auth: AuthHeaders, body: dict[str, Any], headers: Any = None
) -> dict[str, Any]:
    response = await client.post(
        "/v1/betrokkenenverzoeken", json=body, headers=headers or auth(*CONTACTPUNT)
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def react(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    verzoek_id: str,
    deelnemer: str,
    **body: Any,
) -> httpx.Response:
    return await client.post(
        f"/v1/betrokkenenverzoeken/{verzoek_id}/reacties",
        json={"standpunt": "geen-bezwaar", **body},
        headers=auth(deelnemer),
    )
