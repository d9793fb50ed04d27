"""NDJSON lines refused one by one: every bad line keeps its exact problem line.

The line path validates in two steps (a fast one, and the full one for anything it does
not accept at once), so these lines pin the answer of each kind of bad line: structure,
types, enum values, dates, JSON syntax, control characters, sources and categories.
"""

import json
from typing import Any

import httpx
import pytest

from app.routers._toetsing_codec import LOOKAHEAD
from tests.conftest import AuthHeaders
from tests.factories.prioritering import VOLDOET, published_list

pytestmark = pytest.mark.anyio
NDJSON = {"Content-Type": "application/x-ndjson"}
FEIT = {"soort": "veroordeling", "categorie": "geweld", "datum": "2025-01-10", "bron": "om"}


def line(ref: Any = "k", **feit: Any) -> bytes:
    return json.dumps({"ref": ref, "feiten": [{**FEIT, **feit}]}).encode()


BAD: list[tuple[bytes, list[tuple[str, str]]]] = [
    (b"geen json", [("", "json-ongeldig")]),
    (b'{"ref": "k", "feiten": [', [("", "json-ongeldig")]),
    (b"[]", [("", "geen-object")]),
    (line(ref=7), [(".ref", "geen-tekst")]),
    (line(ref=""), [(".ref", "te-kort")]),
    (line(ref="k\u0000"), [(".ref", "stuurteken")]),
    (line(ref="k\u0008"), [(".ref", "stuurteken")]),
    (line(soort="nationaliteit"), [(".feiten.0.soort", "onbekende-waarde")]),
    (line(soort=1), [(".feiten.0.soort", "onbekende-waarde")]),
    (line(datum="2025-02-30"), [(".feiten.0.datum", "geen-datum")]),
    (line(datum=20250110), [(".feiten.0.datum", "geen-datum")]),
    (line(datum="2025-01-10T00:00:00"), [(".feiten.0.datum", "geen-datum")]),
    (line(categorie="geweld\u0000"), [(".feiten.0.categorie", "stuurteken")]),
    (line(bron="om\u0000"), [(".feiten.0.bron", "stuurteken")]),
    (line(bron="cjib"), [(".feiten.0.bron", "bron-niet-toegestaan")]),
    (line(categorie="woonoverlast"), [(".feiten.0.categorie", "categorie-onbekend")]),
    (
        line(categorie="x\u0001", bron="buurman\u0002"),
        [(".feiten.0.categorie", "stuurteken"), (".feiten.0.bron", "stuurteken")],
    ),
    (line(extra=1), [(".feiten.0.extra", "onbekend-veld")]),
    (json.dumps({"ref": "k"}).encode(), [(".feiten", "verplicht")]),
]


async def test_each_bad_line_gets_its_exact_problem_line(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    goed = b"".join(
        json.dumps({**VOLDOET, "ref": f"k-{i}"}).encode() + b"\n" for i in range(LOOKAHEAD)
    )
    body = goed + b"".join(bad + b"\n" + json.dumps(VOLDOET).encode() + b"\n" for bad, _ in BAD)
    response = await client.post(
        f"/v1/prioriteringslijsten/{lijst_id}/toetsingen?peildatum=2026-01-01",
        content=body,
        headers={**auth("politie"), **NDJSON},
    )
    assert response.status_code == 200
    lines = [json.loads(regel) for regel in response.text.splitlines()[LOOKAHEAD:]]
    assert len(lines) == 2 * len(BAD)
    for n, (bad, expected) in enumerate(BAD):
        index = LOOKAHEAD + 2 * n
        fout, daarna = lines[2 * n], lines[2 * n + 1]
        assert fout["kandidaat"] == index, bad
        params = fout["probleem"]["invalidParams"]
        got = [(p["name"], p["code"]) for p in params]
        assert got == [(f"kandidaten.{index}{name}", code) for name, code in expected], bad
        assert daarna["voldoet"] is True
