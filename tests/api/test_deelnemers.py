"""The participant registry: reading, the beheerder's changes, tenant isolation."""

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

NIEUW = {
    "id": "leerplicht",
    "naam": "Leerplicht Utrecht",
    "deelnemertype": "overheid",
    "categorie": "gemeente",
    "beroepsgeheim": None,
    "toetredingsdatum": "2026-01-01",
}


async def test_lists_only_own_partnership(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    demo = await client.get("/v1/deelnemers", headers=auth("politie"))
    oost = await client.get("/v1/deelnemers", headers=auth("politie", zvh="zvh-oost"))
    assert demo.status_code == 200
    demo_ids = {d["id"] for d in demo.json()["deelnemers"]}
    oost_ids = {d["id"] for d in oost.json()["deelnemers"]}
    assert "gemeente-utrecht" in demo_ids
    assert "gemeente-utrecht" not in oost_ids
    assert oost_ids == {"gemeente-zwolle", "politie", "reclassering-nederland"}


async def test_joint_controller_status_is_derived(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = (await client.get("/v1/deelnemers", headers=auth("om"))).json()
    by_id = {d["id"]: d for d in body["deelnemers"]}
    assert by_id["om"]["gezamenlijkVerwerkingsverantwoordelijke"] is True
    assert by_id["ggz"]["gezamenlijkVerwerkingsverantwoordelijke"] is False
    assert by_id["ggz"]["beroepsgeheim"] == "wgbo"


async def test_beheerder_registers_and_it_is_visible(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await client.post(
        "/v1/deelnemers", json=NIEUW, headers=auth("gemeente-utrecht", "beheerder")
    )
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/v1/deelnemers/leerplicht"
    assert created.json()["gezamenlijkVerwerkingsverantwoordelijke"] is True
    fetched = await client.get("/v1/deelnemers/leerplicht", headers=auth("wijkteam"))
    assert fetched.status_code == 200
    elsewhere = await client.get(
        "/v1/deelnemers/leerplicht", headers=auth("politie", zvh="zvh-oost")
    )
    assert refusal(elsewhere) == (404, "niet-gevonden")


async def test_registering_twice_conflicts(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = auth("gemeente-utrecht", "beheerder")
    assert (await client.post("/v1/deelnemers", json=NIEUW, headers=headers)).status_code == 201
    again = await client.post("/v1/deelnemers", json=NIEUW, headers=headers)
    assert again.status_code == 409
    assert again.json()["code"] == "deelnemer-bestaat-al"


@pytest.mark.parametrize("rollen", [(), ("medewerker",), ("procesregisseur", "netwerkmanager")])
async def test_only_beheerder_may_register(
    client: httpx.AsyncClient, auth: AuthHeaders, rollen: tuple[str, ...]
) -> None:
    response = await client.post(
        "/v1/deelnemers", json=NIEUW, headers=auth("gemeente-utrecht", *rollen)
    )
    assert refusal(response) == (403, "geen-toegang")
    assert response.headers["content-type"] == "application/problem+json"
    listed = await client.get("/v1/deelnemers", headers=auth("politie"))
    assert "leerplicht" not in {d["id"] for d in listed.json()["deelnemers"]}


async def test_forbidden_wins_over_bad_body(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth("politie", "medewerker"), "Content-Type": "application/json"}
    malformed = await client.post("/v1/deelnemers", content=b"{not json", headers=headers)
    assert refusal(malformed) == (403, "geen-toegang")
    wrong = await client.post("/v1/deelnemers", json={"id": 5}, headers=headers)
    assert refusal(wrong) == (403, "geen-toegang")
    patched = await client.patch("/v1/deelnemers/ggz", content=b"[", headers=headers)
    assert refusal(patched) == (403, "geen-toegang")


async def test_no_token_wins_over_bad_body(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/deelnemers", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert refusal(response) == (401, "token-ontbreekt")


async def test_beheerder_changes_type_and_the_tokens_follow(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    beheerder = auth("gemeente-utrecht", "beheerder")
    # The district team turns out to be a municipal service: kind follows category (2.27).
    response = await client.patch(
        "/v1/deelnemers/wijkteam",
        json={"categorie": "gemeente", "deelnemertype": "overheid", "beroepsgeheim": "jeugdwet"},
        headers=beheerder,
    )
    assert response.status_code == 200, response.text
    assert response.json()["gezamenlijkVerwerkingsverantwoordelijke"] is True
    assert response.json()["naam"] == "Sociaal wijkteam"
    # A token that still says "privaat" now disagrees with the registry.
    stale = auth("wijkteam", deelnemertype="privaat", gvv=False)
    assert refusal(await client.get("/v1/deelnemers", headers=stale)) == (
        401,
        "claims-wijken-af-van-register",
    )
    cleared = await client.patch(
        "/v1/deelnemers/wijkteam", json={"beroepsgeheim": None}, headers=beheerder
    )
    assert cleared.json()["beroepsgeheim"] is None


async def test_beheerder_cannot_change_another_partnership(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.patch(
        "/v1/deelnemers/gemeente-utrecht",
        json={"naam": "Overgenomen"},
        headers=auth("gemeente-zwolle", "beheerder", zvh="zvh-oost"),
    )
    assert refusal(response) == (404, "niet-gevonden")
    own = await client.get("/v1/deelnemers/gemeente-utrecht", headers=auth("politie"))
    assert own.json()["naam"] != "Overgenomen"


async def test_invalid_registration_lists_every_problem(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = {
        **NIEUW,
        "id": "Geen Geldig Id",
        "deelnemertype": "incidenteel",
        "toetredingsdatum": "2026-02-30",
        "extra": 1,
    }
    response = await client.post(
        "/v1/deelnemers", json=body, headers=auth("gemeente-utrecht", "beheerder")
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"id", "deelnemertype", "toetredingsdatum", "extra"}


async def test_incidental_participant_claiming_beheerder_may_not_register(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    headers = auth("cjib", "beheerder", deelnemertype="incidenteel")
    assert refusal(await client.post("/v1/deelnemers", json=NIEUW, headers=headers)) == (
        403,
        "geen-toegang",
    )


# --- Issue 10: designated beheerder only; art. 2.27 WGS category and kind -----------------


@pytest.mark.parametrize("deelnemer", ["reclassering-nederland", "ggz", "politie"])
async def test_a_claimed_beheerder_changes_nothing_issue_10(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str
) -> None:
    """Issue 10: a private participant's beheerder PATCHed its own type to overheid."""
    headers = auth(deelnemer, "beheerder")
    own = await client.patch(
        f"/v1/deelnemers/{deelnemer}", json={"deelnemertype": "overheid"}, headers=headers
    )
    assert own.status_code == 403
    assert own.json()["code"] == "geen-toegang"
    created = await client.post("/v1/deelnemers", json=NIEUW, headers=headers)
    assert refusal(created) == (403, "geen-toegang")
    after = await client.get(f"/v1/deelnemers/{deelnemer}", headers=auth("om"))
    assert after.json()["deelnemertype"] == ("overheid" if deelnemer == "politie" else "privaat")


async def test_ggz_is_never_made_a_government_participant_issue_10(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    beheerder = auth("gemeente-utrecht", "beheerder")
    patched = await client.patch(
        "/v1/deelnemers/ggz", json={"deelnemertype": "overheid"}, headers=beheerder
    )
    assert refusal(patched) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in patched.json()["invalidParams"]] == [
        ("deelnemertype", "deelnemertype-past-niet-bij-categorie")
    ]
    nieuw = {**NIEUW, "id": "ggz-noord", "categorie": "ggz", "beroepsgeheim": "wgbo"}
    created = await client.post("/v1/deelnemers", json=nieuw, headers=beheerder)
    assert created.status_code == 400
    assert created.json()["invalidParams"][0]["code"] == "deelnemertype-past-niet-bij-categorie"
    # And the other way round: a municipality is never private.
    private = {**NIEUW, "deelnemertype": "privaat"}
    assert refusal(await client.post("/v1/deelnemers", json=private, headers=beheerder)) == (
        400,
        "ongeldige-invoer",
    )
    ggz = await client.get("/v1/deelnemers/ggz", headers=auth("om"))
    assert ggz.json()["deelnemertype"] == "privaat"
    assert refusal(await client.get("/v1/deelnemers/ggz-noord", headers=auth("om"))) == (
        404,
        "niet-gevonden",
    )


async def test_a_designated_participant_stays_fit_for_its_functions(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    beheerder = auth("gemeente-utrecht", "beheerder")
    response = await client.patch(
        "/v1/deelnemers/gemeente-utrecht",
        json={"categorie": "politie"},
        headers=beheerder,
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    problems = response.json()["invalidParams"]
    assert {p["code"] for p in problems} == {"aanwijzing-ongeldig"}
    assert "contactpunt" in problems[0]["reason"]
    own = await client.get("/v1/deelnemers/gemeente-utrecht", headers=auth("om"))
    assert own.json()["categorie"] == "gemeente"


async def test_the_list_follows_every_registry_change(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    # The list's JSON is rendered once per registry snapshot: a change must show at once.
    lezer = auth("politie")
    before = await client.get("/v1/deelnemers", headers=lezer)
    assert before.headers["content-type"] == "application/json"
    assert "leerplicht" not in {d["id"] for d in before.json()["deelnemers"]}
    beheerder = auth("gemeente-utrecht", "beheerder")
    created = await client.post("/v1/deelnemers", json=NIEUW, headers=beheerder)
    assert created.status_code == 201, created.text
    after = (await client.get("/v1/deelnemers", headers=lezer)).json()["deelnemers"]
    assert created.json() in after
    changed = await client.patch(
        "/v1/deelnemers/leerplicht", json={"naam": "Leerplicht"}, headers=beheerder
    )
    assert changed.status_code == 200, changed.text
    listed = (await client.get("/v1/deelnemers", headers=lezer)).json()["deelnemers"]
    assert changed.json() in listed
    assert created.json() not in listed
    # Each entry is exactly what the single read answers.
    single = await client.get("/v1/deelnemers/om", headers=lezer)
    assert single.json() in listed
