"""The sweep leaves no personal data anywhere: a full case through the API, then swept.

Every text and JSON column of every table is scanned for the case's names, BSN, date of
birth and free texts; the archive document must hold all of them; dates, codes and
statuses stay for statistics.
"""

import copy
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select, update

from app.config import Settings
from app.db.base import Base
from app.db.session import Database
from app.db.tables import IdempotentieRow
from app.db.tables_overleg import InformatieplichtRow, InterventieRow, PlanVanAanpakRow
from app.db.tables_plaatsing import PlaatsingsfeitRow, PrioriteringsplaatsingRow
from app.services import archivering
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.bewaren import opdracht
from tests.factories.casussen import AANMELDING, CRITERIA
from tests.factories.overleg import overleg, put_plan
from tests.factories.prioritering import actuele_feiten, place, published_list

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"
PERSOON = {
    "bsn": "987654317",
    "voornamen": "Wessel Ambrosius",
    "achternaam": "Zwaluwstaart",
    "geboortedatum": "1987-02-13",
}
TEKSTEN = {
    "aanmeldreden": "Overlast bij de Zwaluwstaartflat, zorg geweigerd.",
    "omgeving naam": "Grietje Zwaluwstaart",
    "omgeving relatie": "tante van moederszijde",
    "ondertekenaar": "Ottoline Kwakernaak, adviseur",
    "verzoek": "Is er een lopend traject bij de Kwakernaakkliniek?",
    "inhoud": "Opgenomen in de Kwakernaakkliniek tot 2024-10-01.",
    "voorwaarden": "Alleen bespreken in het overleg van de Kwakernaakkliniek.",
    "melding": "Het was de Zwaluwkliniek, niet de Kwakernaakkliniek.",
    "correctie": "Opgenomen in de Zwaluwkliniek tot 2024-10-01.",
    "correctie toelichting": "Naam van de kliniek verbeterd.",
    "afspraken": "Eerst woonruimte aan de Zwaluwstaartlaan regelen.",
    "doel": "Zwaluwstaart vindt stabiele woonruimte",
    "interventie": "Wekelijks gesprek met Wessel over de schulden.",
    "motivering": "Lopend opsporingsonderzoek naar Zwaluwstaart.",
    **{f"onderbouwing {k}": f"Wessel Zwaluwstaart, criterium {k}." for k in "abcd"},
    "besluit": "Zwaluwstaart besproken aan de triagetafel.",
    "afsluiting": "Zwaluwstaart heeft zijn doelen bereikt.",
    "noodzaak": "Kent Zwaluwstaart uit de wijk.",
    "noodzaak incidenteel": "Kent de schulden van Zwaluwstaart.",
}
# Unique texts: other tests' data may stay in the database (stored responses), and the
# scan must find only what this case left.
UNIEK = copy.deepcopy(CRITERIA)
for _letter, _value in UNIEK.items():
    _value["onderbouwing"] = TEKSTEN[f"onderbouwing {_letter}"]


def beslissing() -> dict[str, Any]:
    return {"besluit": "toegelaten", "criteria": UNIEK, "toelichting": TEKSTEN["besluit"]}


async def full_case(client: httpx.AsyncClient, auth: AuthHeaders, db: Database) -> tuple[str, str]:
    """A case through every step, closed long enough ago to be due; returns (case, list)."""
    body = copy.deepcopy(AANMELDING)
    body.update(
        betrokkene=PERSOON,
        aanmeldreden=TEKSTEN["aanmeldreden"],
        aanmelddatum="2024-03-03",
        criteria=UNIEK,
        socialeOmgeving=[
            {"naam": TEKSTEN["omgeving naam"], "relatie": TEKSTEN["omgeving relatie"]}
        ],
    )
    created = await client.post(
        "/v1/casussen", json=body, headers={**auth("politie"), "Idempotency-Key": "reg-1"}
    )
    assert created.status_code == 201, created.text
    casus_id: str = created.json()["id"]
    url = f"/v1/casussen/{casus_id}"
    for stap in ("intake", "definitieve-beoordeling"):
        decided = await client.post(f"{url}/{stap}", json=beslissing(), headers=auth(GVV))
        assert decided.status_code == 200, decided.text
    chosen = await client.put(
        f"{url}/deelnemers",
        json={
            "deelnemers": [
                {"deelnemer": d, "noodzaak": TEKSTEN["noodzaak"]}
                for d in ("reclassering-nederland", "ggz")
            ],
            "incidenteleDeelnemers": [
                {"deelnemer": "cjib", "noodzaak": TEKSTEN["noodzaak incidenteel"]}
            ],
        },
        headers=auth(GVV),
    )
    assert chosen.status_code == 200, chosen.text
    signed = await client.post(
        f"{url}/geheimhoudingsverklaringen",
        json={"ondertekenaar": TEKSTEN["ondertekenaar"], "regime": "artikel-1-11-wgs"},
        headers=auth("cjib", deelnemertype="incidenteel"),
    )
    assert signed.status_code == 201, signed.text
    asked = await client.post(
        f"{url}/gegevensverzoeken",
        json={"deelnemer": "ggz", "omschrijving": TEKSTEN["verzoek"]},
        headers={**auth(GVV), "Idempotency-Key": "verzoek-1"},
    )
    assert asked.status_code == 201, asked.text
    supplied = await client.post(
        f"{url}/gegevensverstrekkingen",
        json={
            "categorie": "gewoon",
            "inhoud": TEKSTEN["inhoud"],
            "voorwaarden": {"nietAanDerden": True, "toelichting": TEKSTEN["voorwaarden"]},
        },
        headers={**auth("reclassering-nederland"), "Idempotency-Key": "supply-1"},
    )
    assert supplied.status_code == 201, supplied.text
    supply = f"{url}/gegevensverstrekkingen/{supplied.json()['id']}"
    reported = await client.post(
        f"{supply}/correctieverzoeken",
        json={"toelichting": TEKSTEN["melding"]},
        headers=auth("ggz"),
    )
    assert reported.status_code == 201, reported.text
    corrected = await client.post(
        f"{supply}/correcties",
        json={"inhoud": TEKSTEN["correctie"], "toelichting": TEKSTEN["correctie toelichting"]},
        headers=auth("reclassering-nederland"),
    )
    assert corrected.status_code == 200, corrected.text
    today = today_in_amsterdam().isoformat()
    conference = await client.post(
        f"{url}/casusoverleggen",
        json={**overleg("ggz", "reclassering-nederland", datum=today), "afspraken": TEKSTEN["afspraken"]},
        headers=auth(GVV),
    )  # fmt: skip
    assert conference.status_code == 201, conference.text
    interventie = {"deelnemer": "ggz", "omschrijving": TEKSTEN["interventie"], "termijn": today}
    await put_plan(client, auth, casus_id, doelen=[TEKSTEN["doel"]], interventies=[interventie])
    duty = await client.post(
        f"{url}/informatieplicht",
        json={
            "uitzondering": "art-41-uavg",
            "motivering": TEKSTEN["motivering"],
            "deelnemer": "politie",
            "grond": "d",
            "herbeoordelingOp": "2099-01-01",
        },
        headers=auth(GVV, "contactpunt"),
    )
    assert duty.status_code in (200, 201), duty.text
    lijst_id = await published_list(client, auth)
    feiten = actuele_feiten(today_in_amsterdam())
    placed = await place(client, auth, lijst_id, casus_id, feiten, peildatum=today)
    assert placed.status_code == 201, placed.text
    closed = await client.post(
        f"{url}/afsluiting",
        json={"datum": "2024-12-01", "toelichting": TEKSTEN["afsluiting"]},
        headers=auth(GVV),
    )
    assert closed.status_code == 200, closed.text
    # Closing ended the placement and deleted its facts. Make the sweep meet a placement
    # that is still open with its facts (as data from before that rule would be).
    async with db.session() as session, session.begin():
        p = PrioriteringsplaatsingRow
        await session.execute(
            update(p)
            .where(p.id == placed.json()["id"])
            .values(verwijderd_op=None, verwijderreden=None, verwijdertoelichting=None)
        )
        session.add(
            PlaatsingsfeitRow(
                plaatsing_id=placed.json()["id"],
                volgnummer=1,
                soort="veroordeling",
                categorie="geweld",
                datum=date(2025, 1, 10),
                bron="om",
            )
        )
    return casus_id, lijst_id


async def _texts(db: Database) -> list[tuple[str, str]]:
    """(table, text) for every text, string and JSON value in the database."""
    found: list[tuple[str, str]] = []
    async with db.session() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                for value in row:
                    if isinstance(value, str):
                        found.append((table.name, value))
                    elif isinstance(value, dict | list):
                        found.append((table.name, json.dumps(value, ensure_ascii=False)))
                    elif isinstance(value, date):
                        found.append((table.name, value.isoformat()))
    return found


async def test_no_personal_data_survives_the_sweep(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, settings: Settings, tmp_path: Path
) -> None:
    casus_id, _ = await full_case(client, auth, db)
    now = datetime.now(UTC)
    async with db.session() as session, session.begin():
        for sleutel, moment in (("oud", now - timedelta(hours=25)), ("vers", now)):
            await session.execute(
                insert(IdempotentieRow).values(
                    zvh="zvh-demo",
                    deelnemer="om",
                    sleutel=sleutel,
                    verzoek_hash="0" * 64,
                    status=201,
                    body=json.dumps({"sleutel": sleutel}),
                    location="/v1/deelnemers/x",
                    aangemaakt_op=moment,
                )
            )
    secrets = [*PERSOON.values(), *TEKSTEN.values()]
    before = "\n".join(t for _, t in await _texts(db))
    assert all(s in before for s in secrets)  # so the scan below can fail

    async with db.session() as session:
        stored = set(await session.scalars(select(IdempotentieRow.sleutel)))
    assert {"reg-1", "verzoek-1", "supply-1", "oud", "vers"} <= stored

    uitkomst = await archivering.sweep(db, opdracht(settings, tmp_path))
    assert (uitkomst.gearchiveerd, uitkomst.mislukt) == (1, [])

    leaks = [(table, s) for table, text in await _texts(db) for s in secrets if s in text]
    assert leaks == []
    async with db.session() as session:
        keys = set(await session.scalars(select(IdempotentieRow.sleutel)))
        facts = await session.scalar(select(func.count()).select_from(PlaatsingsfeitRow))
        placement = await session.scalar(
            select(PrioriteringsplaatsingRow).where(PrioriteringsplaatsingRow.casus_id == casus_id)
        )
    # The case's stored responses and the expired key are gone; a live unrelated one stays.
    assert keys & {"reg-1", "verzoek-1", "supply-1", "oud", "vers"} == {"vers"}
    assert facts == 0
    assert placement is not None
    assert placement.verwijderd_op is not None
    assert placement.verwijderreden == "casus-niet-meer-toegelaten"
    assert placement.peildatum == today_in_amsterdam()

    # Dates, codes and statuses stay.
    view = await client.get(
        f"/v1/casussen/{casus_id}", headers=auth("gemeente-utrecht", "beheerder")
    )
    assert view.status_code == 200, view.text
    kept = view.json()
    assert (kept["status"], kept["afsluitdatum"], kept["aanmelddatum"]) == (
        "afgesloten",
        "2024-12-01",
        "2024-03-03",
    )
    assert {b["criteria"]["a"]["mate"] for b in kept["beoordelingen"]} == {"voldaan"}
    async with db.session() as session:
        termijnen = list(
            await session.scalars(
                select(InterventieRow.termijn)
                .join(PlanVanAanpakRow, PlanVanAanpakRow.id == InterventieRow.plan_id)
                .where(PlanVanAanpakRow.casus_id == casus_id)
            )
        )
        uitzondering = await session.scalar(
            select(InformatieplichtRow.uitzondering).where(InformatieplichtRow.casus_id == casus_id)
        )
    assert termijnen == [today_in_amsterdam()]
    assert uitzondering == "art-41-uavg"

    document = (tmp_path / "zvh-demo" / f"casus-{casus_id}.json").read_text("utf-8")
    missing = [s for s in secrets if s not in document]
    assert missing == []
    archived: dict[str, Any] = json.loads(document)
    assert archived["prioriteringsplaatsingen"][0]["feiten"][0]["categorie"] == "geweld"
    assert archived["informatieplicht"]["uitzondering"] == "art-41-uavg"
    assert [o["aanwezigen"] for o in archived["casusoverleggen"]] == [
        ["ggz", "reclassering-nederland"]
    ]


async def _reads(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, lijst_id: str
) -> dict[tuple[str, str], int]:
    """Status of every read of the case and its parts, per reader kind."""
    url = f"/v1/casussen/{casus_id}"
    beheerder = auth(GVV, "beheerder")
    urls = [
        url,
        f"{url}/casusoverleggen",
        f"{url}/plan-van-aanpak",
        f"{url}/plan-van-aanpak/versies",
        f"{url}/gegevensverzoeken",
        f"{url}/gegevensverstrekkingen",
        f"{url}/bewaartermijn",
        f"{url}/verlengingen",
        f"{url}/informatieplicht",
        f"/v1/prioriteringslijsten/{lijst_id}/plaatsingen",
        f"/v1/verwerkingen?casus={casus_id}",
    ]
    for lijst, item in (("casusoverleggen", "id"), ("gegevensverzoeken", "id")):
        found = await client.get(f"{url}/{lijst}", headers=beheerder)
        if found.status_code == 200:
            urls += [f"{url}/{lijst}/{x[item]}" for x in found.json().get("items", [])]
    readers = {
        "beheerder": beheerder,
        "gvv": auth(GVV),
        "contactpunt": auth(GVV, "contactpunt"),
        "ggz": auth("ggz"),
        "cjib": auth("cjib", deelnemertype="incidenteel"),
    }
    statuses: dict[tuple[str, str], int] = {}
    for name, headers in readers.items():
        for u in urls:
            response = await client.get(u, headers=headers)
            assert response.status_code < 500, (name, u, response.text)
            statuses[(name, u)] = response.status_code
    return statuses


async def test_every_read_of_a_swept_case_answers_as_before(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, settings: Settings, tmp_path: Path
) -> None:
    """Anonymising removes the texts, not the case: every read that answered before the
    sweep answers the same way after it (the stored records still match the contract)."""
    casus_id, lijst_id = await full_case(client, auth, db)
    before = await _reads(client, auth, casus_id, lijst_id)
    assert sum(status == 200 for status in before.values()) >= 10  # so the check can fail

    uitkomst = await archivering.sweep(db, opdracht(settings, tmp_path))
    assert (uitkomst.gearchiveerd, uitkomst.mislukt) == (1, [])

    assert await _reads(client, auth, casus_id, lijst_id) == before
