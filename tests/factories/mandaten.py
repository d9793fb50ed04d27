"""Small async factories for mandates (model art. 12.2, 14.7)."""

from datetime import date
from typing import Any

import httpx

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders

ROL = {
    "intake": "procesregisseur",
    "informatieplicht": "netwerkmanager",
    "betrokkenenverzoeken": "netwerkmanager",
    "datalekken": "netwerkmanager",
}
GEVER = {"zvh-demo": "gemeente-utrecht", "zvh-oost": "gemeente-zwolle"}


def mandaat(
    bevoegdheid: str,
    gemandateerde: str,
    *,
    zvh: str = "zvh-demo",
    ingangsdatum: date | None = None,
    einddatum: date | None = None,
    **changes: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bevoegdheid": bevoegdheid,
        "mandaatgever": GEVER[zvh],
        "gemandateerde": gemandateerde,
        "rol": ROL[bevoegdheid],
        "ingangsdatum": (ingangsdatum or today_in_amsterdam()).isoformat(),
        "einddatum": einddatum.isoformat() if einddatum else None,
        "bekendmaking": "Gemeenteblad 2026, 4711",
    }
    body.update(changes)
    return body


async def create_mandaat(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    bevoegdheid: str,
    gemandateerde: str,
    *,
    zvh: str = "zvh-demo",
    **kwargs: Any,
) -> dict[str, Any]:
    """A mandate recorded by the partnership's designated beheerder."""
    response = await client.post(
        "/v1/mandaten",
        json=mandaat(bevoegdheid, gemandateerde, zvh=zvh, **kwargs),
        headers=auth(GEVER[zvh], "beheerder", zvh=zvh),
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def end_mandaat(
    client: httpx.AsyncClient, auth: AuthHeaders, mandaat_id: str, einddatum: date
) -> httpx.Response:
    return await client.post(
        f"/v1/mandaten/{mandaat_id}/beeindiging",
        json={"einddatum": einddatum.isoformat()},
        headers=auth("gemeente-utrecht", "beheerder"),
    )
