"""Partnership settings: the designated organisations (model art. 14.1, 15.1, 16.2; contract
v2), and the intake mandate of art. 12.2 option 1 as the policy applies it (the mandates
themselves: tests/api/test_mandaten.py)."""

from datetime import date, timedelta

import httpx
import pytest

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import besluit, create_casus
from tests.factories.mandaten import create_mandaat, end_mandaat, mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

# The seed designates gemeente-utrecht for every function in zvh-demo.
BEHEERDER = ("gemeente-utrecht", "beheerder")
AANWIJZINGEN_DEMO = {
    "beheerder": "gemeente-utrecht",
    "contactpunt": "gemeente-utrecht",
    "archiefbeheerder": "gemeente-utrecht",
    "coordinerendeFg": "gemeente-utrecht",
    "fgContact": {"email": "fg@gemeente-utrecht.example", "telefoon": "14 030", "postadres": None},
}


# A change that leaves the designations as the seed made them.
ONGEWIJZIGD = {"aanwijzingen": {"coordinerendeFg": "gemeente-utrecht"}}


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "extra", "status"),
    [
        ("gemeente-utrecht", (), {}, 200),
        ("wijkteam", ("medewerker",), {}, 200),
        ("cjib", (), {"deelnemertype": "incidenteel"}, 403),  # not of the partnership
    ],
)
async def test_who_reads_the_settings(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    extra: dict[str, str],
    status: int,
) -> None:
    response = await client.get("/v1/instellingen", headers=auth(deelnemer, *rollen, **extra))
    assert response.status_code == status
    if status == 200:
        assert response.json() == {
            "zvh": "zvh-demo",
            "aanwijzingen": AANWIJZINGEN_DEMO,
        }
    assert refusal(await client.get("/v1/instellingen")) == (401, "token-ontbreekt")


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "status"),
    [
        ("gemeente-utrecht", ("beheerder",), 200),
        # Claimed at an organisation that is not the designated beheerder: nothing (issue 10).
        ("politie", ("beheerder",), 403),
        ("ggz", ("beheerder",), 403),
        ("gemeente-utrecht", ("medewerker",), 403),
        ("gemeente-utrecht", ("contactpunt", "netwerkmanager", "procesregisseur"), 403),
        ("gemeente-utrecht", ("functionaris-gegevensbescherming",), 403),
    ],
)
async def test_only_beheerder_changes_them(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    status: int,
) -> None:
    response = await client.patch(
        "/v1/instellingen", json=ONGEWIJZIGD, headers=auth(deelnemer, *rollen)
    )
    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "geen-toegang"


async def test_incidental_beheerder_claim_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    headers = auth("cjib", "beheerder", deelnemertype="incidenteel")
    response = await client.patch("/v1/instellingen", json=ONGEWIJZIGD, headers=headers)
    assert refusal(response) == (403, "geen-toegang")


async def test_refusal_comes_before_the_body_is_read(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.patch(
        "/v1/instellingen",
        content=b"{not json",
        headers={**auth("gemeente-utrecht"), "Content-Type": "application/json"},
    )
    assert refusal(response) == (403, "geen-toegang")


async def test_patch_changes_only_what_is_given_and_checks_input(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    same = await client.patch("/v1/instellingen", json=ONGEWIJZIGD, headers=auth(*BEHEERDER))
    assert same.json() == {"zvh": "zvh-demo", "aanwijzingen": AANWIJZINGEN_DEMO}
    for body, name, code in (
        ({}, "body", "geen-wijziging"),
        ({"aanwijzingen": None}, "aanwijzingen", "waarde-ontbreekt"),
        # The mandate booleans are gone: mandates are /v1/mandaten (issue 12).
        ({"mandaatProcesregisseurIntake": True}, "mandaatProcesregisseurIntake", "onbekend-veld"),
        ({"onbekend": True}, "onbekend", "onbekend-veld"),
    ):
        response = await client.patch("/v1/instellingen", json=body, headers=auth(*BEHEERDER))
        assert refusal(response) == (400, "ongeldige-invoer"), body
        assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [(name, code)]
    oost = await client.get("/v1/instellingen", headers=auth("gemeente-zwolle", zvh="zvh-oost"))
    assert oost.json()["aanwijzingen"]["contactpunt"] == "gemeente-zwolle"


async def _intake(client: httpx.AsyncClient, casus_id: str, headers: dict[str, str]) -> int:
    response = await client.post(f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=headers)
    return response.status_code


async def test_process_director_does_the_intake_only_with_the_mandate(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    regisseur = auth("reclassering-nederland", "procesregisseur")
    casus = await create_casus(client, auth)
    other = await create_casus(client, auth)
    assert await _intake(client, casus["id"], regisseur) == 403
    # Before the mandate it may not even read the registration.
    read = await client.get(f"/v1/casussen/{casus['id']}", headers=regisseur)
    assert refusal(read) == (403, "geen-toegang")
    mandate = await create_mandaat(
        client, auth, "intake", "reclassering-nederland", ingangsdatum=date(2026, 1, 1)
    )
    read = await client.get(f"/v1/casussen/{casus['id']}", headers=regisseur)
    assert read.json()["weergave"] == "aanmelder"  # the registration alone (step 2)
    waiting = await client.get("/v1/casussen?paginaGrootte=200", headers=regisseur)
    # Subset: cases committed by the concurrency tests (live_client) may be listed too.
    assert {casus["id"], other["id"]} <= {c["id"] for c in waiting.json()["casussen"]}
    admitted = await client.post(
        f"/v1/casussen/{casus['id']}/intake", json=besluit(), headers=regisseur
    )
    assert admitted.status_code == 200, admitted.text
    assert admitted.json()["status"] == "gegevensverzameling"
    # Past the intake its view ends: step 3 is the joint controllers'.
    read = await client.get(f"/v1/casussen/{casus['id']}", headers=regisseur)
    assert refusal(read) == (403, "geen-toegang")
    waiting = await client.get("/v1/casussen?paginaGrootte=200", headers=regisseur)
    listed = {c["id"] for c in waiting.json()["casussen"]}
    assert other["id"] in listed
    assert casus["id"] not in listed
    # Without the role the mandate gives nothing; nor does it to another organisation's.
    assert await _intake(client, other["id"], auth("reclassering-nederland")) == 403
    assert await _intake(client, other["id"], auth("ggz", "procesregisseur")) == 403
    # Ended yesterday, it is gone again.
    ended = await end_mandaat(client, auth, mandate["id"], today_in_amsterdam() - timedelta(days=1))
    assert ended.status_code == 200, ended.text
    assert await _intake(client, other["id"], regisseur) == 403


async def test_incidental_participant_never_does_the_intake(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    await create_mandaat(client, auth, "intake", "reclassering-nederland")
    casus = await create_casus(client, auth)
    incidental = auth("cjib", "procesregisseur", deelnemertype="incidenteel")
    assert await _intake(client, casus["id"], incidental) == 403
    registered = await client.get(f"/v1/casussen/{casus['id']}", headers=auth("om"))
    assert registered.json()["status"] == "aangemeld"


async def test_mandate_is_per_partnership(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    oost_beheerder = auth("gemeente-zwolle", "beheerder", zvh="zvh-oost")
    response = await client.post(
        "/v1/mandaten",
        json=mandaat("intake", "reclassering-nederland", zvh="zvh-oost"),
        headers=oost_beheerder,
    )
    assert response.status_code == 201, response.text
    casus = await create_casus(client, auth)
    assert (
        await _intake(client, casus["id"], auth("reclassering-nederland", "procesregisseur")) == 403
    )


# --- Designations (contract v2, "Designated organisations and need to know") -------------


async def _designate(
    client: httpx.AsyncClient, headers: dict[str, str], **aanwijzingen: object
) -> httpx.Response:
    return await client.patch(
        "/v1/instellingen", json={"aanwijzingen": aanwijzingen}, headers=headers
    )


async def test_the_seed_designates_one_municipality_per_partnership(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    oost = await client.get("/v1/instellingen", headers=auth("politie", zvh="zvh-oost"))
    assert {
        k: v for k, v in oost.json()["aanwijzingen"].items() if k != "fgContact"
    } == dict.fromkeys(
        ("beheerder", "contactpunt", "archiefbeheerder", "coordinerendeFg"), "gemeente-zwolle"
    )


async def test_designations_are_checked_and_all_problems_listed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await _designate(
        client,
        auth(*BEHEERDER),
        beheerder="svg",  # private: the administrator stays with the joint controllers
        contactpunt="politie",  # art. 14.1: a municipality
        archiefbeheerder="cjib",  # not a participant of the partnership
        coordinerendeFg=None,  # a function is handed over, never emptied
    )
    assert response.status_code == 400
    assert response.json()["code"] == "ongeldige-invoer"
    assert sorted((p["name"], p["code"]) for p in response.json()["invalidParams"]) == [
        ("aanwijzingen.archiefbeheerder", "aanwijzing-ongeldig"),
        ("aanwijzingen.beheerder", "aanwijzing-ongeldig"),
        ("aanwijzingen.contactpunt", "aanwijzing-ongeldig"),
        ("aanwijzingen.coordinerendeFg", "waarde-ontbreekt"),
    ]
    for body, name, code in (
        (
            {"fgContact": {"email": "geen-adres"}},
            "aanwijzingen.fgContact.email",
            "ongeldige-vorm",
        ),
        ({"fgContact": None}, "aanwijzingen.fgContact", "waarde-ontbreekt"),
        ({}, "aanwijzingen", "geen-wijziging"),
        ({"beheerder": "Gemeente Utrecht"}, "aanwijzingen.beheerder", "ongeldige-vorm"),
    ):
        refused = await _designate(client, auth(*BEHEERDER), **body)
        assert refusal(refused) == (400, "ongeldige-invoer"), body
        assert [(p["name"], p["code"]) for p in refused.json()["invalidParams"]] == [(name, code)]
    unchanged = await client.get("/v1/instellingen", headers=auth("om"))
    assert unchanged.json()["aanwijzingen"] == AANWIJZINGEN_DEMO


async def test_a_designation_moves_the_roles_at_once(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    moved = await _designate(
        client,
        auth(*BEHEERDER),
        contactpunt="gemeente-zeist",
        archiefbeheerder="om",
        coordinerendeFg="ggd",
        fgContact={"email": "fg@ggd.example", "postadres": "Postbus 1, Utrecht"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["aanwijzingen"] == {
        "beheerder": "gemeente-utrecht",
        "contactpunt": "gemeente-zeist",
        "archiefbeheerder": "om",
        "coordinerendeFg": "ggd",
        "fgContact": {
            "email": "fg@ggd.example",
            "telefoon": None,
            "postadres": "Postbus 1, Utrecht",
        },
    }
    # The beheerder hands its own function over; from then on it manages nothing.
    handed = await _designate(client, auth(*BEHEERDER), beheerder="politie")
    assert handed.status_code == 200
    refused = await _designate(client, auth(*BEHEERDER), beheerder="gemeente-utrecht")
    assert refused.status_code == 403
    assert refused.json()["code"] == "geen-toegang"
    back = await _designate(client, auth("politie", "beheerder"), beheerder="gemeente-utrecht")
    assert back.status_code == 200


async def test_a_private_beheerder_changes_no_mandate_issue_10(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Issue 10: a private participant's beheerder changed the partnership's mandates."""
    for deelnemer in ("reclassering-nederland", "ggz", "politie"):
        response = await client.post(
            "/v1/mandaten",
            json=mandaat("intake", "reclassering-nederland"),
            headers=auth(deelnemer, "beheerder"),
        )
        assert response.status_code == 403
        assert response.json()["code"] == "geen-toegang"
        designate = await _designate(client, auth(deelnemer, "beheerder"), beheerder=deelnemer)
        assert refusal(designate) == (403, "geen-toegang")
