"""The retention sweep: the hold, a crash between archive write and anonymisation, reruns."""

import dataclasses
import datetime
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import Settings
from app.db.session import Database
from app.db.tables import BetrokkeneRow
from app.services import anonimisering, archivering
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.bewaren import opdracht
from tests.factories.casussen import admit, close, create_casus
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


async def due_case(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    """Factsheet example 4: archive date 2025-12-01, due today."""
    casus = await create_casus(client, auth, aanmelddatum="2024-03-03")
    await admit(client, auth, casus["id"])
    await client.post(
        f"/v1/casussen/{casus['id']}/gegevensverstrekkingen",
        json={"categorie": "gewoon", "inhoud": "Detentie tot 2024-10-01."},
        headers=auth("dji"),
    )
    await close(client, auth, casus["id"], "2024-12-01")
    casus_id: str = casus["id"]
    return casus_id


async def view(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> dict[str, Any]:
    response = await client.get(
        f"/v1/casussen/{casus_id}", headers=auth("gemeente-utrecht", "beheerder")
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def log_of(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> list[Any]:
    response = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}&paginaGrootte=500",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    entries: list[Any] = response.json()["verwerkingen"]
    return [e for e in entries if e["activiteit"] == "casus-archiveren"]


async def test_the_hold_anonymises_nothing_but_lists_everything(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, settings: Settings, tmp_path: Path
) -> None:
    casus_id = await due_case(client, auth)
    with pytest.raises(archivering.HoldActive):
        await archivering.sweep(db, opdracht(settings, tmp_path, hold=True))
    plan = await archivering.plan(db, today_in_amsterdam())
    assert casus_id in plan.casussen["zvh-demo"]
    assert (await view(client, auth, casus_id))["betrokkene"]["achternaam"] == "Jansen"
    assert not os.listdir(tmp_path)
    assert await log_of(client, auth, casus_id) == []


async def test_future_as_of_is_refused(db: Database, settings: Settings, tmp_path: Path) -> None:
    today = today_in_amsterdam()
    later = dataclasses.replace(
        opdracht(settings, tmp_path), as_of=today + datetime.timedelta(days=1)
    )
    with pytest.raises(archivering.NotYetDue):
        await archivering.sweep(db, later)


async def test_crash_then_rerun_then_no_op(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    db: Database,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    casus_id = await due_case(client, auth)
    kept = await create_casus(client, auth)  # registered today: not due for years
    document = tmp_path / "zvh-demo" / f"casus-{casus_id}.json"

    async def crash(*_args: object, **_kwargs: object) -> None:
        assert document.exists()  # the archive write happened first
        raise OSError("killed between archive write and anonymisation")

    monkeypatch.setattr(anonimisering, "anonymise_casussen", crash)
    first = await archivering.sweep(db, opdracht(settings, tmp_path))
    assert casus_id in first.mislukt
    written = document.read_bytes()
    # Read without the API, which would log a read and so change the next document.
    async with db.session() as session:
        betrokkene = await session.get(BetrokkeneRow, casus_id)
        assert betrokkene is not None
        assert betrokkene.achternaam == "Jansen"
    manifest = json.loads((tmp_path / "manifest.json").read_text())["documenten"]
    assert f"zvh-demo/casus-{casus_id}.json" not in manifest  # not handed over yet

    monkeypatch.undo()
    second = await archivering.sweep(db, opdracht(settings, tmp_path))
    assert casus_id not in second.mislukt
    assert document.read_bytes() == written  # rewritten identically, not duplicated
    manifest = json.loads((tmp_path / "manifest.json").read_text())["documenten"]
    entry = manifest[f"zvh-demo/casus-{casus_id}.json"]
    assert entry["sha256"] == hashlib.sha256(written).hexdigest()
    archived = json.loads(written)
    assert archived["betrokkene"]["achternaam"] == "Jansen"
    assert (
        archived["gegevensverstrekkingen"][0]["versies"][0]["inhoud"] == "Detentie tot 2024-10-01."
    )
    assert archived["bewaartermijn"]["archiefdatum"] == "2025-12-01"

    after = await view(client, auth, casus_id)
    assert after["betrokkene"] == {
        "bsn": None,
        "voornamen": None,
        "achternaam": None,
        "geboortedatum": None,
    }
    assert after["aanmeldreden"] is None
    assert all(p["naam"] is None for p in after["socialeOmgeving"])
    assert all(b["criteria"]["a"]["onderbouwing"] is None for b in after["beoordelingen"])
    assert all(g["toelichting"] is None for g in after["gebeurtenissen"])
    assert (after["status"], after["afsluitdatum"]) == ("afgesloten", "2024-12-01")
    supplies = await client.get(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert all(s["inhoud"] is None for s in supplies.json()["gegevensverstrekkingen"])
    retention = await client.get(
        f"/v1/casussen/{casus_id}/bewaartermijn",
        headers=auth("gemeente-utrecht", "archiefbeheerder"),
    )
    assert retention.json()["archiveringen"][0]["archiefbeheerder"] == "gemeente-utrecht"
    assert len(await log_of(client, auth, casus_id)) == 1
    assert (await view(client, auth, kept["id"]))["betrokkene"]["achternaam"] == "Jansen"

    manifest_bytes = (tmp_path / "manifest.json").read_bytes()
    third = await archivering.sweep(db, opdracht(settings, tmp_path))
    assert (third.gearchiveerd, third.mislukt) == (0, [])
    assert casus_id not in third.casussen.get("zvh-demo", [])
    assert (tmp_path / "manifest.json").read_bytes() == manifest_bytes
    assert len(await log_of(client, auth, casus_id)) == 1
    refused = await client.post(
        f"/v1/casussen/{casus_id}/heropening",
        json={"toelichting": "Terugval."},
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert refusal(refused) == (409, "casus-gearchiveerd")


async def test_a_rejected_registration_is_swept_like_a_closed_case(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, settings: Settings, tmp_path: Path
) -> None:
    from tests.factories.casussen import besluit

    casus = await create_casus(client, auth, aanmelddatum="2024-03-03")
    await client.post(
        f"/v1/casussen/{casus['id']}/intake",
        json=besluit("afgewezen"),
        headers=auth("gemeente-utrecht"),
    )
    uitkomst = await archivering.sweep(db, opdracht(settings, tmp_path))
    assert casus["id"] not in uitkomst.mislukt
    assert (await view(client, auth, casus["id"]))["betrokkene"]["achternaam"] is None
