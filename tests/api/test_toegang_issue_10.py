"""Issue 10, reproduced against the API: each defect found on `main`, now refused or hidden.

Others live beside the rules they break: the authorisation matrix
(test_casussen_autorisatie.py: a closed case revived by a definitive assessment, claimed
designated roles reading closed cases, a colleague who never signed, a removed incidental
participant), test_deelnemers.py (a private beheerder making itself a government
participant, GGZ as a government participant) and test_gegevensverstrekkingen.py (DJI
reading what GGZ restricted to nobody). This file holds the rest and the view details.
"""

from datetime import timedelta
from typing import Any

import httpx
import pytest

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING, admit, besluit, close, create_casus, select
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

TODAY = today_in_amsterdam()
FG = ("gemeente-utrecht", "functionaris-gegevensbescherming")


def _fg(
    auth: AuthHeaders, reden: str = "Klacht van betrokkene, dossier 2026-17."
) -> dict[str, str]:
    return {**auth(*FG), "Reden": reden}


async def _log(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> list[dict[str, Any]]:
    response = await client.get(
        "/v1/verwerkingen",
        params={"casusId": casus_id, "paginaGrootte": 500},
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["verwerkingen"]
    return entries


async def test_a_closed_case_is_not_revived_by_a_definitive_assessment(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"])
    await close(client, auth, casus["id"], TODAY.isoformat())
    for deelnemer in ("om", "gemeente-utrecht"):
        revived = await client.post(
            f"/v1/casussen/{casus['id']}/definitieve-beoordeling",
            json=besluit(),
            headers=auth(deelnemer),
        )
        assert revived.status_code == 403
        assert revived.json()["code"] == "geen-toegang"
    # Still closed and shielded: the selected participants read nothing.
    assert refusal(await client.get(f"/v1/casussen/{casus['id']}", headers=auth("ggz"))) == (
        403,
        "geen-toegang",
    )
    shielded = await client.get(f"/v1/casussen/{casus['id']}", headers=_fg(auth))
    assert shielded.json()["status"] == "afgesloten"


async def test_the_definitive_assessment_comes_once(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    again = await client.post(
        f"/v1/casussen/{casus['id']}/definitieve-beoordeling",
        json=besluit("afgewezen"),
        headers=auth("om"),
    )
    assert again.status_code == 409
    assert again.json()["code"] == "ongeldige-statusovergang"


@pytest.mark.parametrize(
    ("deelnemer", "rol"),
    [
        ("reclassering-nederland", "contactpunt"),
        ("svg", "beheerder"),
        ("leger-des-heils", "archiefbeheerder"),
        ("politie", "beheerder"),  # a government participant, but not the designated one
    ],
)
async def test_a_claimed_role_reads_no_closed_case(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, rol: str
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await close(client, auth, casus["id"], TODAY.isoformat())
    response = await client.get(f"/v1/casussen/{casus['id']}", headers=auth(deelnemer, rol))
    assert response.status_code == 403
    assert response.json()["code"] == "geen-toegang"
    assert casus["betrokkene"]["bsn"] not in response.text
    listed = await client.get("/v1/casussen?paginaGrootte=200", headers=auth(deelnemer, rol))
    assert casus["id"] not in {c["id"] for c in listed.json()["casussen"]}
    designated = await client.get(
        f"/v1/casussen/{casus['id']}", headers=auth("gemeente-utrecht", rol)
    )
    assert designated.status_code == 200
    assert designated.json()["weergave"] == "volledig"


async def test_a_joint_controller_not_selected_sees_the_controller_view(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Issue 10: every government participant saw every open case in full."""
    casus = await create_casus(client, auth, deelnemer="reclassering-nederland")
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    full = await client.get(f"/v1/casussen/{casus_id}", headers=auth("dji"))
    assert full.json()["weergave"] == "volledig"  # steps 1-3: the whole case
    assert full.json()["betrokkene"]["bsn"] == casus["betrokkene"]["bsn"]
    await select(client, auth, casus_id, deelnemers=("ggz", "politie"))
    view = (await client.get(f"/v1/casussen/{casus_id}", headers=auth("dji"))).json()
    assert view["weergave"] == "verantwoordelijke"
    assert set(view["onderdelen"]) == {
        "status",
        "beoordelingen",
        "gebeurtenissen",
        "selectie",
        "bewaartermijn",
        "plan-van-aanpak-opzet",
    }
    for hidden in ("betrokkene", "aanmeldreden", "socialeOmgeving", "vorigeCasusId"):
        assert view[hidden] is None, hidden
    assert "Jansen" not in str(view)
    assert casus["betrokkene"]["bsn"] not in str(view)
    assert [b["fase"] for b in view["beoordelingen"]] == ["aanmelding", "intake", "definitief"]
    assert {(d["deelnemer"], bool(d["noodzaak"])) for d in view["deelnemers"]} == {
        ("ggz", True),
        ("politie", True),
    }
    assert view["bewaartermijn"]["maximaleBewaardatum"]
    # Neither supplied data, conference notes nor data requests: refused, or only its own.
    supplies = await client.get(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen", headers=auth("dji")
    )
    assert supplies.json()["gegevensverstrekkingen"] == []
    for part in ("casusoverleggen", "gegevensverzoeken", "informatieplicht"):
        refused = await client.get(f"/v1/casussen/{casus_id}/{part}", headers=auth("dji"))
        assert refused.status_code == 403, part
        assert refused.json()["code"] == "geen-toegang"
    # Selected, politie sees its part as a participant besides the controller's view.
    politie = (await client.get(f"/v1/casussen/{casus_id}", headers=auth("politie"))).json()
    assert politie["weergave"] == "deelnemer"
    assert politie["betrokkene"]["achternaam"] == "Jansen"
    assert politie["betrokkene"]["bsn"] is None
    assert politie["aanmeldreden"] is None
    assert {d["deelnemer"] for d in politie["deelnemers"]} == {"ggz", "politie"}


async def test_the_registrant_keeps_its_own_registration(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, deelnemer="politie")
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], deelnemers=("ggz",))
    own = (await client.get(f"/v1/casussen/{casus['id']}", headers=auth("politie"))).json()
    # A joint controller and the registrant: the union of both views.
    assert own["weergave"] == "verantwoordelijke"
    assert own["aanmeldreden"] == AANMELDING["aanmeldreden"]
    assert own["betrokkene"]["bsn"] == casus["betrokkene"]["bsn"]
    assert own["deelnemers"][0]["deelnemer"] == "ggz"


@pytest.mark.parametrize("deelnemer", ["ggz", "ggd", "gi-jeugd"])
async def test_professional_secrecy_needs_a_basis_to_register(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str
) -> None:
    """Issue 10: GGZ registered "psychose, middelengebruik" without a 2.29(2) basis."""
    body = {**AANMELDING, "aanmeldreden": "Psychose, middelengebruik."}
    refused = await client.post("/v1/casussen", json=body, headers=auth(deelnemer))
    assert refusal(refused) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in refused.json()["invalidParams"]] == [
        ("grondslagBeroepsgeheim", "grondslag-beroepsgeheim-vereist")
    ]
    created = await client.post(
        "/v1/casussen",
        json={**body, "grondslagBeroepsgeheim": "goed-hulpverlenerschap"},
        headers=auth(deelnemer),
    )
    assert created.status_code == 201, created.text
    assert created.json()["grondslagBeroepsgeheim"] == "goed-hulpverlenerschap"
    read = await client.get(f"/v1/casussen/{created.json()['id']}", headers=auth("om"))
    assert read.json()["grondslagBeroepsgeheim"] == "goed-hulpverlenerschap"


async def test_without_professional_secrecy_no_basis_is_needed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await client.post("/v1/casussen", json=AANMELDING, headers=auth("politie"))
    assert created.status_code == 201
    assert created.json()["grondslagBeroepsgeheim"] is None
    wrong = await client.post(
        "/v1/casussen", json={**AANMELDING, "grondslagBeroepsgeheim": "omdat"}, headers=auth("ggz")
    )
    assert refusal(wrong) == (400, "ongeldige-invoer")
    assert wrong.json()["invalidParams"][0]["name"] == "grondslagBeroepsgeheim"


async def test_no_reopening_after_the_maximum(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    """Issue 10: the administrator reopened a case whose five-year maximum had passed."""
    aanmelddatum = TODAY.replace(year=TODAY.year - 5) - timedelta(days=10)
    casus = await create_casus(client, auth, aanmelddatum=aanmelddatum.isoformat())
    await admit(client, auth, casus["id"])
    await close(client, auth, casus["id"], (TODAY - timedelta(days=20)).isoformat())
    beheerder = auth("gemeente-utrecht", "beheerder")
    url = f"/v1/casussen/{casus['id']}/heropening"
    refused = await client.post(url, json={"toelichting": "Terugval."}, headers=beheerder)
    assert refused.status_code == 409
    assert refused.json()["code"] == "maximale-bewaardatum-verstreken"
    after = await client.get(f"/v1/casussen/{casus['id']}", headers=beheerder)
    assert after.json()["status"] == "afgesloten"
    assert after.headers["etag"] == '"4"'


async def test_reopening_needs_a_reason_and_the_designated_beheerder(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await close(client, auth, casus["id"], TODAY.isoformat())
    url = f"/v1/casussen/{casus['id']}/heropening"
    beheerder = auth("gemeente-utrecht", "beheerder")
    for body in ({}, {"toelichting": ""}):
        missing = await client.post(url, json=body, headers=beheerder)
        assert refusal(missing) == (400, "ongeldige-invoer")
        assert missing.json()["invalidParams"][0]["name"] == "toelichting"
    claimed = await client.post(
        url, json={"toelichting": "Terugval."}, headers=auth("politie", "beheerder")
    )
    assert refusal(claimed) == (403, "geen-toegang")
    reopened = await client.post(url, json={"toelichting": "Terugval."}, headers=beheerder)
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["status"] == "in-behandeling"
    events = await client.get(f"/v1/casussen/{casus['id']}", headers=_fg(auth))
    heropend = events.json()["gebeurtenissen"][-1]
    assert (heropend["soort"], heropend["toelichting"]) == ("heropend", "Terugval.")


async def test_the_coordinating_fg_reads_everything_with_a_logged_reason(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await close(client, auth, casus_id, TODAY.isoformat())
    without = await client.get(f"/v1/casussen/{casus_id}", headers=auth(*FG))
    assert without.status_code == 400
    assert without.json()["code"] == "reden-ontbreekt"
    assert without.json()["invalidParams"][0]["name"] == "Reden"
    header = await client.get(f"/v1/casussen/{casus_id}", headers=_fg(auth, "Audit 2026-Q4."))
    assert header.status_code == 200
    assert header.json()["weergave"] == "toezicht"
    assert header.json()["betrokkene"]["bsn"] == casus["betrokkene"]["bsn"]
    query = await client.get(
        f"/v1/casussen/{casus_id}/bewaartermijn",
        params={"reden": "Verzoek betrokkene: inzage, ontvangen 1 december."},
        headers=auth(*FG),
    )
    assert query.status_code == 200
    for bad, code in (("", "reden-ontbreekt"), ("x" * 501, "reden-lengte")):
        refused = await client.get(
            f"/v1/casussen/{casus_id}", params={"reden": bad}, headers=auth(*FG)
        )
        assert refused.status_code == 400
        assert code in {
            refused.json()["code"],
            *(p["code"] for p in refused.json()["invalidParams"]),
        }
    both = await client.get(
        f"/v1/casussen/{casus_id}", params={"reden": "Een."}, headers=_fg(auth, "Twee.")
    )
    assert both.json()["invalidParams"][0]["code"] == "reden-dubbel"
    # The reason travels with the read in the processing log; nobody else's reason is kept.
    await client.get(f"/v1/casussen/{casus_id}", headers={**auth("om"), "Reden": "Nieuwsgierig."})
    reads = {
        (e["deelnemer"], e["activiteit"], e["resultaat"], e["reden"])
        for e in await _log(client, auth, casus_id)
        if e["handeling"] == "raadplegen"
    }
    assert ("gemeente-utrecht", "casus-raadplegen", "geslaagd", "Audit 2026-Q4.") in reads
    assert (
        "gemeente-utrecht",
        "casus-bewaartermijn",
        "geslaagd",
        "Verzoek betrokkene: inzage, ontvangen 1 december.",
    ) in reads
    assert ("om", "casus-raadplegen", "geweigerd", None) in reads
    # An FG elsewhere supervises nothing: it reads the log, not the case.
    om_fg = await client.get(
        f"/v1/casussen/{casus_id}",
        headers={**auth("om", "functionaris-gegevensbescherming"), "Reden": "Audit."},
    )
    assert refusal(om_fg) == (403, "geen-toegang")


async def test_incidental_access_is_per_person_and_only_while_invited(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    casus_id = casus["id"]
    await admit(client, auth, casus_id)
    await select(client, auth, casus_id, deelnemers=("ggz",), incidenteel=("cjib",))
    signer = auth("cjib", deelnemertype="incidenteel", extra={"sub": "cjib-a"})
    colleague = auth("cjib", deelnemertype="incidenteel", extra={"sub": "cjib-b"})
    signed = await client.post(
        f"/v1/casussen/{casus_id}/geheimhoudingsverklaringen",
        json={"ondertekenaar": "A. de Vries, adviseur", "regime": "artikel-1-11-wgs"},
        headers=signer,
    )
    assert signed.status_code == 201
    assert (await client.get(f"/v1/casussen/{casus_id}", headers=signer)).status_code == 200
    never = await client.get(f"/v1/casussen/{casus_id}", headers=colleague)
    assert never.status_code == 403
    assert never.json()["code"] == "geen-toegang"
    supplies = await client.get(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen", headers=colleague
    )
    assert refusal(supplies) == (403, "geen-toegang")
    # Removed from the selection: the statement opens nothing any more.
    await select(client, auth, casus_id, deelnemers=("ggz",))
    for path in ("", "/gegevensverstrekkingen", "/plan-van-aanpak", "/casusoverleggen"):
        removed = await client.get(f"/v1/casussen/{casus_id}{path}", headers=signer)
        assert refusal(removed) == (403, "geen-toegang"), path
    supply = await client.post(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen",
        json={"categorie": "gewoon", "inhoud": "Openstaande boetes."},
        headers=signer,
    )
    assert refusal(supply) == (403, "geen-toegang")
    listed = await client.get("/v1/casussen", headers=signer)
    assert casus_id not in {c["id"] for c in listed.json()["casussen"]}
