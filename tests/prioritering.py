"""A priority list on which a re-evaluation today keeps one placement and removes another.

For tests of commands that run in a process of their own, on the real today: the facts
are dated relative to it, and a stricter version of the criteria, published after both
placements, is what the second placement no longer meets (art. 2.32 lid 4 WGS).
"""

from datetime import date, timedelta

import httpx

from tests.api.test_prioriteringslijsten import CRITERIA, publish
from tests.api.test_prioriteringsplaatsingen import admitted_case, feit, place, published_list, url
from tests.conftest import AuthHeaders


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
