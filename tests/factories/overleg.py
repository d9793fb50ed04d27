"""Factories for step 5 and the information duty: a case in treatment, conferences, plans."""

from typing import Any

import httpx

from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, create_casus, select

SELECTED = ("reclassering-nederland", "ggz")


async def in_behandeling(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    *,
    incidenteel: tuple[str, ...] = ("cjib",),
    signed: bool = True,
    **changes: Any,
) -> str:
    """A case admitted definitively with reclassering and ggz selected and cjib invited."""
    casus = await create_casus(client, auth, **{"aanmelddatum": "2025-06-05", **changes})
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], SELECTED, incidenteel)
    if signed:
        for deelnemer in incidenteel:
            await sign(client, auth, casus["id"], deelnemer)
    return str(casus["id"])


async def sign(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str) -> None:
    response = await client.post(
        f"/v1/casussen/{casus_id}/geheimhoudingsverklaringen",
        json={"ondertekenaar": "A. de Vries, adviseur", "regime": "artikel-1-11-wgs"},
        headers=auth(deelnemer, deelnemertype="incidenteel"),
    )
    assert response.status_code == 201, response.text


def overleg(*aanwezigen: str, datum: str = "2025-07-01") -> dict[str, Any]:
    return {"datum": datum, "aanwezigen": list(aanwezigen), "afspraken": "Huisvesting eerst."}


def plan(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "doelen": ["Stabiele huisvesting", "Geen nieuwe delicten"],
        "interventies": [
            {
                "deelnemer": "reclassering-nederland",
                "omschrijving": "Toezicht en meldplicht.",
                "termijn": "2025-09-01",
            },
            {
                "deelnemer": "ggz",
                "omschrijving": "Verslavingsbehandeling.",
                "termijn": "2025-10-01",
            },
        ],
        "informeertBetrokkene": None,
        "casusregisseur": None,
    }
    body.update(changes)
    return body


async def put_plan(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, **changes: Any
) -> dict[str, Any]:
    response = await client.put(
        f"/v1/casussen/{casus_id}/plan-van-aanpak",
        json=plan(**changes),
        headers=auth("gemeente-utrecht"),
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def log_of(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}&paginaGrootte=200",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["verwerkingen"]
    return entries
