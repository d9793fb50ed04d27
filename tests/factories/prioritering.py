"""Priority lists, placements and batch checks: the payloads and steps their tests share.

`one_kept_one_removed` builds a list on which a re-evaluation today keeps one placement and
removes another, for tests of commands that run in a process of their own, on the real
today: the facts are dated relative to it, and a stricter version of the criteria,
published after both placements, is what the second placement no longer meets (art. 2.32
lid 4 WGS).
"""

from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select

from app.db.session import Database
from app.db.tables_plaatsing import PlaatsingsfeitRow
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, besluit, create_casus

GVV = "gemeente-utrecht"

# At least 2 violent convictions in 24 months, and at least 1 arrest in 12 months.
CRITERIA: dict[str, Any] = {
    "alle": [
        {"telling": {"soort": "veroordeling", "categorieen": ["geweld"], "periodeMaanden": 24}, "minimaal": 2},
        {"telling": {"soort": "aanhouding", "periodeMaanden": 12}, "minimaal": 1},
    ]
}  # fmt: skip


async def create(
    client: httpx.AsyncClient, auth: AuthHeaders, naam: str = "Top 20 HIC", **kwargs: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/prioriteringslijsten",
        json={"naam": naam, "omschrijving": "Veelplegers high impact crime.", "criteria": CRITERIA},
        headers=auth("gemeente-utrecht", **kwargs),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def publish(client: httpx.AsyncClient, auth: AuthHeaders, lijst_id: str) -> httpx.Response:
    return await client.post(
        f"/v1/prioriteringslijsten/{lijst_id}/publicatie", headers=auth("politie")
    )


def feit(soort: str, categorie: str, datum: str, bron: str = "om") -> dict[str, str]:
    return {"soort": soort, "categorie": categorie, "datum": datum, "bron": bron}


# Facts measured against CRITERIA.
FEITEN = [
    feit("veroordeling", "geweld", "2025-01-10"),
    feit("overlastmelding", "geluid", "2025-02-01", "gemeente-utrecht"),  # counts nowhere
    feit("aanhouding", "diefstal", "2025-06-01", "politie"),
    feit("veroordeling", "geweld", "2025-09-30"),
]
# Still meets the criteria later on: a recent arrest.
FEITEN_RECENT = [
    feit("veroordeling", "geweld", "2025-01-10"),
    feit("veroordeling", "geweld", "2025-09-30"),
    feit("aanhouding", "diefstal", "2026-03-01", "politie"),
]


def actuele_feiten(dag: date) -> list[dict[str, str]]:
    """Facts that meet the list's criteria on `dag` (and for a good while after)."""
    return [
        feit("veroordeling", "geweld", (dag - timedelta(days=300)).isoformat()),
        feit("aanhouding", "diefstal", (dag - timedelta(days=20)).isoformat(), "politie"),
        feit("veroordeling", "geweld", (dag - timedelta(days=30)).isoformat()),
    ]


async def published_list(client: httpx.AsyncClient, auth: AuthHeaders, naam: str = "Top X") -> str:
    lijst = await create(client, auth, naam)
    assert (await publish(client, auth, lijst["id"])).status_code == 200
    return str(lijst["id"])


async def admitted_case(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    return str(casus["id"])


def url(lijst_id: str, rest: str = "plaatsingen") -> str:
    return f"/v1/prioriteringslijsten/{lijst_id}/{rest}"


async def place(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    lijst_id: str,
    casus_id: str,
    feiten: list[dict[str, str]] | None = None,
    peildatum: str = "2026-01-01",
    caller: str = GVV,
    **kwargs: Any,
) -> httpx.Response:
    return await client.post(
        url(lijst_id),
        json={"casusId": casus_id, "peildatum": peildatum, "feiten": FEITEN if feiten is None else feiten},
        headers=auth(caller, **kwargs),
    )  # fmt: skip


def kandidaat(ref: str, *feiten: tuple[str, str, str, str]) -> dict[str, Any]:
    return {
        "ref": ref,
        "feiten": [{"soort": s, "categorie": c, "datum": d, "bron": b} for s, c, d, b in feiten],
    }


VOLDOET = kandidaat(
    "k-1",
    ("veroordeling", "geweld", "2025-01-10", "om"),
    ("aanhouding", "diefstal", "2025-06-01", "politie"),
    ("veroordeling", "geweld", "2025-09-30", "om"),
)
VOLDOET_NIET = kandidaat(
    "k-2",
    ("veroordeling", "geweld", "2025-01-10", "om"),
    ("veroordeling", "geweld", "2026-01-02", "om"),  # after the peildatum
    ("aanhouding", "diefstal", "2025-06-01", "reclassering-nederland"),
)


async def one_kept_one_removed(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    """The list's id: version 2 in force, two placements made under version 1."""
    today = date.today()

    def dag(days_ago: int) -> str:
        return (today - timedelta(days=days_ago)).isoformat()

    lijst_id = await published_list(client, auth)
    drie = [feit("veroordeling", "geweld", dag(d)) for d in (30, 60, 90)]
    arrest = [feit("aanhouding", "diefstal", dag(10), "politie")]
    for feiten in (drie + arrest, drie[:2] + arrest):
        placed = await place(
            client, auth, lijst_id, await admitted_case(client, auth), feiten, today.isoformat()
        )
        assert placed.status_code == 201, placed.text
    stricter = {"alle": [{**CRITERIA["alle"][0], "minimaal": 3}, CRITERIA["alle"][1]]}
    versie = await client.post(
        url(lijst_id, "versies"),
        json={"omschrijving": "Strenger.", "criteria": stricter},
        headers=auth("gemeente-utrecht"),
    )
    assert versie.status_code == 201, versie.text
    assert (await publish(client, auth, lijst_id)).status_code == 200
    return lijst_id


async def intake(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> None:
    response = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=auth(GVV)
    )
    assert response.status_code == 200, response.text


async def stored_facts(db: Database, plaatsing_id: str) -> int:
    async with db.session() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(PlaatsingsfeitRow)
            .where(PlaatsingsfeitRow.plaatsing_id == plaatsing_id)
        )
    return int(count or 0)
