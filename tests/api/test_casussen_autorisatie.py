"""The authorisation matrix of the case process: every endpoint, every kind of caller.

Each row: the case's stage, the request, the caller, the status the caller must get.
Denials are as important as permissions (art. 2.31 WGS; memorie van toelichting on
need to know): a wrong role, a private instead of a government participant, an
incidental participant without a signed statement, another partnership, a closed case.
"""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from app.db.session import Database
from app.db.tables import SamenwerkingsverbandRow
from app.services.bewaartermijn import today_in_amsterdam
from tests.casussen import AANMELDING, admit, besluit, close, create_casus, select
from tests.conftest import AuthHeaders

pytestmark = pytest.mark.anyio

TODAY = today_in_amsterdam().isoformat()

# Kinds of caller: (deelnemer, roles, token options).
CALLERS: dict[str, tuple[str, tuple[str, ...], dict[str, Any]]] = {
    "gvv": ("gemeente-utrecht", ("medewerker",), {}),
    "gvv-andere": ("om", ("medewerker",), {}),
    "aanmelder": ("reclassering-nederland", ("medewerker",), {}),
    "geselecteerd": ("ggz", ("medewerker",), {}),
    "niet-geselecteerd": ("wijkteam", ("medewerker",), {}),
    "procesregisseur": ("veilig-thuis", ("procesregisseur",), {}),
    "incidenteel": ("cjib", ("medewerker",), {"deelnemertype": "incidenteel"}),
    "incidenteel-niet-uitgenodigd": (
        "belastingdienst",
        ("medewerker",),
        {"deelnemertype": "incidenteel"},
    ),
    "beheerder": ("svg", ("beheerder",), {}),
    "archiefbeheerder": ("leger-des-heils", ("archiefbeheerder",), {}),
    "contactpunt": ("gemeente-zeist", ("contactpunt",), {}),
    "ander-zvh": ("gemeente-zwolle", ("medewerker", "beheerder"), {"zvh": "zvh-oost"}),
}


def headers_for(auth: AuthHeaders, kind: str) -> dict[str, str]:
    deelnemer, rollen, options = CALLERS[kind]
    return auth(deelnemer, *rollen, **options)


Stage = Callable[[httpx.AsyncClient, AuthHeaders], Awaitable[str]]


async def aangemeld(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    return str((await create_casus(client, auth, deelnemer="reclassering-nederland"))["id"])


async def gegevensverzameling(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    casus_id = await aangemeld(client, auth)
    response = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=auth("gemeente-utrecht")
    )
    assert response.status_code == 200
    return casus_id


async def in_behandeling(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    casus_id = await aangemeld(client, auth)
    await admit(client, auth, casus_id)
    await select(client, auth, casus_id, deelnemers=("ggz",), incidenteel=("cjib",))
    return casus_id


async def getekend(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    casus_id = await in_behandeling(client, auth)
    response = await client.post(
        f"/v1/casussen/{casus_id}/geheimhoudingsverklaringen",
        json={"ondertekenaar": "A. de Vries", "regime": "artikel-1-11-wgs"},
        headers=headers_for(auth, "incidenteel"),
    )
    assert response.status_code == 201
    return casus_id


async def afgesloten(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    casus_id = await getekend(client, auth)
    await close(client, auth, casus_id, TODAY)
    return casus_id


STAGES: dict[str, Stage] = {
    "aangemeld": aangemeld,
    "gegevensverzameling": gegevensverzameling,
    "in-behandeling": in_behandeling,
    "getekend": getekend,
    "afgesloten": afgesloten,
}

GET = ("GET", "", None)
INTAKE = ("POST", "/intake", besluit())
DEFINITIEF = ("POST", "/definitieve-beoordeling", besluit())
SELECTIE = (
    "PUT",
    "/deelnemers",
    {"deelnemers": [{"deelnemer": "ggz", "noodzaak": "Behandeling."}]},
)
VERKLARING = (
    "POST",
    "/geheimhoudingsverklaringen",
    {"ondertekenaar": "B. Bakker", "regime": "artikel-1-11-wgs"},
)
AFSLUITING = ("POST", "/afsluiting", {"datum": TODAY, "toelichting": "Klaar."})
HEROPENING = ("POST", "/heropening", {"toelichting": "Terugval."})

MATRIX: list[tuple[str, tuple[str, str, Any], str, int]] = [
    # Reading an open case: joint controllers, the registrant, selected participants,
    # and an incidental participant only after signing.
    *[
        ("in-behandeling", GET, kind, 200)
        for kind in ("gvv", "gvv-andere", "aanmelder", "geselecteerd")
    ],
    *[
        ("in-behandeling", GET, kind, 403)
        for kind in (
            "niet-geselecteerd",
            "incidenteel",
            "incidenteel-niet-uitgenodigd",
            "beheerder",
            "procesregisseur",
        )
    ],
    ("in-behandeling", GET, "ander-zvh", 404),
    ("getekend", GET, "incidenteel", 200),
    ("getekend", GET, "incidenteel-niet-uitgenodigd", 403),
    # A closed case is shielded: only beheerder, archiefbeheerder and contactpunt.
    *[("afgesloten", GET, kind, 200) for kind in ("beheerder", "archiefbeheerder", "contactpunt")],
    *[
        ("afgesloten", GET, kind, 403)
        for kind in ("gvv", "aanmelder", "geselecteerd", "incidenteel", "niet-geselecteerd")
    ],
    ("afgesloten", GET, "ander-zvh", 404),
    # Intake: joint controllers (a process director only with the mandate, below).
    ("aangemeld", INTAKE, "gvv", 200),
    *[
        ("aangemeld", INTAKE, kind, 403)
        for kind in (
            "aanmelder",
            "procesregisseur",
            "incidenteel",
            "beheerder",
            "niet-geselecteerd",
        )
    ],
    ("aangemeld", INTAKE, "ander-zvh", 404),
    ("afgesloten", INTAKE, "gvv", 403),
    # Definitive assessment, selection, closure: joint controllers only.
    ("gegevensverzameling", DEFINITIEF, "gvv-andere", 200),
    *[
        ("gegevensverzameling", DEFINITIEF, kind, 403)
        for kind in ("aanmelder", "procesregisseur", "beheerder")
    ],
    ("in-behandeling", SELECTIE, "gvv", 200),
    *[
        ("in-behandeling", SELECTIE, kind, 403)
        for kind in ("geselecteerd", "aanmelder", "beheerder", "incidenteel")
    ],
    ("in-behandeling", SELECTIE, "ander-zvh", 404),
    ("in-behandeling", AFSLUITING, "gvv-andere", 200),
    *[
        ("in-behandeling", AFSLUITING, kind, 403)
        for kind in ("geselecteerd", "aanmelder", "beheerder")
    ],
    ("afgesloten", AFSLUITING, "gvv", 409),
    # The confidentiality statement: the invited incidental participant itself, once.
    ("in-behandeling", VERKLARING, "incidenteel", 201),
    *[
        ("in-behandeling", VERKLARING, kind, 403)
        for kind in ("incidenteel-niet-uitgenodigd", "gvv", "geselecteerd")
    ],
    ("getekend", VERKLARING, "incidenteel", 409),
    ("afgesloten", VERKLARING, "incidenteel", 403),
    # Reopening: beheerder only.
    ("afgesloten", HEROPENING, "beheerder", 200),
    *[
        ("afgesloten", HEROPENING, kind, 403)
        for kind in ("gvv", "contactpunt", "archiefbeheerder", "aanmelder")
    ],
    ("afgesloten", HEROPENING, "ander-zvh", 404),
]


@pytest.mark.parametrize(
    ("stage", "request_", "kind", "status"),
    MATRIX,
    ids=[f"{stage}-{req[0]}{req[1] or '/'}-{kind}-{status}" for stage, req, kind, status in MATRIX],
)
async def test_matrix(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    stage: str,
    request_: tuple[str, str, Any],
    kind: str,
    status: int,
) -> None:
    casus_id = await STAGES[stage](client, auth)
    method, suffix, body = request_
    response = await client.request(
        method, f"/v1/casussen/{casus_id}{suffix}", json=body, headers=headers_for(auth, kind)
    )
    assert response.status_code == status, response.text
    if status >= 400:
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("kind", ["gvv", "aanmelder", "procesregisseur", "beheerder"])
async def test_fixed_participants_register(
    client: httpx.AsyncClient, auth: AuthHeaders, kind: str
) -> None:
    response = await client.post("/v1/casussen", json=AANMELDING, headers=headers_for(auth, kind))
    assert response.status_code == 201


@pytest.mark.parametrize("kind", ["incidenteel", "incidenteel-niet-uitgenodigd"])
async def test_incidental_participants_never_register(
    client: httpx.AsyncClient, auth: AuthHeaders, kind: str
) -> None:
    response = await client.post("/v1/casussen", json=AANMELDING, headers=headers_for(auth, kind))
    assert response.status_code == 403


async def test_process_director_needs_the_mandate(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    casus_id = await aangemeld(client, auth)
    regisseur = headers_for(auth, "procesregisseur")
    assert (
        await client.post(f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=regisseur)
    ).status_code == 403
    async with db.session() as session:
        await session.execute(
            update(SamenwerkingsverbandRow)
            .where(SamenwerkingsverbandRow.id == "zvh-demo")
            .values(mandaat_procesregisseur_intake=True)
        )
        await session.commit()
    allowed = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=regisseur
    )
    assert allowed.status_code == 200, allowed.text
    # It may decide, not read: the answer is the outcome only.
    assert allowed.json()["weergave"] == "status"
    assert allowed.json()["betrokkene"] is None
    assert (await client.get(f"/v1/casussen/{casus_id}", headers=regisseur)).status_code == 403
    # The mandate covers the intake only, not the definitive assessment.
    definitive = await client.post(
        f"/v1/casussen/{casus_id}/definitieve-beoordeling", json=besluit(), headers=regisseur
    )
    assert definitive.status_code == 403
    # An incidental participant claiming the role gets nothing from it.
    fake = auth("cjib", "procesregisseur", deelnemertype="incidenteel")
    other = await aangemeld(client, auth)
    assert (
        await client.post(f"/v1/casussen/{other}/intake", json=besluit(), headers=fake)
    ).status_code == 403


async def test_denial_wins_over_a_bad_body(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await aangemeld(client, auth)
    for kind in ("aanmelder", "incidenteel"):
        response = await client.post(
            f"/v1/casussen/{casus_id}/intake",
            content=b"{niet json",
            headers={**headers_for(auth, kind), "Content-Type": "application/json"},
        )
        assert response.status_code == 403


async def test_list_shows_only_what_the_caller_may_read(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await getekend(client, auth)

    async def ids(kind: str) -> set[str]:
        response = await client.get(
            "/v1/casussen?paginaGrootte=200", headers=headers_for(auth, kind)
        )
        assert response.status_code == 200
        return {c["id"] for c in response.json()["casussen"]}

    for kind in ("gvv", "aanmelder", "geselecteerd", "incidenteel"):
        assert casus_id in await ids(kind), kind
    for kind in ("niet-geselecteerd", "incidenteel-niet-uitgenodigd", "beheerder", "ander-zvh"):
        assert casus_id not in await ids(kind), kind
    await close(client, auth, casus_id, TODAY)
    for kind in ("beheerder", "archiefbeheerder", "contactpunt"):
        assert casus_id in await ids(kind), kind
    for kind in ("gvv", "aanmelder", "geselecteerd", "incidenteel"):
        assert casus_id not in await ids(kind), kind


async def test_stale_if_match_is_412_and_changes_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await aangemeld(client, auth)
    gvv = auth("gemeente-utrecht")
    stale = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers={**gvv, "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    current = await client.get(f"/v1/casussen/{casus_id}", headers=gvv)
    assert current.json()["status"] == "aangemeld"
    fresh = await client.post(
        f"/v1/casussen/{casus_id}/intake",
        json=besluit(),
        headers={**gvv, "If-Match": current.headers["etag"]},
    )
    assert fresh.status_code == 200
    assert fresh.headers["etag"] == '"2"'
