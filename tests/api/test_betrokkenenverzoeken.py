"""Data subjects' requests `/v1/betrokkenenverzoeken` (AVG art. 12, 15-22; art. 41 UAVG;
model art. 14; contract v2 "The contact point")."""

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from app.rules.kalender import add_months
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import close
from tests.factories.contactpunt import (
    CONTACTPUNT,
    case_of,
    create_verzoek,
    persoon,
    react,
    verzoek,
)
from tests.factories.mandaten import create_mandaat, end_mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "/v1/betrokkenenverzoeken"
# Registrant, the supplier and selected participants of the case of tests/factories/contactpunt.py.
BETROKKEN = {"politie", "reclassering-nederland", "ggz"}


async def _all_but(
    client: httpx.AsyncClient, auth: AuthHeaders, v: dict[str, Any], *behalve: str
) -> None:
    for d in v["betrokkenDeelnemers"]:
        if d["deelnemer"] not in behalve:
            assert (await react(client, auth, v["id"], d["deelnemer"])).status_code == 201


async def test_the_person_is_found_across_cases_and_the_involved_derived(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    wie = persoon()
    first = await case_of(client, auth, wie)
    await close(client, auth, first["casus"], today_in_amsterdam().isoformat())  # shielded
    # A second registration of the same person without BSN: found by name and birth date.
    zonder_bsn = {k: v for k, v in wie.items() if k != "bsn"}
    second = await case_of(client, auth, {**zonder_bsn, "achternaam": "APPEL"})
    other = await case_of(client, auth, persoon(voornamen="Iemand", achternaam="Anders"))
    created = await create_verzoek(client, auth, verzoek(wie, ontvangenOp="2026-01-31"))
    assert set(created["casussen"]) == {first["casus"], second["casus"]}
    assert other["casus"] not in created["casussen"]
    assert {d["deelnemer"] for d in created["betrokkenDeelnemers"]} >= BETROKKEN
    assert all(d["gereageerd"] is False for d in created["betrokkenDeelnemers"])
    # 31 January + 1 month: the last day of February (art. 12(3) AVG, month-end clamping).
    assert created["uiterlijkeBeslisdatum"] == "2026-02-28"
    assert created["open"] is True
    assert created["verlopen"] is True  # the deadline lies in the past
    assert "bsn" not in created["betrokkene"]


async def test_by_name_alone_when_no_bsn_is_given(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    wie = persoon(voornamen="Zonder", achternaam="Nummer")
    casus = await case_of(client, auth, wie)
    zonder_bsn = {k: v for k, v in wie.items() if k != "bsn"}
    created = await create_verzoek(client, auth, verzoek(zonder_bsn))
    assert created["casussen"] == [casus["casus"]]


async def test_an_unknown_person_has_no_cases_and_can_be_decided(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await create_verzoek(client, auth, verzoek(persoon(voornamen="Niemand")))
    assert created["casussen"] == []
    involved = {d["deelnemer"] for d in created["betrokkenDeelnemers"]}
    # Only the archivist can be involved: archived cases left the database (model art. 16).
    assert involved <= {"gemeente-utrecht"}
    await _all_but(client, auth, created)
    decided = await client.post(
        f"{URL}/{created['id']}/besluit",
        json={"uitkomst": "afgewezen", "motivering": "Geen gegevens verwerkt."},
        headers=auth(*CONTACTPUNT),
    )
    assert decided.status_code == 200, decided.text


async def test_full_inzage_flow_with_a_restriction_and_its_lifting(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    wie = persoon()
    case = await case_of(client, auth, wie)
    v = await create_verzoek(client, auth, verzoek(wie))
    ontvangen = date.fromisoformat(v["ontvangenOp"])
    assert v["uiterlijkeBeslisdatum"] == add_months(ontvangen, 1).isoformat()
    # The reclassering sees only its own part, and its own parts to restrict.
    own = await client.get(f"{URL}/{v['id']}", headers=auth("reclassering-nederland"))
    assert own.status_code == 200
    mine = own.json()
    assert mine["betrokkene"] is None
    assert mine["omschrijving"] is None
    assert [d["deelnemer"] for d in mine["betrokkenDeelnemers"]] == ["reclassering-nederland"]
    onderdelen = {o["soort"]: o["id"] for o in mine["eigenOnderdelen"]}
    assert onderdelen["verstrekking"] == case["verstrekking"]
    assert "interventie" in onderdelen
    assert "aanmelding" not in onderdelen
    # A restriction: the ground as the letter of art. 41(1) UAVG, own parts, a review date.
    review = (today_in_amsterdam() + timedelta(days=90)).isoformat()
    restricted = await react(
        client,
        auth,
        v["id"],
        "reclassering-nederland",
        standpunt="beperking",
        grond="d",
        onderdelen=[case["verstrekking"], onderdelen["interventie"]],
        herbeoordelingOp=review,
        motivering="Lopend onderzoek.",
    )
    assert restricted.status_code == 201, restricted.text
    assert [r["grond"] for r in restricted.json()["reacties"]] == ["d"]
    # Not yet decidable: the others have not reacted (model art. 14.3).
    early = await client.post(
        f"{URL}/{v['id']}/besluit",
        json={"uitkomst": "deels-toegewezen", "motivering": "x"},
        headers=auth(*CONTACTPUNT),
    )
    assert early.status_code == 409
    assert early.json()["code"] == "reacties-ontbreken"
    await _all_but(client, auth, v, "reclassering-nederland")
    # The overview leaves the restricted parts out.
    inzage = await client.get(f"{URL}/{v['id']}/inzage", headers=auth(*CONTACTPUNT))
    assert inzage.status_code == 200
    body = inzage.json()
    assert [r["casus"] for r in body["registraties"]] == [case["casus"]]
    assert case["verstrekking"] not in {x["id"] for x in body["verstrekkingen"]}
    assert {i["deelnemer"] for i in body["interventies"]} == {"ggz"}
    assert body["weggelaten"] == 2
    # With a restriction in force the request is at most partly granted.
    full = await client.post(
        f"{URL}/{v['id']}/besluit",
        json={"uitkomst": "toegewezen", "motivering": "Alles."},
        headers=auth(*CONTACTPUNT),
    )
    assert full.status_code == 400
    assert full.json()["invalidParams"][0]["code"] == "uitkomst-strijdig-met-beperking"
    decided = await client.post(
        f"{URL}/{v['id']}/besluit",
        json={"uitkomst": "deels-toegewezen", "motivering": "Behalve de beperkte delen."},
        headers=auth(*CONTACTPUNT),
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["open"] is False
    again = await client.post(
        f"{URL}/{v['id']}/besluit",
        json={"uitkomst": "afgewezen", "motivering": "x"},
        headers=auth(*CONTACTPUNT),
    )
    assert again.json()["code"] == "verzoek-al-besloten"
    # Another participant cannot react after the decision; the restricting one can lift.
    late = await react(client, auth, v["id"], "ggz")
    assert refusal(late) == (409, "verzoek-al-besloten")
    lifted = await react(client, auth, v["id"], "reclassering-nederland")
    assert lifted.status_code == 201, lifted.text
    inzage = (await client.get(f"{URL}/{v['id']}/inzage", headers=auth(*CONTACTPUNT))).json()
    assert case["verstrekking"] in {x["id"] for x in inzage["verstrekkingen"]}
    assert inzage["weggelaten"] == 0


async def test_restriction_input_is_checked(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    wie = persoon()
    case = await case_of(client, auth, wie)
    v = await create_verzoek(client, auth, verzoek(wie))
    missing = await react(client, auth, v["id"], "reclassering-nederland", standpunt="beperking")
    assert refusal(missing) == (400, "ongeldige-invoer")
    assert {(p["name"], p["code"]) for p in missing.json()["invalidParams"]} == {
        ("grond", "waarde-ontbreekt"),
        ("onderdelen", "waarde-ontbreekt"),
        ("herbeoordelingOp", "waarde-ontbreekt"),
    }
    # Another's part, a past review date, an unknown letter.
    wrong = await react(
        client,
        auth,
        v["id"],
        "ggz",
        standpunt="beperking",
        grond="d",
        onderdelen=[case["verstrekking"], case["casus"]],
        herbeoordelingOp=today_in_amsterdam().isoformat(),
    )
    assert {(p["name"], p["code"]) for p in wrong.json()["invalidParams"]} == {
        ("onderdelen[0]", "onderdeel-niet-eigen"),
        ("onderdelen[1]", "onderdeel-niet-eigen"),
        ("herbeoordelingOp", "herbeoordeling-niet-in-toekomst"),
    }
    letter = await react(client, auth, v["id"], "ggz", standpunt="beperking", grond="k")
    assert refusal(letter) == (400, "ongeldige-invoer")
    assert ("grond", "onbekende-waarde") in {
        (p["name"], p["code"]) for p in letter.json()["invalidParams"]
    }
    # The registrant may restrict its registration (the case id).
    own = await react(
        client,
        auth,
        v["id"],
        "politie",
        standpunt="beperking",
        grond="d",
        onderdelen=[case["casus"]],
        herbeoordelingOp=(today_in_amsterdam() + timedelta(days=30)).isoformat(),
    )
    assert own.status_code == 201, own.text
    extra = await react(client, auth, v["id"], "ggz", grond="a")
    assert extra.json()["invalidParams"][0]["code"] == "hoort-bij-beperking"


async def test_extension_once_before_the_deadline(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    vandaag = today_in_amsterdam()
    v = await create_verzoek(client, auth, verzoek(persoon(), ontvangenOp=vandaag.isoformat()))
    url = f"{URL}/{v['id']}/verlenging"
    body = {"motivering": "Veel deelnemers betrokken."}
    refused = await client.post(url, json=body, headers=auth("politie", "contactpunt"))
    assert refusal(refused) == (403, "geen-toegang")
    extended = await client.post(url, json=body, headers=auth(*CONTACTPUNT))
    assert extended.status_code == 200, extended.text
    assert extended.json()["uiterlijkeBeslisdatum"] == add_months(vandaag, 3).isoformat()
    assert extended.json()["verlengingMotivering"] == body["motivering"]
    twice = await client.post(url, json=body, headers=auth(*CONTACTPUNT))
    assert twice.status_code == 409
    assert twice.json()["code"] == "verzoek-al-verlengd"
    late = await create_verzoek(client, auth, verzoek(persoon(), ontvangenOp="2025-01-31"))
    too_late = await client.post(
        f"{URL}/{late['id']}/verlenging", json=body, headers=auth(*CONTACTPUNT)
    )
    assert too_late.status_code == 409
    assert too_late.json()["code"] == "termijn-verstreken"
    missing = await client.post(url, json={}, headers=auth(*CONTACTPUNT))
    assert refusal(missing) == (400, "ongeldige-invoer")


async def test_input_is_checked(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    morgen = (today_in_amsterdam() + timedelta(days=1)).isoformat()
    response = await client.post(
        URL,
        json=verzoek(persoon(), soort="vergeten", ontvangenOp=20260101),
        headers=auth(*CONTACTPUNT),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    codes = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert {("soort", "onbekende-waarde"), ("ontvangenOp", "geen-datum")} <= codes
    future = await client.post(
        URL, json=verzoek(persoon(), ontvangenOp=morgen), headers=auth(*CONTACTPUNT)
    )
    assert future.json()["invalidParams"][0]["code"] == "datum-in-toekomst"
    bad_bsn = await client.post(
        URL, json=verzoek(persoon(bsn="123456789")), headers=auth(*CONTACTPUNT)
    )
    assert refusal(bad_bsn) == (400, "ongeldige-invoer")


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "extra", "status"),
    [
        ("gemeente-utrecht", ("contactpunt",), {}, 201),
        # The role at a municipality that is not the designated contact point.
        ("gemeente-zeist", ("contactpunt",), {}, 403),
        ("reclassering-nederland", ("contactpunt",), {}, 403),  # a private participant
        ("politie", ("netwerkmanager",), {}, 403),  # no mandate
        ("gemeente-utrecht", ("beheerder", "functionaris-gegevensbescherming"), {}, 403),
        ("cjib", ("contactpunt",), {"deelnemertype": "incidenteel"}, 403),
        # Another partnership's contact point creates in its own partnership only.
        ("gemeente-zwolle", ("contactpunt",), {"zvh": "zvh-oost"}, 201),
    ],
)
async def test_who_takes_a_request_in(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    extra: dict[str, str],
    status: int,
) -> None:
    wie = persoon()
    await case_of(client, auth, wie)
    response = await client.post(URL, json=verzoek(wie), headers=auth(deelnemer, *rollen, **extra))
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json()["code"] == "geen-toegang"
    if extra.get("zvh") == "zvh-oost":
        assert response.json()["casussen"] == []  # zvh-demo's cases stay invisible
        demo = await client.get(f"{URL}/{response.json()['id']}", headers=auth(*CONTACTPUNT))
        assert refusal(demo) == (404, "niet-gevonden")


async def test_refused_before_the_body_is_read(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post(
        URL,
        content=b"{not json",
        headers={**auth("gemeente-zeist", "contactpunt"), "Content-Type": "application/json"},
    )
    assert refusal(response) == (403, "geen-toegang")


async def test_a_mandated_network_manager_acts_while_the_mandate_holds(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    wie = persoon()
    await case_of(client, auth, wie)
    manager = auth("wijkteam", "netwerkmanager")
    assert refusal(await client.post(URL, json=verzoek(wie), headers=manager)) == (
        403,
        "geen-toegang",
    )
    # A mandate for another power, or starting tomorrow, opens nothing.
    await create_mandaat(client, auth, "datalekken", "wijkteam")
    morgen = today_in_amsterdam() + timedelta(days=1)
    await create_mandaat(client, auth, "betrokkenenverzoeken", "wijkteam", ingangsdatum=morgen)
    assert refusal(await client.post(URL, json=verzoek(wie), headers=manager)) == (
        403,
        "geen-toegang",
    )
    mandate = await create_mandaat(
        client, auth, "betrokkenenverzoeken", "wijkteam", ingangsdatum=date(2026, 1, 1)
    )
    created = await client.post(URL, json=verzoek(wie), headers=manager)
    assert created.status_code == 201, created.text
    # Without the role the mandate gives nothing.
    assert refusal(await client.post(URL, json=verzoek(wie), headers=auth("wijkteam"))) == (
        403,
        "geen-toegang",
    )
    await end_mandaat(client, auth, mandate["id"], today_in_amsterdam() - timedelta(days=1))
    assert refusal(await client.post(URL, json=verzoek(wie), headers=manager)) == (
        403,
        "geen-toegang",
    )


async def test_who_lists_and_reads(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    wie = persoon()
    await case_of(client, auth, wie)
    v = await create_verzoek(client, auth, verzoek(wie))
    fg = auth("gemeente-utrecht", "functionaris-gegevensbescherming")
    for headers, sees in (
        (auth(*CONTACTPUNT), True),
        (fg, True),
        (auth("reclassering-nederland"), True),  # involved: its own part
        (auth("wijkteam"), False),  # not involved
        (auth("gemeente-zeist", "contactpunt"), False),
    ):
        listed = await client.get(f"{URL}?open=true", headers=headers)
        assert listed.status_code == 200
        assert (v["id"] in {x["id"] for x in listed.json()["verzoeken"]}) is sees
        one = await client.get(f"{URL}/{v['id']}", headers=headers)
        assert one.status_code == (200 if sees else 403)
        if not sees:
            assert one.json()["code"] == "geen-toegang"
    oost = await client.get(
        f"{URL}/{v['id']}", headers=auth("gemeente-zwolle", "contactpunt", zvh="zvh-oost")
    )
    assert refusal(oost) == (404, "niet-gevonden")
    incidental = await client.get(URL, headers=auth("cjib", deelnemertype="incidenteel"))
    assert refusal(incidental) == (403, "geen-toegang")
    # The overview of the person's data is the contact point's alone.
    for headers in (fg, auth("reclassering-nederland")):
        inzage = await client.get(f"{URL}/{v['id']}/inzage", headers=headers)
        assert refusal(inzage) == (403, "geen-toegang")
    # Not involved: no reaction.
    stranger = await react(client, auth, v["id"], "wijkteam")
    assert refusal(stranger) == (403, "geen-toegang")
    closed = await client.get(f"{URL}?open=false", headers=auth(*CONTACTPUNT))
    assert v["id"] in {x["id"] for x in closed.json()["verzoeken"]}


@pytest.mark.parametrize(
    ("soort", "handeling"),
    [
        ("rectificatie", "corrigeren"),
        ("wissing", "wissen"),
        ("beperking", "beperken"),
        ("bezwaar", "verwerking-staken"),
    ],
)
async def test_granted_requests_list_what_each_supplier_must_do(
    client: httpx.AsyncClient, auth: AuthHeaders, soort: str, handeling: str
) -> None:
    wie = persoon()
    case = await case_of(client, auth, wie)
    v = await create_verzoek(client, auth, verzoek(wie, soort=soort))
    await _all_but(client, auth, v)
    decided = await client.post(
        f"{URL}/{v['id']}/besluit",
        json={"uitkomst": "toegewezen", "motivering": "Terecht verzoek."},
        headers=auth(*CONTACTPUNT),
    )
    assert decided.status_code == 200, decided.text
    opdrachten = {o["deelnemer"]: o for o in decided.json()["opdrachten"]}
    assert case["verstrekking"] in opdrachten["reclassering-nederland"]["onderdelen"]
    assert case["casus"] in opdrachten["politie"]["onderdelen"]
    assert {o["handeling"] for o in opdrachten.values()} == {handeling}
    # The supplier finds its own work in the request; nothing of the others'.
    own = (await client.get(f"{URL}/{v['id']}", headers=auth("reclassering-nederland"))).json()
    assert [o["deelnemer"] for o in own["opdrachten"]] == ["reclassering-nederland"]
    # History is not edited: the supply still reads as supplied.
    supplies = await client.get(
        f"/v1/casussen/{case['casus']}/gegevensverstrekkingen",
        headers=auth("reclassering-nederland"),
    )
    assert "Meldplicht." in [x["inhoud"] for x in supplies.json()["gegevensverstrekkingen"]]


async def test_every_step_is_in_the_processing_log(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    wie = persoon()
    case = await case_of(client, auth, wie)
    v = await create_verzoek(client, auth, verzoek(wie))
    await client.get(f"{URL}/{v['id']}/inzage", headers=auth(*CONTACTPUNT))
    await react(client, auth, v["id"], "ggz")
    log = await client.get(
        f"/v1/verwerkingen?casusId={case['casus']}",
        headers=auth("gemeente-utrecht", "functionaris-gegevensbescherming"),
    )
    assert log.status_code == 200, log.text
    entries = [
        (e["activiteit"], e["handeling"], e["deelnemer"])
        for e in log.json()["verwerkingen"]
        if e["activiteit"] == "betrokkenenverzoek"
    ]
    assert ("betrokkenenverzoek", "vastleggen", "gemeente-utrecht") in entries
    assert ("betrokkenenverzoek", "raadplegen", "gemeente-utrecht") in entries
    assert ("betrokkenenverzoek", "vastleggen", "ggz") in entries


async def test_idempotent_creation(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth(*CONTACTPUNT), "Idempotency-Key": "verzoek-1"}
    body = verzoek(persoon())
    first = await client.post(URL, json=body, headers=headers)
    again = await client.post(URL, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
