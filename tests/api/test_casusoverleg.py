"""Case conferences (step 5, art. 2.31 lid 5 WGS): who records, who attends, who reads."""

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, close, create_casus, select
from tests.factories.overleg import in_behandeling, log_of, overleg, put_plan, sign
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


def _url(casus_id: str) -> str:
    return f"/v1/casussen/{casus_id}/casusoverleggen"


async def test_joint_controller_records_a_conference(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    body = overleg("reclassering-nederland", "cjib")
    response = await client.post(_url(casus_id), json=body, headers=auth("gemeente-utrecht"))
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"] == f"{_url(casus_id)}/{created['id']}"
    assert created["aanwezigen"] == ["cjib", "reclassering-nederland"]
    assert created["vastgelegdDoor"] == "gemeente-utrecht"
    again = await client.get(response.headers["location"], headers=auth("reclassering-nederland"))
    assert again.status_code == 200
    assert again.json() == created
    # Not selected, the recording joint controller reads no conference notes back (its
    # joint-controller view, issue 10).
    gvv = await client.get(response.headers["location"], headers=auth("gemeente-utrecht"))
    assert gvv.status_code == 403
    assert gvv.json()["code"] == "geen-toegang"


async def test_a_joint_controller_attends_only_when_selected(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Issue 10: "Het is niet de bedoeling dat standaard alle deelnemers bij een casus worden
    betrokken" holds for the joint controllers too."""
    casus_id = await in_behandeling(client, auth)
    response = await client.post(
        _url(casus_id), json=overleg("ggz", "politie"), headers=auth("gemeente-utrecht")
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("aanwezigen.1", "deelnemer-niet-geselecteerd")
    ]


async def test_attendees_must_take_part_in_the_case(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth, signed=False)
    body = overleg("ggz", "ggz", "svg", "cjib", datum="2999-01-01")
    response = await client.post(_url(casus_id), json=body, headers=auth("gemeente-utrecht"))
    assert refusal(response) == (400, "ongeldige-invoer")
    problems = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert problems == {
        ("datum", "datum-in-toekomst"),
        ("aanwezigen.1", "deelnemer-dubbel"),
        ("aanwezigen.2", "deelnemer-niet-geselecteerd"),
        ("aanwezigen.3", "geheimhoudingsverklaring-ontbreekt"),
    }
    early = overleg("ggz", datum="2025-06-04")
    response = await client.post(_url(casus_id), json=early, headers=auth("gemeente-utrecht"))
    assert response.json()["invalidParams"][0]["code"] == "datum-voor-aanmelddatum"
    for empty in ({**overleg(), "aanwezigen": []}, {**overleg("ggz"), "afspraken": ""}):
        response = await client.post(_url(casus_id), json=empty, headers=auth("gemeente-utrecht"))
        assert refusal(response) == (400, "ongeldige-invoer")
    listed = await client.get(_url(casus_id), headers=auth("ggz"))
    assert listed.json()["casusoverleggen"] == []


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "status"),
    [
        ("om", (), 201),  # any joint controller
        ("reclassering-nederland", (), 403),  # selected, but records nothing
        ("reclassering-nederland", ("casusregisseur",), 403),  # not appointed
        ("ggz", ("procesregisseur",), 403),
        ("svg", (), 403),  # not selected
        ("cjib", (), 403),  # incidental, signed
    ],
)
async def test_who_records_without_a_case_director(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    status: int,
) -> None:
    casus_id = await in_behandeling(client, auth)
    response = await client.post(
        _url(casus_id), json=overleg("ggz"), headers=auth(deelnemer, *rollen)
    )
    assert response.status_code == status, response.text


async def test_the_appointed_case_director_records_and_reads_all(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    await put_plan(client, auth, casus_id, casusregisseur="reclassering-nederland")
    regisseur = auth("reclassering-nederland", "casusregisseur")
    response = await client.post(_url(casus_id), json=overleg("ggz"), headers=regisseur)
    assert response.status_code == 201, response.text
    # The director's colleagues without the role, and directors elsewhere, may not.
    for headers in (auth("reclassering-nederland"), auth("ggz", "casusregisseur")):
        refused = await client.post(_url(casus_id), json=overleg("ggz"), headers=headers)
        assert refusal(refused) == (403, "geen-toegang")
    # It supervises the whole plan (art. 8a.2): it sees conferences it did not attend.
    listed = await client.get(_url(casus_id), headers=regisseur)
    assert [o["aanwezigen"] for o in listed.json()["casusoverleggen"]] == [["ggz"]]


async def test_participants_read_only_the_conferences_they_attended(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth, signed=False)
    gvv = auth("gemeente-utrecht")
    first = await client.post(_url(casus_id), json=overleg("ggz"), headers=gvv)
    await sign(client, auth, casus_id, "cjib")
    second = await client.post(
        _url(casus_id), json=overleg("reclassering-nederland", "cjib"), headers=gvv
    )
    ids = {first.json()["id"], second.json()["id"]}

    async def seen(headers: dict[str, str]) -> set[str]:
        response = await client.get(_url(casus_id), headers=headers)
        assert response.status_code == 200, response.text
        return {o["id"] for o in response.json()["casusoverleggen"]}

    # The coordinating FG sees all, for supervision; the joint controller not selected none.
    toezicht = {**auth("gemeente-utrecht", "functionaris-gegevensbescherming"), "Reden": "Audit."}
    assert await seen(toezicht) == ids
    assert refusal(await client.get(_url(casus_id), headers=gvv)) == (403, "geen-toegang")
    assert await seen(auth("ggz")) == {first.json()["id"]}
    assert await seen(auth("reclassering-nederland")) == {second.json()["id"]}
    assert await seen(auth("cjib", deelnemertype="incidenteel")) == {second.json()["id"]}
    attended = await client.get(f"{_url(casus_id)}/{first.json()['id']}", headers=auth("ggz"))
    assert attended.status_code == 200
    unattended = await client.get(f"{_url(casus_id)}/{second.json()['id']}", headers=auth("ggz"))
    assert refusal(unattended) == (404, "niet-gevonden")
    for headers in (auth("svg"), auth("wijkteam", "casusregisseur")):
        assert refusal(await client.get(_url(casus_id), headers=headers)) == (403, "geen-toegang")


async def test_incidental_participant_reads_nothing_before_signing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth, signed=False)
    incidental = auth("cjib", deelnemertype="incidenteel")
    assert refusal(await client.get(_url(casus_id), headers=incidental)) == (403, "geen-toegang")
    await sign(client, auth, casus_id, "cjib")
    assert (await client.get(_url(casus_id), headers=incidental)).status_code == 200


async def test_registrant_that_was_not_selected_reads_no_conferences(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, deelnemer="wijkteam")
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"])
    own = await client.get(f"/v1/casussen/{casus['id']}", headers=auth("wijkteam"))
    assert own.json()["weergave"] == "aanmelder"
    assert refusal(await client.get(_url(casus["id"]), headers=auth("wijkteam"))) == (
        403,
        "geen-toegang",
    )


async def test_only_for_a_case_in_treatment(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    response = await client.post(
        _url(casus["id"]), json=overleg("ggz"), headers=auth("gemeente-utrecht")
    )
    assert response.status_code == 409
    assert response.json()["code"] == "casus-niet-in-behandeling"


async def test_closed_case_is_shielded(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    gvv = auth("gemeente-utrecht")
    await client.post(_url(casus_id), json=overleg("ggz"), headers=gvv)
    await close(client, auth, casus_id, "2025-12-23")
    assert refusal(await client.post(_url(casus_id), json=overleg("ggz"), headers=gvv)) == (
        403,
        "geen-toegang",
    )
    for headers in (gvv, auth("ggz")):
        assert refusal(await client.get(_url(casus_id), headers=headers)) == (403, "geen-toegang")
    contactpunt = await client.get(_url(casus_id), headers=auth("gemeente-utrecht", "contactpunt"))
    assert contactpunt.status_code == 200
    assert len(contactpunt.json()["casusoverleggen"]) == 1


async def test_another_partnership_gets_404(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    oost = auth("gemeente-zwolle", zvh="zvh-oost")
    assert refusal(await client.get(_url(casus_id), headers=oost)) == (404, "niet-gevonden")
    response = await client.post(_url(casus_id), json=overleg("ggz"), headers=oost)
    assert refusal(response) == (404, "niet-gevonden")


async def test_every_attempt_is_logged(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    await client.post(_url(casus_id), json=overleg("ggz"), headers=auth("gemeente-utrecht"))
    await client.get(_url(casus_id), headers=auth("ggz"))
    await client.post(_url(casus_id), json=overleg("ggz"), headers=auth("svg"))
    entries = [
        e for e in await log_of(client, auth, casus_id) if e["activiteit"] == "casus-overleg"
    ]
    seen = {(e["deelnemer"], e["handeling"], e["resultaat"]) for e in entries}
    assert seen == {
        ("gemeente-utrecht", "vastleggen", "geslaagd"),
        ("ggz", "raadplegen", "geslaagd"),
        ("svg", "vastleggen", "geweigerd"),
    }
    assert all(e["betrokkene"] and e["casusId"] == casus_id for e in entries)
    assert "Jansen" not in str(entries)
