"""The clock and the retention policy are dependencies: a test overrides them on the app
(`app.dependency_overrides`) and every route follows, without patching a module."""

import dataclasses
from datetime import date

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.deps import bewaarbeleid
from tests.conftest import AuthHeaders
from tests.factories.casussen import aanmelding
from tests.factories.klok import pin_today
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"


async def test_today_is_what_the_override_says(
    app: FastAPI, client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    pin_today(app, "2030-02-03")
    body = aanmelding()
    body.pop("aanmelddatum", None)
    created = await client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert created.status_code == 201, created.text
    assert created.json()["aanmelddatum"] == "2030-02-03"
    # The next day is in the future for every route.
    future = aanmelding(aanmelddatum="2030-02-04")
    refused = await client.post("/v1/casussen", json=future, headers=auth("politie"))
    assert refusal(refused) == (400, "ongeldige-invoer")
    assert [p["code"] for p in refused.json()["invalidParams"]] == ["datum-in-toekomst"]


async def test_the_retention_policy_is_what_the_override_says(
    app: FastAPI, client: httpx.AsyncClient, auth: AuthHeaders, settings: Settings
) -> None:
    """A rejected registration is kept for the rejection period (factsheet example: twelve
    months); a policy of six months moves its archive date for every route."""
    pin_today(app, "2025-06-05")
    zes = dataclasses.replace(settings.bewaarbeleid(), na_afwijzing_maanden=6)
    app.dependency_overrides[bewaarbeleid] = lambda: zes
    created = await client.post(
        "/v1/casussen", json=aanmelding(aanmelddatum="2025-06-05"), headers=auth("politie")
    )
    assert created.status_code == 201, created.text
    casus_id = created.json()["id"]
    rejected = await client.post(
        f"/v1/casussen/{casus_id}/intake",
        json={
            "besluit": "afgewezen",
            "criteria": aanmelding()["criteria"],
            "toelichting": "Niet aannemelijk.",
        },
        headers=auth(GVV),
    )
    assert rejected.status_code == 200, rejected.text
    termijn = await client.get(f"/v1/casussen/{casus_id}/bewaartermijn", headers=auth(GVV))
    assert termijn.status_code == 200, termijn.text
    assert termijn.json()["archiefdatum"] == date(2025, 12, 5).isoformat()
