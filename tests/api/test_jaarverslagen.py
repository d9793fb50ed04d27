"""The annual report: counts for a year from a seeded history, small counts suppressed,
never personal data; JSON and CSV; only for the joint controllers, FG and beheerder."""

import json
import os
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import anyio
import httpx
import pytest

from app.config import Settings
from app.db.session import Database
from app.db.tables_contactpunt import BetrokkenenverzoekRow, DatalekRow
from app.db.tables_verantwoording import RacAdviesRow
from app.services.jaarverslag import suppress
from tests.conftest import AuthHeaders
from tests.factories.casussen import aanmelding, admit, close, create_casus

pytestmark = pytest.mark.anyio

# A year of its own: nothing else in the test database falls in it.
JAAR = 2017
LEZER = ("gemeente-utrecht", "functionaris-gegevensbescherming")


@pytest.mark.parametrize(("aantal", "getoond"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (17, 17)])
def test_small_counts_are_suppressed(aantal: int, getoond: int | str) -> None:
    assert suppress(aantal) == getoond


def _count(report: dict[str, Any], onderwerp: str, uitsplitsing: str) -> int | str | None:
    for t in report["tellingen"]:
        if (t["onderwerp"], t["uitsplitsing"]) == (onderwerp, uitsplitsing):
            aantal: int | str = t["aantal"]
            return aantal
    return None


async def _rac(db: Database, n: int, *, gevolgd: bool) -> None:
    async with db.session() as session:
        session.add_all(
            RacAdviesRow(
                id=f"rac-{gevolgd}-{i}-{datetime.now(UTC).timestamp()}",
                zvh="zvh-demo",
                onderwerp="Onderwerp",
                datum=date(JAAR, 3, 1),
                advies="Advies",
                gevolgd=gevolgd,
                afwijking_motivering=None if gevolgd else "Motivering",
                vastgelegd_door="gemeente-utrecht",
                sub="tester",
                vastgelegd_op=datetime.now(UTC),
            )
            for i in range(n)
        )
        await session.commit()


async def test_counts_from_a_seeded_history(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    # Registrations in the year: 5 by politie (shown), 1 by om ("<5").
    for _ in range(5):
        await create_casus(client, auth, "politie", aanmelddatum=f"{JAAR}-02-03")
    await create_casus(client, auth, "om", aanmelddatum=f"{JAAR}-02-03")
    # Outside the year: not counted.
    await create_casus(client, auth, "politie", aanmelddatum=f"{JAAR - 1}-12-31")
    await _rac(db, 5, gevolgd=True)
    await _rac(db, 4, gevolgd=False)
    response = await client.get(f"/v1/jaarverslagen/{JAAR}", headers=auth(*LEZER))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["jaar"] == JAAR
    assert report["samenwerkingsverband"] == "zvh-demo"
    assert _count(report, "aanmeldingen", "politie") == 5
    om = [
        t for t in report["tellingen"] if t["onderwerp"] == "aanmeldingen" and t["aantal"] == "<5"
    ]
    assert len(om) == 1
    assert _count(report, "rac-adviezen", "gevolgd") == 5
    assert _count(report, "rac-adviezen", "afgeweken") == "<5"
    # Rows that nothing filled are there, as 0.
    assert _count(report, "heropeningen", "totaal") == 0
    assert _count(report, "verlengingen", "terugvalrisico") == 0
    assert report["nietOpgenomen"] == []


async def test_decisions_of_this_year(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    """Counted in the year they happen (today): admissions, rejections, closures."""
    jaar = date.today().year
    before = (await client.get(f"/v1/jaarverslagen/{jaar}", headers=auth(*LEZER))).json()
    for _ in range(5):
        casus = await create_casus(client, auth)
        await admit(client, auth, casus["id"])
        await close(client, auth, casus["id"], date.today().isoformat())
    for _ in range(5):
        casus = await create_casus(client, auth)
        rejected = await client.post(
            f"/v1/casussen/{casus['id']}/intake",
            json={
                "besluit": "afgewezen",
                "criteria": (await _criteria()),
                "toelichting": "Geen aanleiding.",
            },
            headers=auth("gemeente-utrecht"),
        )
        assert rejected.status_code == 200, rejected.text
    after = (await client.get(f"/v1/jaarverslagen/{jaar}", headers=auth(*LEZER))).json()

    def grew(onderwerp: str, uitsplitsing: str) -> bool:
        a, b = _count(before, onderwerp, uitsplitsing), _count(after, onderwerp, uitsplitsing)
        return isinstance(b, int) and b >= 5 and (not isinstance(a, int) or b - a == 5)

    assert grew("intake", "toegelaten")
    assert grew("intake", "afgewezen")
    assert grew("definitieve-beoordeling", "toegelaten")
    assert grew("afsluitingen", "totaal")


async def _criteria() -> dict[str, Any]:
    from tests.factories.casussen import besluit

    criteria: dict[str, Any] = besluit()["criteria"]
    return criteria


async def test_csv_and_no_personal_data(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    body = aanmelding(aanmelddatum=f"{JAAR}-05-05")
    created = await client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert created.status_code == 201
    response = await client.get(
        f"/v1/jaarverslagen/{JAAR}", headers={**auth(*LEZER), "Accept": "text/csv"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0] == "samenwerkingsverband,jaar,onderwerp,uitsplitsing,aantal"
    assert f"zvh-demo,{JAAR},heropeningen,totaal,0" in lines
    json_report = await client.get(f"/v1/jaarverslagen/{JAAR}", headers=auth(*LEZER))
    for text in (response.text, json_report.text):
        assert body["betrokkene"]["bsn"] not in text
        assert body["betrokkene"]["achternaam"] not in text
        assert created.json()["id"] not in text


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "status"),
    [
        ("gemeente-utrecht", ("beheerder",), 200),
        ("om", ("medewerker",), 200),  # a joint controller
        ("ggz", ("functionaris-gegevensbescherming",), 403),
        ("politie", ("beheerder",), 200),  # a joint controller, whatever the role
        ("ggz", ("beheerder",), 403),  # not the designated beheerder
        ("reclassering-nederland", ("medewerker",), 403),
    ],
)
async def test_who_may_read(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    status: int,
) -> None:
    response = await client.get(f"/v1/jaarverslagen/{JAAR}", headers=auth(deelnemer, *rollen))
    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "geen-toegang"


async def test_another_partnership_counts_only_its_own(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    for _ in range(5):
        await create_casus(client, auth, "politie", aanmelddatum=f"{JAAR}-07-07")
    oost = await client.get(
        f"/v1/jaarverslagen/{JAAR}", headers=auth("gemeente-zwolle", zvh="zvh-oost")
    )
    assert oost.status_code == 200
    assert oost.json()["samenwerkingsverband"] == "zvh-oost"
    assert [t for t in oost.json()["tellingen"] if t["onderwerp"] == "aanmeldingen"] == []


async def test_the_report_command(settings: Settings) -> None:
    env = {**os.environ, "ZVH_DATABASE_URL": settings.database_url}
    command = [sys.executable, "-m", "app.cli", "report", "--jaar", "2016", "--zvh", "zvh-demo"]
    result = await anyio.run_process(command, check=False, env=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["jaar"] == 2016
    tellingen = document["samenwerkingsverbanden"]["zvh-demo"]
    assert {"onderwerp": "heropeningen", "uitsplitsing": "totaal", "aantal": 0} in tellingen
    csv = await anyio.run_process([*command, "--csv"], check=False, env=env)
    assert csv.stdout.decode().splitlines()[0] == (
        "samenwerkingsverband,jaar,onderwerp,uitsplitsing,aantal"
    )


async def test_data_subject_requests_and_breaches(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    """Issue 12's registers: requests per kind and within their term, breaches reported
    within the 72 hours or late; 5 shown, 1 as "<5"."""
    moment = datetime(JAAR, 4, 1, 10, tzinfo=UTC)
    async with db.session() as session:
        for n in range(6):
            session.add(
                BetrokkenenverzoekRow(
                    id=f"verzoek-{n}-{moment.timestamp()}-{uuid.uuid4().hex[:6]}",
                    zvh="zvh-demo",
                    soort="inzage",
                    bsn=None,
                    voornamen="Jan",
                    achternaam="Geheim",
                    geboortedatum=date(1980, 1, 1),
                    ontvangen_op=date(JAAR, 3, 1),
                    omschrijving="Inzage.",
                    uiterlijke_beslisdatum=date(JAAR, 4, 1),
                    casussen=[],
                    betrokken_deelnemers=[],
                    # Five decided on time, one after its term.
                    besloten_op=moment if n < 5 else datetime(JAAR, 4, 20, tzinfo=UTC),
                    aangemaakt_op=moment,
                    aangemaakt_door="gemeente-utrecht",
                )
            )
            session.add(
                DatalekRow(
                    id=f"lek-{n}-{uuid.uuid4().hex[:8]}",
                    zvh="zvh-demo",
                    gemeld_door="politie",
                    sub="tester",
                    ontdekt_op=moment,
                    melden_uiterlijk=moment + timedelta(hours=72),
                    omschrijving="Verkeerd geadresseerd.",
                    soorten_gegevens=["naam"],
                    geschat_aantal_betrokkenen=1,
                    casussen=[],
                    meldplichtig=True,
                    gemeld_ap_op=moment + timedelta(hours=10 if n < 5 else 100),
                    aangemaakt_op=moment,
                )
            )
        await session.commit()
    report = (await client.get(f"/v1/jaarverslagen/{JAAR}", headers=auth(*LEZER))).json()
    assert _count(report, "betrokkenenverzoeken", "inzage") == 6
    assert _count(report, "betrokkenenverzoeken-termijn", "op-tijd") == 5
    assert _count(report, "betrokkenenverzoeken-termijn", "te-laat") == "<5"
    assert _count(report, "datalekken", "binnen-72-uur-gemeld") == 5
    assert _count(report, "datalekken", "te-laat-gemeld") == "<5"
    assert "Geheim" not in json.dumps(report)
