"""The intake's level of proof (art. 2.31 lid 2 WGS; BGS 2.20 lid 3): "voldoende
aannemelijk" admits at intake, is recorded per criterion, and does not pass the definitive
assessment, which asks whether the criteria are "inderdaad" met."""

import copy
from typing import Any

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.factories.casussen import CRITERIA, besluit, create_casus
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"


def aannemelijk(*letters: str) -> dict[str, Any]:
    criteria = copy.deepcopy(CRITERIA)
    for letter in letters:
        criteria[letter]["mate"] = "aannemelijk"
    return criteria


async def test_plausible_at_intake_then_established_definitively(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, criteria=aannemelijk("a", "b", "c", "d"))
    url = f"/v1/casussen/{casus['id']}"
    intake = await client.post(
        f"{url}/intake", json=besluit(**aannemelijk("b", "c")), headers=auth(GVV)
    )
    assert intake.status_code == 200, intake.text
    assert intake.json()["status"] == "gegevensverzameling"
    # Still only plausible after gathering data: not admitted, every criterion named.
    refused = await client.post(
        f"{url}/definitieve-beoordeling", json=besluit(**aannemelijk("b", "c")), headers=auth(GVV)
    )
    assert refusal(refused) == (400, "ongeldige-invoer")
    assert {(p["name"], p["code"]) for p in refused.json()["invalidParams"]} == {
        ("criteria.b", "b.alleen-aannemelijk"),
        ("criteria.c", "c.alleen-aannemelijk"),
    }
    admitted = await client.post(
        f"{url}/definitieve-beoordeling", json=besluit(), headers=auth(GVV)
    )
    assert admitted.status_code == 200, admitted.text
    view = await client.get(url, headers=auth(GVV))
    beoordelingen = {b["fase"]: b for b in view.json()["beoordelingen"]}
    # The extent is recorded per criterion with each assessment (art. 2.20 lid 3 BGS).
    intake_record = beoordelingen["intake"]
    assert [intake_record["criteria"][k]["mate"] for k in "abcd"] == [
        "voldaan",
        "aannemelijk",
        "aannemelijk",
        "voldaan",
    ]
    assert [intake_record["uitkomst"]["criteria"][k]["mate"] for k in "abcd"] == [
        "voldaan",
        "aannemelijk",
        "aannemelijk",
        "voldaan",
    ]
    assert all(intake_record["uitkomst"]["criteria"][k]["voldaan"] for k in "abcd")
    assert beoordelingen["definitief"]["uitkomst"]["toelaatbaar"] is True
