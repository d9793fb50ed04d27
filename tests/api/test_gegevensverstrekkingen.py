"""Data requests and supplied data: who may supply, who reads what, corrections (art. 2.29,
2.31 lid 3 WGS; art. 1.6 BGS)."""

from typing import Any

import httpx
import pytest

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, besluit, close, create_casus, select
from tests.probleemcodes import refusal

TODAY = today_in_amsterdam().isoformat()

pytestmark = pytest.mark.anyio

GEWOON: dict[str, Any] = {"categorie": "gewoon", "inhoud": "Bekend sinds 2023; meldt zich niet."}


def _url(casus_id: str, rest: str = "gegevensverstrekkingen") -> str:
    return f"/v1/casussen/{casus_id}/{rest}"


async def _gathering(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    """A case admitted at intake: step 3, data gathering."""
    casus = await create_casus(client, auth)
    intake = await client.post(
        _url(casus["id"], "intake"), json=besluit(), headers=auth("gemeente-utrecht")
    )
    assert intake.json()["status"] == "gegevensverzameling"
    return str(casus["id"])


async def _ask(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str) -> str:
    response = await client.post(
        _url(casus_id, "gegevensverzoeken"),
        json={"deelnemer": deelnemer, "omschrijving": "Lopende hulpverlening?"},
        headers=auth("gemeente-utrecht"),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _supply(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str, **body: Any
) -> httpx.Response:
    headers = auth(deelnemer, **({"deelnemertype": "incidenteel"} if deelnemer == "cjib" else {}))
    return await client.post(_url(casus_id), json={**GEWOON, **body}, headers=headers)


async def _visible(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str, **kw: Any
) -> list[str]:
    response = await client.get(_url(casus_id), headers=auth(deelnemer, **kw))
    assert response.status_code == 200, response.text
    return [v["inhoud"] for v in response.json()["gegevensverstrekkingen"]]


async def test_in_step_3_only_an_asked_participant_supplies(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    refused = await _supply(client, auth, casus_id, "reclassering-nederland")
    assert refusal(refused) == (403, "geen-toegang")
    verzoek = await _ask(client, auth, casus_id, "reclassering-nederland")
    supplied = await _supply(
        client, auth, casus_id, "reclassering-nederland", gegevensverzoek=verzoek
    )
    assert supplied.status_code == 201, supplied.text
    body = supplied.json()
    assert supplied.headers["location"] == f"{_url(casus_id)}/{body['id']}"
    assert body["verstrekker"] == "reclassering-nederland"
    assert body["versie"] == 1
    assert body["gegevensverzoek"] == verzoek
    # Still not asked, still refused; the joint controllers gather what they hold (lid 3).
    assert refusal(await _supply(client, auth, casus_id, "svg")) == (403, "geen-toegang")
    assert (await _supply(client, auth, casus_id, "politie")).status_code == 201
    # The asked participant sees only its own supply, and the requests addressed to it.
    assert await _visible(client, auth, casus_id, "reclassering-nederland") == [GEWOON["inhoud"]]
    mine = await client.get(
        _url(casus_id, "gegevensverzoeken"), headers=auth("reclassering-nederland")
    )
    assert [v["beantwoord"] for v in mine.json()["gegevensverzoeken"]] == [True]
    assert len(await _visible(client, auth, casus_id, "gemeente-utrecht")) == 2


async def test_data_requests_are_for_the_joint_controllers(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    body = {"deelnemer": "ggz", "omschrijving": "Behandelcontact?"}
    for caller in ("reclassering-nederland", "ggz"):
        response = await client.post(
            _url(casus_id, "gegevensverzoeken"), json=body, headers=auth(caller)
        )
        assert refusal(response) == (403, "geen-toegang")
    await _ask(client, auth, casus_id, "ggz")
    created = await client.post(
        _url(casus_id, "gegevensverzoeken"),
        json={"deelnemer": "svg", "omschrijving": "Reclasseringstoezicht?"},
        headers=auth("om"),
    )
    location = created.headers["location"]
    assert location == _url(casus_id, f"gegevensverzoeken/{created.json()['id']}")
    assert (await client.get(location, headers=auth("svg"))).json()["verzoeker"] == "om"
    assert (await client.get(location, headers=auth("gemeente-zeist"))).status_code == 200
    assert refusal(await client.get(location, headers=auth("ggz"))) == (404, "niet-gevonden")
    alle = await client.get(_url(casus_id, "gegevensverzoeken"), headers=auth("om"))
    assert {v["deelnemer"] for v in alle.json()["gegevensverzoeken"]} == {"ggz", "svg"}
    eigen = await client.get(_url(casus_id, "gegevensverzoeken"), headers=auth("ggz"))
    assert [v["deelnemer"] for v in eigen.json()["gegevensverzoeken"]] == ["ggz"]
    niet = await client.get(_url(casus_id, "gegevensverzoeken"), headers=auth("wijkteam"))
    assert refusal(niet) == (403, "geen-toegang")
    unknown = await client.post(
        _url(casus_id, "gegevensverzoeken"),
        json={"deelnemer": "cjib", "omschrijving": "x"},
        headers=auth("gemeente-utrecht"),
    )
    assert unknown.status_code == 400
    assert unknown.json()["invalidParams"][0]["code"] == "deelnemer-onbekend"


async def test_nothing_is_gathered_before_the_intake(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    assert refusal(await _supply(client, auth, casus["id"], "politie")) == (
        409,
        "casus-nog-niet-toegelaten",
    )
    response = await client.post(
        _url(casus["id"], "gegevensverzoeken"),
        json={"deelnemer": "ggz", "omschrijving": "x"},
        headers=auth("gemeente-utrecht"),
    )
    assert refusal(response) == (409, "casus-nog-niet-toegelaten")


async def test_in_step_5_selected_participants_supply_and_unselected_do_not(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], deelnemers=("reclassering-nederland",))
    assert (await _supply(client, auth, casus["id"], "reclassering-nederland")).status_code == 201
    assert refusal(await _supply(client, auth, casus["id"], "leger-des-heils")) == (
        403,
        "geen-toegang",
    )
    assert refusal(await client.get(_url(casus["id"]), headers=auth("leger-des-heils"))) == (
        403,
        "geen-toegang",
    )


async def test_incidental_participant_supplies_and_reads_only_after_signing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], incidenteel=("cjib",))
    incidental = auth("cjib", deelnemertype="incidenteel")
    assert refusal(await _supply(client, auth, casus["id"], "cjib")) == (403, "geen-toegang")
    assert refusal(await client.get(_url(casus["id"]), headers=incidental)) == (403, "geen-toegang")
    signed = await client.post(
        _url(casus["id"], "geheimhoudingsverklaringen"),
        json={"ondertekenaar": "A. de Vries", "regime": "artikel-1-11-wgs"},
        headers=incidental,
    )
    assert signed.status_code == 201
    assert (await _supply(client, auth, casus["id"], "cjib")).status_code == 201
    assert await _visible(client, auth, casus["id"], "cjib", deelnemertype="incidenteel") == [
        GEWOON["inhoud"]
    ]


async def test_conditions_hide_data_from_incidental_and_unnamed_participants(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await select(client, auth, casus_id, deelnemers=("reclassering-nederland", "svg"))
    await select(
        client, auth, casus_id, deelnemers=("reclassering-nederland", "svg"), incidenteel=("cjib",)
    )
    await client.post(
        _url(casus_id, "geheimhoudingsverklaringen"),
        json={"ondertekenaar": "A. de Vries", "regime": "artikel-1-11-wgs"},
        headers=auth("cjib", deelnemertype="incidenteel"),
    )
    for inhoud, voorwaarden in (
        ("open", None),
        ("niet-incidenteel", {"nietVoorIncidenteleDeelnemers": True}),
        ("alleen-svg", {"alleenVoorDeelnemers": ["svg"], "nietAanDerden": True}),
        ("niemand", {"alleenVoorDeelnemers": []}),
    ):
        response = await _supply(
            client,
            auth,
            casus_id,
            "om",
            categorie="strafrechtelijk",
            inhoud=inhoud,
            voorwaarden=voorwaarden,
        )
        assert response.status_code == 201, response.text
    assert await _visible(client, auth, casus_id, "reclassering-nederland") == [
        "open",
        "niet-incidenteel",
    ]
    assert await _visible(client, auth, casus_id, "svg") == [
        "open",
        "niet-incidenteel",
        "alleen-svg",
    ]
    assert await _visible(client, auth, casus_id, "cjib", deelnemertype="incidenteel") == ["open"]
    # The supplier sees its own; the coordinating FG everything, for supervision. A joint
    # controller not selected for the case sees no supplied data at all (issue 10).
    everything = ["open", "niet-incidenteel", "alleen-svg", "niemand"]
    assert await _visible(client, auth, casus_id, "om") == everything
    toezicht = await client.get(
        _url(casus_id),
        headers={**auth("gemeente-utrecht", "functionaris-gegevensbescherming"), "Reden": "Audit."},
    )
    assert [v["inhoud"] for v in toezicht.json()["gegevensverstrekkingen"]] == everything
    assert await _visible(client, auth, casus_id, "gemeente-utrecht") == []
    # The conditions travel with the data.
    listed = await client.get(_url(casus_id), headers=auth("svg"))
    alleen_svg = listed.json()["gegevensverstrekkingen"][2]
    assert alleen_svg["voorwaarden"] == {
        "nietVoorIncidenteleDeelnemers": False,
        "alleenVoorDeelnemers": ["svg"],
        "nietAanDerden": True,
        "toelichting": None,
    }
    # A hidden item is not found, not merely forbidden.
    hidden_id = (await client.get(_url(casus_id), headers=auth("om"))).json()[
        "gegevensverstrekkingen"
    ][3]["id"]
    hidden = await client.get(f"{_url(casus_id)}/{hidden_id}", headers=auth("svg"))
    assert refusal(hidden) == (404, "niet-gevonden")


@pytest.mark.parametrize(
    ("deelnemer", "required"),
    [("ggz", True), ("gi-jeugd", True), ("ggd", True), ("politie", False), ("svg", False)],
)
async def test_professional_secrecy_basis_is_required_of_those_bound_by_it(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, required: bool
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], deelnemers=("ggz", "gi-jeugd", "svg"))
    without = await _supply(client, auth, casus["id"], deelnemer, categorie="bijzonder")
    if required:
        assert refusal(without) == (400, "ongeldige-invoer")
        assert [p["code"] for p in without.json()["invalidParams"]] == [
            "grondslag-beroepsgeheim-vereist"
        ]
    else:
        assert without.status_code == 201, without.text
    with_basis = await _supply(
        client,
        auth,
        casus["id"],
        deelnemer,
        categorie="bijzonder",
        grondslagBeroepsgeheim="goed-hulpverlenerschap",
    )
    assert with_basis.status_code == 201
    assert with_basis.json()["grondslagBeroepsgeheim"] == "goed-hulpverlenerschap"


async def test_incidental_participant_under_a_special_secrecy_regime_states_the_basis(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], incidenteel=("huisarts-de-vries",))
    headers = auth("huisarts-de-vries", deelnemertype="incidenteel")
    await client.post(
        _url(casus["id"], "geheimhoudingsverklaringen"),
        json={"ondertekenaar": "Dr. De Vries", "regime": "bijzonder-geheimhoudingsregime"},
        headers=headers,
    )
    without = await client.post(_url(casus["id"]), json=GEWOON, headers=headers)
    assert refusal(without) == (400, "ongeldige-invoer")
    with_consent = await client.post(
        _url(casus["id"]),
        json={**GEWOON, "grondslagBeroepsgeheim": "toestemming"},
        headers=headers,
    )
    assert with_consent.status_code == 201


async def test_invalid_input_lists_every_problem(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], deelnemers=("ggz",), incidenteel=("cjib",))
    response = await _supply(
        client,
        auth,
        casus["id"],
        "ggz",
        wettelijkeUiterlijkeBewaardatum="2020-01-01",
        gegevensverzoek="bestaat-niet",
        voorwaarden={
            "nietVoorIncidenteleDeelnemers": True,
            "alleenVoorDeelnemers": ["svg", "svg", "onbekend", "cjib"],
        },
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    problems = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert problems == {
        ("grondslagBeroepsgeheim", "grondslag-beroepsgeheim-vereist"),
        ("wettelijkeUiterlijkeBewaardatum", "datum-in-verleden"),
        ("voorwaarden.alleenVoorDeelnemers.1", "deelnemer-dubbel"),
        ("voorwaarden.alleenVoorDeelnemers.2", "deelnemer-onbekend"),
        ("voorwaarden", "voorwaarden-tegenstrijdig"),
        ("gegevensverzoek", "gegevensverzoek-onbekend"),
    }
    schema = await _supply(client, auth, casus["id"], "politie", categorie="geheim", inhoud="")
    assert refusal(schema) == (400, "ongeldige-invoer")
    assert {p["name"] for p in schema.json()["invalidParams"]} == {"categorie", "inhoud"}
    # A statutory limit from today on is accepted, and kept as this source's own limit.
    later = await _supply(
        client, auth, casus["id"], "politie", wettelijkeUiterlijkeBewaardatum="2099-01-01"
    )
    assert later.json()["wettelijkeUiterlijkeBewaardatum"] == "2099-01-01"


async def test_another_partnership_gets_404(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await _gathering(client, auth)
    oost = auth("politie", zvh="zvh-oost")
    assert refusal(await client.get(_url(casus_id), headers=oost)) == (404, "niet-gevonden")
    assert refusal(await client.post(_url(casus_id), json=GEWOON, headers=oost)) == (
        404,
        "niet-gevonden",
    )
    assert refusal(await client.get(_url(casus_id, "gegevensverzoeken"), headers=oost)) == (
        404,
        "niet-gevonden",
    )


async def test_a_closed_case_takes_no_data_and_is_shielded(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"])
    assert (
        await _supply(client, auth, casus["id"], "ggz", grondslagBeroepsgeheim="toestemming")
    ).status_code == 201
    await close(client, auth, casus["id"], "2025-12-23")
    assert refusal(await _supply(client, auth, casus["id"], "politie")) == (403, "geen-toegang")
    assert refusal(await client.get(_url(casus["id"]), headers=auth("ggz"))) == (
        403,
        "geen-toegang",
    )
    assert refusal(await client.get(_url(casus["id"]), headers=auth("gemeente-utrecht"))) == (
        403,
        "geen-toegang",
    )
    shielded = await client.get(
        _url(casus["id"]), headers=auth("gemeente-utrecht", "archiefbeheerder")
    )
    assert shielded.status_code == 200
    assert len(shielded.json()["gegevensverstrekkingen"]) == 1


async def test_a_rejected_case_takes_no_data(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus = await create_casus(client, auth)
    await client.post(
        _url(casus["id"], "intake"), json=besluit("afgewezen"), headers=auth("gemeente-utrecht")
    )
    assert refusal(await _supply(client, auth, casus["id"], "politie")) == (403, "geen-toegang")


async def test_whoever_finds_an_error_reports_it_and_only_the_supplier_corrects(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await select(client, auth, casus_id, deelnemers=("reclassering-nederland", "svg"))
    supplied = await _supply(
        client, auth, casus_id, "reclassering-nederland", inhoud="Woont in Zeist."
    )
    url = f"{_url(casus_id)}/{supplied.json()['id']}"
    report = await client.post(
        f"{url}/correctieverzoeken",
        json={"toelichting": "Hij woont sinds mei in Utrecht."},
        headers=auth("svg"),
    )
    assert report.status_code == 201, report.text
    assert report.json()["status"] == "open"
    assert report.json()["melder"] == "svg"
    # The supplier is told: it sees the open request on its supply.
    own = await client.get(url, headers=auth("reclassering-nederland"))
    assert [c["status"] for c in own.json()["correctieverzoeken"]] == ["open"]
    # The reporter is not the supplier and cannot correct; a joint controller not selected
    # does not even see the item.
    correction = {"inhoud": "Woont in Utrecht.", "toelichting": "Verhuisd in mei."}
    for other, status in (("svg", 403), ("gemeente-utrecht", 404)):
        refused = await client.post(f"{url}/correcties", json=correction, headers=auth(other))
        assert refused.status_code == status
    corrected = await client.post(
        f"{url}/correcties", json=correction, headers=auth("reclassering-nederland")
    )
    assert corrected.status_code == 200, corrected.text
    body = corrected.json()
    assert body["inhoud"] == "Woont in Utrecht."
    assert body["versie"] == 2
    assert [(v["versie"], v["inhoud"]) for v in body["eerdereVersies"]] == [(1, "Woont in Zeist.")]
    assert [(c["status"], c["afgehandeldInVersie"]) for c in body["correctieverzoeken"]] == [
        ("afgehandeld", 2)
    ]
    # Others see the corrected content only, not the wrong one it replaced.
    seen = await client.get(url, headers=auth("svg"))
    assert seen.json()["inhoud"] == "Woont in Utrecht."
    assert seen.json()["eerdereVersies"] is None
    history = await client.get(
        url,
        headers={**auth("gemeente-utrecht", "functionaris-gegevensbescherming"), "Reden": "Audit."},
    )
    assert len(history.json()["eerdereVersies"]) == 1


async def test_an_error_is_reported_only_on_what_the_reporter_may_see(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await select(client, auth, casus_id, deelnemers=("reclassering-nederland", "svg"))
    supplied = await _supply(
        client, auth, casus_id, "om", voorwaarden={"alleenVoorDeelnemers": ["svg"]}
    )
    url = f"{_url(casus_id)}/{supplied.json()['id']}"
    body = {"toelichting": "Klopt niet."}
    hidden = await client.post(
        f"{url}/correctieverzoeken", json=body, headers=auth("reclassering-nederland")
    )
    assert refusal(hidden) == (404, "niet-gevonden")
    outsider = await client.post(f"{url}/correctieverzoeken", json=body, headers=auth("wijkteam"))
    assert refusal(outsider) == (403, "geen-toegang")
    assert (
        await client.post(f"{url}/correctieverzoeken", json=body, headers=auth("svg"))
    ).status_code == 201
    # The reporter sees its own request; another reader does not see it.
    assert len((await client.get(url, headers=auth("svg"))).json()["correctieverzoeken"]) == 1
    bad = await client.post(f"{url}/correcties", json={"inhoud": ""}, headers=auth("om"))
    assert refusal(bad) == (400, "ongeldige-invoer")
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"inhoud", "toelichting"}


async def test_reads_and_writes_are_in_the_processing_log(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    await _ask(client, auth, casus_id, "ggz")
    supplied = await _supply(client, auth, casus_id, "ggz", grondslagBeroepsgeheim="toestemming")
    await client.get(_url(casus_id), headers=auth("gemeente-utrecht"))
    await client.get(f"{_url(casus_id)}/{supplied.json()['id']}", headers=auth("ggz"))
    await _supply(client, auth, casus_id, "svg")  # refused: not asked
    log = await client.get(
        "/v1/verwerkingen",
        params={"casusId": casus_id},
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert log.status_code == 200, log.text
    entries = [
        (e["activiteit"], e["handeling"], e["deelnemer"], e["resultaat"])
        for e in log.json()["verwerkingen"]
        if e["activiteit"].startswith("casus-gegevens")
    ]
    assert sorted(entries) == sorted(
        [
            ("casus-gegevens-verzoeken", "vastleggen", "gemeente-utrecht", "geslaagd"),
            ("casus-gegevens-verstrekken", "verstrekken", "ggz", "geslaagd"),
            ("casus-gegevens-raadplegen", "raadplegen", "gemeente-utrecht", "geslaagd"),
            ("casus-gegevens-raadplegen", "raadplegen", "ggz", "geslaagd"),
            ("casus-gegevens-verstrekken", "verstrekken", "svg", "geweigerd"),
        ]
    )
    pseudoniemen = {e["betrokkene"] for e in log.json()["verwerkingen"]}
    assert len(pseudoniemen) == 1
    assert None not in pseudoniemen
    assert "Bekend sinds" not in log.text


async def test_conditions_bind_the_joint_controllers_issue_10(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Issue 10: DJI, not selected for the case, read GGZ's health data that GGZ restricted
    to nobody. The conditions bind every reader but the supplier and the coordinating FG,
    before the selection (the whole case) and after it (the joint-controller view)."""
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await _ask(client, auth, casus_id, "ggz")
    restricted = await _supply(
        client,
        auth,
        casus_id,
        "ggz",
        categorie="bijzonder",
        inhoud="Psychose, middelengebruik.",
        voorwaarden={"alleenVoorDeelnemers": []},
        grondslagBeroepsgeheim="goed-hulpverlenerschap",
    )
    assert restricted.status_code == 201, restricted.text
    item = f"{_url(casus_id)}/{restricted.json()['id']}"
    # Before the selection: DJI has the whole case, but not what GGZ kept to itself.
    assert await _visible(client, auth, casus_id, "dji") == []
    assert refusal(await client.get(item, headers=auth("dji"))) == (404, "niet-gevonden")
    await select(client, auth, casus_id, deelnemers=("reclassering-nederland",))
    for headers in (
        auth("dji"),
        auth("gemeente-utrecht", "archiefbeheerder"),
        auth("gemeente-utrecht", "beheerder"),
        auth("reclassering-nederland"),
    ):
        assert refusal(await client.get(item, headers=headers)) == (404, "niet-gevonden")
    assert await _visible(client, auth, casus_id, "ggz") == ["Psychose, middelengebruik."]
    fg = {**auth("gemeente-utrecht", "functionaris-gegevensbescherming"), "Reden": "Klacht."}
    assert (await client.get(item, headers=fg)).json()["inhoud"] == "Psychose, middelengebruik."
    # Closed: the designated archivist reads the shielded case, within the conditions.
    await close(client, auth, casus_id, TODAY)
    archivist = await client.get(
        _url(casus_id), headers=auth("gemeente-utrecht", "archiefbeheerder")
    )
    assert archivist.status_code == 200
    assert archivist.json()["gegevensverstrekkingen"] == []
