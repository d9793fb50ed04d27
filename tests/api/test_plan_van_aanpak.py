"""The plan of approach: versions, who writes, who reads what (art. 2.31 lid 5 WGS; art. 8.2, 8a)."""

from typing import Any

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.factories.casussen import close, create_casus
from tests.factories.overleg import in_behandeling, log_of, overleg, plan, put_plan
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


def _url(casus_id: str) -> str:
    return f"/v1/casussen/{casus_id}/plan-van-aanpak"


def toezicht(auth: AuthHeaders) -> dict[str, str]:
    """The coordinating FG, reading for supervision: the whole plan."""
    return {**auth("gemeente-utrecht", "functionaris-gegevensbescherming"), "Reden": "Audit."}


async def test_each_change_is_a_new_version_and_history_is_kept(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    gvv = auth("gemeente-utrecht")
    assert (await client.get(_url(casus_id), headers=gvv)).json()["code"] == "geen-plan-van-aanpak"
    first = await put_plan(client, auth, casus_id)
    assert first["versie"] == 1
    assert first["vastgesteldDoor"] == "gemeente-utrecht"
    assert first["vastgesteldOp"].endswith("Z")
    # Not selected for the case, the recording joint controller sees the plan's frame only.
    assert first["weergave"] == "opzet"
    assert first["doelen"] is None
    assert first["interventies"] is None
    second = await put_plan(client, auth, casus_id, doelen=["Stabiele huisvesting"])
    assert second["versie"] == 2
    # The same content again changes nothing: PUT stays idempotent.
    again = await put_plan(client, auth, casus_id, doelen=["Stabiele huisvesting"])
    assert again["versie"] == 2
    current = (await client.get(_url(casus_id), headers=gvv)).json()
    assert current == second
    history = (await client.get(f"{_url(casus_id)}/versies", headers=toezicht(auth))).json()[
        "versies"
    ]
    assert [v["versie"] for v in history] == [2, 1]
    assert history[1]["doelen"] == ["Stabiele huisvesting", "Geen nieuwe delicten"]
    assert history[0]["doelen"] == ["Stabiele huisvesting"]
    assert {**history[1], "weergave": "opzet", "doelen": None, "interventies": None} == first


async def test_changes_are_guarded_by_the_case_etag(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    gvv = auth("gemeente-utrecht")
    tag = (await client.get(f"/v1/casussen/{casus_id}", headers=gvv)).headers["etag"]
    first = await client.put(_url(casus_id), json=plan(), headers={**gvv, "If-Match": tag})
    assert first.status_code == 200
    assert first.headers["etag"] != tag
    stale = await client.put(
        _url(casus_id), json=plan(doelen=["Anders"]), headers={**gvv, "If-Match": tag}
    )
    assert refusal(stale) == (412, "verouderde-versie")
    fresh = await client.put(
        _url(casus_id),
        json=plan(doelen=["Anders"]),
        headers={**gvv, "If-Match": first.headers["etag"]},
    )
    assert fresh.status_code == 200
    assert fresh.json()["versie"] == 2


async def test_nobody_agreed_means_the_joint_controllers_inform(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    fallback = await put_plan(client, auth, casus_id)
    assert fallback["informeertBetrokkene"] is None
    assert fallback["informerenBelegdBij"] == "gezamenlijk-verwerkingsverantwoordelijken"
    assert "art. 8.2" in fallback["informeertBetrokkeneToelichting"]
    agreed = await put_plan(client, auth, casus_id, informeertBetrokkene="ggz")
    assert agreed["informerenBelegdBij"] == "afgesproken-deelnemer"
    assert "ggz" in agreed["informeertBetrokkeneToelichting"]
    # A joint controller may be agreed without being selected.
    politie = await put_plan(client, auth, casus_id, informeertBetrokkene="politie")
    assert politie["informeertBetrokkene"] == "politie"


async def test_plan_names_only_participants_of_the_case(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth, signed=False)
    body = plan(
        interventies=[
            {"deelnemer": "svg", "omschrijving": "x", "termijn": "2025-09-01"},
            {"deelnemer": "cjib", "omschrijving": "x", "termijn": "2025-09-01"},
            {"deelnemer": "ggz", "omschrijving": "x", "termijn": "2025-09-01"},
        ],
        informeertBetrokkene="cjib",
        casusregisseur="politie",
        casusoverleg="00000000-0000-0000-0000-000000000000",
    )
    response = await client.put(_url(casus_id), json=body, headers=auth("gemeente-utrecht"))
    assert refusal(response) == (400, "ongeldige-invoer")
    problems = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert problems == {
        ("interventies.0.deelnemer", "deelnemer-niet-geselecteerd"),
        ("interventies.1.deelnemer", "geheimhoudingsverklaring-ontbreekt"),
        ("informeertBetrokkene", "deelnemer-niet-geselecteerd"),
        ("casusregisseur", "deelnemer-niet-geselecteerd"),
        ("casusoverleg", "casusoverleg-onbekend"),
    }
    for bad in (plan(doelen=[]), plan(interventies=[{"deelnemer": "ggz"}]), plan(extra=1)):
        response = await client.put(_url(casus_id), json=bad, headers=auth("gemeente-utrecht"))
        assert refusal(response) == (400, "ongeldige-invoer")
    versies = await client.get(f"{_url(casus_id)}/versies", headers=auth("gemeente-utrecht"))
    assert versies.json()["versies"] == []


async def test_plan_links_to_its_conference_and_a_signed_incidental_participant(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    conference = await client.post(
        f"/v1/casussen/{casus_id}/casusoverleggen",
        json=overleg("ggz", "cjib"),
        headers=auth("gemeente-utrecht"),
    )
    interventies = [
        {"deelnemer": "cjib", "omschrijving": "Betalingsregeling.", "termijn": "2025-08-01"}
    ]
    stored = await put_plan(
        client, auth, casus_id, interventies=interventies, casusoverleg=conference.json()["id"]
    )
    assert stored["casusoverleg"] == conference.json()["id"]
    own = await client.get(_url(casus_id), headers=auth("cjib", deelnemertype="incidenteel"))
    assert own.json()["interventies"][0]["deelnemer"] == "cjib"


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "status"),
    [
        ("om", (), 200),
        ("reclassering-nederland", (), 403),
        ("reclassering-nederland", ("casusregisseur",), 403),  # even when appointed
        ("ggz", ("procesregisseur",), 403),
        ("svg", (), 403),
        ("cjib", (), 403),
    ],
)
async def test_only_joint_controllers_record_the_plan(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    status: int,
) -> None:
    casus_id = await in_behandeling(client, auth)
    await put_plan(client, auth, casus_id, casusregisseur="reclassering-nederland")
    response = await client.put(
        _url(casus_id), json=plan(doelen=["Nieuw doel"]), headers=auth(deelnemer, *rollen)
    )
    assert response.status_code == status, response.text


async def test_need_to_know_views(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    interventies = [
        *plan()["interventies"],
        {"deelnemer": "cjib", "omschrijving": "Betalingsregeling.", "termijn": "2025-08-01"},
    ]
    await put_plan(client, auth, casus_id, interventies=interventies, casusregisseur="ggz")

    async def view(headers: dict[str, str]) -> dict[str, Any]:
        response = await client.get(_url(casus_id), headers=headers)
        assert response.status_code == 200, response.text
        shown: dict[str, Any] = response.json()
        return shown

    def owners(shown: dict[str, Any]) -> list[str]:
        return [i["deelnemer"] for i in shown["interventies"]]

    full = await view(toezicht(auth))
    assert full["weergave"] == "volledig"
    assert owners(full) == ["reclassering-nederland", "ggz", "cjib"]
    # Issue 10: a joint controller not selected sees no plan content, only who informs.
    frame = await view(auth("gemeente-utrecht"))
    assert frame["weergave"] == "opzet"
    assert (frame["doelen"], frame["interventies"]) == (None, None)
    assert frame["casusregisseur"] == "ggz"
    assert frame["informerenBelegdBij"] == "gezamenlijk-verwerkingsverantwoordelijken"
    part = await view(auth("reclassering-nederland"))
    assert part["weergave"] == "deelnemer"
    assert owners(part) == ["reclassering-nederland"]
    assert part["doelen"] == full["doelen"]
    assert owners(await view(auth("cjib", deelnemertype="incidenteel"))) == ["cjib"]
    # ggz's plain employee sees its part; its appointed case director the whole plan.
    assert owners(await view(auth("ggz"))) == ["ggz"]
    assert owners(await view(auth("ggz", "casusregisseur"))) == owners(full)
    history = await client.get(f"{_url(casus_id)}/versies", headers=auth("reclassering-nederland"))
    assert [owners(v) for v in history.json()["versies"]] == [["reclassering-nederland"]]
    for headers in (auth("svg"), auth("wijkteam", "casusregisseur")):
        assert refusal(await client.get(_url(casus_id), headers=headers)) == (403, "geen-toegang")
        assert refusal(await client.get(f"{_url(casus_id)}/versies", headers=headers)) == (
            403,
            "geen-toegang",
        )


async def test_incidental_participant_reads_its_part_only_after_signing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth, signed=False)
    await put_plan(client, auth, casus_id)
    incidental = auth("cjib", deelnemertype="incidenteel")
    assert refusal(await client.get(_url(casus_id), headers=incidental)) == (403, "geen-toegang")


async def test_refused_outside_treatment_and_in_another_partnership(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    registered = await create_casus(client, auth)
    response = await client.put(
        _url(registered["id"]), json=plan(), headers=auth("gemeente-utrecht")
    )
    assert refusal(response) == (409, "casus-niet-in-behandeling")
    casus_id = await in_behandeling(client, auth)
    await put_plan(client, auth, casus_id)
    oost = auth("gemeente-zwolle", zvh="zvh-oost")
    assert refusal(await client.get(_url(casus_id), headers=oost)) == (404, "niet-gevonden")
    assert refusal(await client.put(_url(casus_id), json=plan(), headers=oost)) == (
        404,
        "niet-gevonden",
    )
    await close(client, auth, casus_id, "2025-12-23")
    gvv = auth("gemeente-utrecht")
    assert refusal(await client.put(_url(casus_id), json=plan(), headers=gvv)) == (
        403,
        "geen-toegang",
    )
    assert refusal(await client.get(_url(casus_id), headers=auth("ggz"))) == (403, "geen-toegang")
    archive = await client.get(_url(casus_id), headers=auth("gemeente-utrecht", "archiefbeheerder"))
    assert archive.json()["weergave"] == "volledig"


async def test_plan_access_is_logged(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    await put_plan(client, auth, casus_id)
    await client.get(_url(casus_id), headers=auth("ggz"))
    await client.get(f"{_url(casus_id)}/versies", headers=auth("svg"))
    entries = [
        e for e in await log_of(client, auth, casus_id) if e["activiteit"] == "casus-overleg"
    ]
    assert {(e["deelnemer"], e["handeling"], e["resultaat"]) for e in entries} == {
        ("gemeente-utrecht", "vastleggen", "geslaagd"),
        ("ggz", "raadplegen", "geslaagd"),
        ("svg", "raadplegen", "geweigerd"),
    }
