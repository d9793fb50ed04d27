"""The processing log shows every access to a case, allowed or refused."""

import httpx
import pytest

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, besluit, close, create_casus, select

pytestmark = pytest.mark.anyio


async def _log(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str
) -> list[dict[str, object]]:
    response = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}&paginaGrootte=500",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert response.status_code == 200
    entries: list[dict[str, object]] = response.json()["verwerkingen"]
    return [e for e in entries if e["activiteit"] != "verwerkingen-raadplegen"]


async def test_a_full_case_leaves_a_complete_log(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, deelnemer="reclassering-nederland")
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await select(client, auth, casus_id, deelnemers=("ggz",))
    await client.get(f"/v1/casussen/{casus_id}", headers=auth("ggz"))
    await client.get(f"/v1/casussen/{casus_id}", headers=auth("wijkteam"))  # refused
    await close(client, auth, casus_id, today_in_amsterdam().isoformat())
    await client.get(f"/v1/casussen/{casus_id}", headers=auth("gemeente-utrecht"))  # shielded
    entries = await _log(client, auth, casus_id)
    seen = [(e["activiteit"], e["deelnemer"], e["resultaat"]) for e in entries]
    expected = [
        # The registration's answer is what the registrant just supplied: one entry.
        ("casus-aanmelden", "reclassering-nederland", "geslaagd"),
        ("casus-intake", "gemeente-utrecht", "geslaagd"),
        ("casus-definitieve-beoordeling", "gemeente-utrecht", "geslaagd"),
        ("casus-deelnemers-selecteren", "gemeente-utrecht", "geslaagd"),
        ("casus-raadplegen", "ggz", "geslaagd"),
        ("casus-raadplegen", "wijkteam", "geweigerd"),
        ("casus-afsluiten", "gemeente-utrecht", "geslaagd"),
        ("casus-raadplegen", "gemeente-utrecht", "geweigerd"),
    ]
    assert seen == expected
    pseudoniemen = {e["betrokkene"] for e in entries}
    assert len(pseudoniemen) == 1
    assert None not in pseudoniemen
    assert casus["betrokkene"]["bsn"] not in str(entries)
    assert all(e["traceId"] and e["sub"] and e["tijdstip"] for e in entries)


async def test_refused_and_failed_attempts_are_logged(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    weak = besluit(d={"mate": "voldaan", "domeinen": ["zorg"], "onderbouwing": "x"})
    await client.post(
        f"/v1/casussen/{casus_id}/intake", json=weak, headers=auth("gemeente-utrecht")
    )
    await client.post(f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=auth("ggz"))
    await client.get("/v1/casussen/00000000-0000-0000-0000-000000000000", headers=auth("politie"))
    entries = await _log(client, auth, casus_id)
    assert [(e["activiteit"], e["resultaat"]) for e in entries][-2:] == [
        ("casus-intake", "ongeldig"),
        ("casus-intake", "geweigerd"),
    ]
    unknown = await _log(client, auth, "00000000-0000-0000-0000-000000000000")
    assert [(e["activiteit"], e["resultaat"]) for e in unknown] == [
        ("casus-raadplegen", "niet-gevonden")
    ]


async def test_another_partnership_never_sees_the_log(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    response = await client.get(
        f"/v1/verwerkingen?casusId={casus['id']}",
        headers=auth("gemeente-zwolle", "beheerder", zvh="zvh-oost"),
    )
    assert response.json()["verwerkingen"] == []
