"""The authorisation matrix of the case process: every endpoint, every kind of caller.

Each row: the case's stage, the request, the caller, the status (and problem code) the
caller must get. Denials are as important as permissions (art. 2.31 WGS; memorie van
toelichting on need to know): a wrong role, a role claimed at an organisation that is not
designated for it, a private instead of a government participant, an incidental person
without a signed statement of his own or no longer invited, another partnership, a
closed case, the coordinating FG without a reason.
"""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from app.db.session import Database
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING, admit, besluit, close, create_casus, select
from tests.factories.mandaten import create_mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

TODAY = today_in_amsterdam().isoformat()

# Kinds of caller: (deelnemer, roles, token options, extra request headers). The seed
# designates gemeente-utrecht as beheerder, archiefbeheerder, contactpunt and coordinating
# FG: the same roles claimed at any other organisation count for nothing.
CALLERS: dict[str, tuple[str, tuple[str, ...], dict[str, Any], dict[str, str]]] = {
    "gvv": ("gemeente-utrecht", ("medewerker",), {}, {}),
    "gvv-andere": ("om", ("medewerker",), {}, {}),
    "aanmelder": ("reclassering-nederland", ("medewerker",), {}, {}),
    "geselecteerd": ("ggz", ("medewerker",), {}, {}),
    "niet-geselecteerd": ("wijkteam", ("medewerker",), {}, {}),
    "procesregisseur": ("veilig-thuis", ("procesregisseur",), {}, {}),
    "incidenteel": ("cjib", ("medewerker",), {"deelnemertype": "incidenteel"}, {}),
    # A colleague at the same incidental participant who signed nothing (model art. 8.1).
    "incidenteel-collega": (
        "cjib",
        ("medewerker",),
        {"deelnemertype": "incidenteel", "extra": {"sub": "collega-cjib"}},
        {},
    ),
    "incidenteel-niet-uitgenodigd": (
        "belastingdienst",
        ("medewerker",),
        {"deelnemertype": "incidenteel"},
        {},
    ),
    "beheerder": ("gemeente-utrecht", ("beheerder",), {}, {}),
    "archiefbeheerder": ("gemeente-utrecht", ("archiefbeheerder",), {}, {}),
    "contactpunt": ("gemeente-utrecht", ("contactpunt",), {}, {}),
    "beheerder-niet-aangewezen": ("svg", ("beheerder",), {}, {}),
    "archiefbeheerder-niet-aangewezen": ("leger-des-heils", ("archiefbeheerder",), {}, {}),
    "contactpunt-niet-aangewezen": ("gemeente-zeist", ("contactpunt",), {}, {}),
    "beheerder-overheid-niet-aangewezen": ("politie", ("beheerder", "archiefbeheerder"), {}, {}),
    "fg-toezicht": (
        "gemeente-utrecht",
        ("functionaris-gegevensbescherming",),
        {},
        {"Reden": "Klacht van betrokkene, dossier 2026-17."},
    ),
    "fg-zonder-reden": ("gemeente-utrecht", ("functionaris-gegevensbescherming",), {}, {}),
    "fg-andere-gvv": (
        "om",
        ("functionaris-gegevensbescherming",),
        {},
        {"Reden": "Audit."},
    ),
    "ander-zvh": ("gemeente-zwolle", ("medewerker", "beheerder"), {"zvh": "zvh-oost"}, {}),
}


def headers_for(auth: AuthHeaders, kind: str) -> dict[str, str]:
    deelnemer, rollen, options, extra = CALLERS[kind]
    return {**auth(deelnemer, *rollen, **options), **extra}


Stage = Callable[[httpx.AsyncClient, AuthHeaders], Awaitable[str]]
DAG = "2025-01-17"  # one registration day, so that lists can be filtered to this test's case


async def aangemeld(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    return str(
        (await create_casus(client, auth, deelnemer="reclassering-nederland", aanmelddatum=DAG))[
            "id"
        ]
    )


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


async def verwijderd(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    """Signed, then removed from the selection: the statement opens nothing any more."""
    casus_id = await getekend(client, auth)
    await select(client, auth, casus_id, deelnemers=("ggz",))
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
    "verwijderd": verwijderd,
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

# The problem code each refusal carries.
CODES = {400: "reden-ontbreekt", 403: "geen-toegang", 404: "niet-gevonden"}
NIET_AANGEWEZEN = (
    "beheerder-niet-aangewezen",
    "archiefbeheerder-niet-aangewezen",
    "contactpunt-niet-aangewezen",
    "beheerder-overheid-niet-aangewezen",
)

MATRIX: list[tuple[str, tuple[str, str, Any], str, int, str | None]] = [
    # Reading an open case. Every joint controller reads it (after the selection in the
    # joint-controller view), whatever its roles; a designated role adds nothing here.
    *[
        ("in-behandeling", GET, kind, 200, None)
        for kind in (
            "gvv",
            "gvv-andere",
            "aanmelder",
            "geselecteerd",
            "beheerder",
            "contactpunt-niet-aangewezen",
            "beheerder-overheid-niet-aangewezen",
            "fg-toezicht",
        )
    ],
    *[
        ("in-behandeling", GET, kind, 403, None)
        for kind in (
            "niet-geselecteerd",
            "incidenteel",
            "incidenteel-niet-uitgenodigd",
            "beheerder-niet-aangewezen",
            "archiefbeheerder-niet-aangewezen",
            "procesregisseur",
        )
    ],
    # The coordinating FG reads for supervision only with a stated reason.
    ("in-behandeling", GET, "fg-zonder-reden", 400, None),
    ("in-behandeling", GET, "ander-zvh", 404, None),
    # Incidental participants: only the person who signed, only while invited.
    ("getekend", GET, "incidenteel", 200, None),
    ("getekend", GET, "incidenteel-collega", 403, None),
    ("getekend", GET, "incidenteel-niet-uitgenodigd", 403, None),
    ("verwijderd", GET, "incidenteel", 403, None),
    # A closed case is shielded: only the designated beheerder, archiefbeheerder and
    # contactpunt, and the coordinating FG with a reason (issue 10: roles claimed elsewhere).
    *[
        ("afgesloten", GET, kind, 200, None)
        for kind in ("beheerder", "archiefbeheerder", "contactpunt", "fg-toezicht")
    ],
    *[
        ("afgesloten", GET, kind, 403, None)
        for kind in (
            "gvv",
            "aanmelder",
            "geselecteerd",
            "incidenteel",
            "niet-geselecteerd",
            "fg-andere-gvv",
            *NIET_AANGEWEZEN,
        )
    ],
    ("afgesloten", GET, "fg-zonder-reden", 400, None),
    ("afgesloten", GET, "ander-zvh", 404, None),
    # Intake: joint controllers (a process director only with the mandate, below).
    ("aangemeld", INTAKE, "gvv", 200, None),
    *[
        ("aangemeld", INTAKE, kind, 403, None)
        for kind in (
            "aanmelder",
            "procesregisseur",
            "incidenteel",
            "beheerder-niet-aangewezen",
            "niet-geselecteerd",
        )
    ],
    ("aangemeld", INTAKE, "ander-zvh", 404, None),
    ("afgesloten", INTAKE, "gvv", 403, None),
    # Definitive assessment: joint controllers, once, after intake admission. Issue 10: a
    # definitive assessment revived a closed case.
    ("gegevensverzameling", DEFINITIEF, "gvv-andere", 200, None),
    *[
        ("gegevensverzameling", DEFINITIEF, kind, 403, None)
        for kind in ("aanmelder", "procesregisseur", "beheerder-niet-aangewezen")
    ],
    ("aangemeld", DEFINITIEF, "gvv", 409, "ongeldige-statusovergang"),
    ("in-behandeling", DEFINITIEF, "gvv", 409, "ongeldige-statusovergang"),
    ("afgesloten", DEFINITIEF, "gvv", 403, None),
    ("afgesloten", DEFINITIEF, "beheerder", 403, None),
    # Selection, closure: joint controllers only.
    ("in-behandeling", SELECTIE, "gvv", 200, None),
    *[
        ("in-behandeling", SELECTIE, kind, 403, None)
        for kind in ("geselecteerd", "aanmelder", "beheerder-niet-aangewezen", "incidenteel")
    ],
    ("in-behandeling", SELECTIE, "ander-zvh", 404, None),
    ("in-behandeling", AFSLUITING, "gvv-andere", 200, None),
    *[
        ("in-behandeling", AFSLUITING, kind, 403, None)
        for kind in ("geselecteerd", "aanmelder", "beheerder-niet-aangewezen")
    ],
    ("afgesloten", AFSLUITING, "gvv", 409, "ongeldige-statusovergang"),
    # The confidentiality statement: each invited person signs for himself, once.
    ("in-behandeling", VERKLARING, "incidenteel", 201, None),
    ("getekend", VERKLARING, "incidenteel-collega", 201, None),
    *[
        ("in-behandeling", VERKLARING, kind, 403, None)
        for kind in ("incidenteel-niet-uitgenodigd", "gvv", "geselecteerd")
    ],
    ("getekend", VERKLARING, "incidenteel", 409, "al-ondertekend"),
    ("verwijderd", VERKLARING, "incidenteel-collega", 403, None),
    ("afgesloten", VERKLARING, "incidenteel", 403, None),
    # Reopening: the designated beheerder only.
    ("afgesloten", HEROPENING, "beheerder", 200, None),
    *[
        ("afgesloten", HEROPENING, kind, 403, None)
        for kind in (
            "gvv",
            "contactpunt",
            "archiefbeheerder",
            "aanmelder",
            "fg-toezicht",
            *NIET_AANGEWEZEN,
        )
    ],
    ("afgesloten", HEROPENING, "ander-zvh", 404, None),
    ("in-behandeling", HEROPENING, "beheerder", 409, "ongeldige-statusovergang"),
]


@pytest.mark.parametrize(
    ("stage", "request_", "kind", "status", "code"),
    MATRIX,
    ids=[
        f"{stage}-{req[0]}{req[1] or '/'}-{kind}-{status}" for stage, req, kind, status, _ in MATRIX
    ],
)
async def test_matrix(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    stage: str,
    request_: tuple[str, str, Any],
    kind: str,
    status: int,
    code: str | None,
) -> None:
    casus_id = await STAGES[stage](client, auth)
    before = await client.get(f"/v1/casussen/{casus_id}", headers=headers_for(auth, "fg-toezicht"))
    method, suffix, body = request_
    response = await client.request(
        method, f"/v1/casussen/{casus_id}{suffix}", json=body, headers=headers_for(auth, kind)
    )
    assert response.status_code == status, response.text
    if status >= 400:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == (code or CODES[status])
        # A refusal changes nothing.
        after = await client.get(
            f"/v1/casussen/{casus_id}", headers=headers_for(auth, "fg-toezicht")
        )
        assert after.json()["status"] == before.json()["status"]
        assert after.headers["etag"] == before.headers["etag"]


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
    assert refusal(response) == (403, "geen-toegang")


async def test_process_director_needs_the_mandate(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    casus_id = await aangemeld(client, auth)
    regisseur = headers_for(auth, "procesregisseur")
    assert refusal(
        await client.post(f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=regisseur)
    ) == (403, "geen-toegang")
    await create_mandaat(client, auth, "intake", "veilig-thuis")
    allowed = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=regisseur
    )
    assert allowed.status_code == 200, allowed.text
    # It may decide, not read: the answer is the outcome only.
    assert allowed.json()["weergave"] == "status"
    assert allowed.json()["betrokkene"] is None
    assert refusal(await client.get(f"/v1/casussen/{casus_id}", headers=regisseur)) == (
        403,
        "geen-toegang",
    )
    # The mandate covers the intake only, not the definitive assessment.
    definitive = await client.post(
        f"/v1/casussen/{casus_id}/definitieve-beoordeling", json=besluit(), headers=regisseur
    )
    assert refusal(definitive) == (403, "geen-toegang")
    # An incidental participant claiming the role gets nothing from it.
    fake = auth("cjib", "procesregisseur", deelnemertype="incidenteel")
    other = await aangemeld(client, auth)
    assert refusal(
        await client.post(f"/v1/casussen/{other}/intake", json=besluit(), headers=fake)
    ) == (403, "geen-toegang")


async def test_denial_wins_over_a_bad_body(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await aangemeld(client, auth)
    for kind in ("aanmelder", "incidenteel"):
        response = await client.post(
            f"/v1/casussen/{casus_id}/intake",
            content=b"{niet json",
            headers={**headers_for(auth, kind), "Content-Type": "application/json"},
        )
        assert refusal(response) == (403, "geen-toegang")


@pytest.mark.parametrize("stage", list(STAGES))
async def test_the_list_and_the_policy_agree(
    client: httpx.AsyncClient, auth: AuthHeaders, stage: str
) -> None:
    """`GET /v1/casussen` (SQL, app/db/casussen.py::_visible_to) lists a case exactly when
    `GET /v1/casussen/{id}` (the policy, app/auth/case_views.py) lets the caller read it."""
    casus_id = await STAGES[stage](client, auth)
    for kind in CALLERS:
        if kind in ("ander-zvh", "fg-zonder-reden"):
            continue
        headers = headers_for(auth, kind)
        one = await client.get(f"/v1/casussen/{casus_id}", headers=headers)
        listed = await client.get(
            "/v1/casussen",
            params={"aanmelddatumVanaf": DAG, "aanmelddatumTotEnMet": DAG, "paginaGrootte": 200},
            headers=headers,
        )
        assert listed.status_code == 200, (kind, listed.text)
        ids = {c["id"] for c in listed.json()["casussen"]}
        assert (casus_id in ids) is (one.status_code == 200), (stage, kind, one.status_code)
    # Another partnership sees nothing; the coordinating FG lists nothing without a reason.
    oost = await client.get("/v1/casussen", headers=headers_for(auth, "ander-zvh"))
    assert casus_id not in {c["id"] for c in oost.json()["casussen"]}
    zonder = await client.get("/v1/casussen", headers=headers_for(auth, "fg-zonder-reden"))
    assert zonder.status_code == 400
    assert zonder.json()["code"] == "reden-ontbreekt"


async def test_stale_if_match_is_412_and_changes_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await aangemeld(client, auth)
    gvv = auth("gemeente-utrecht")
    stale = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers={**gvv, "If-Match": '"7"'}
    )
    assert refusal(stale) == (412, "verouderde-versie")
    current = await client.get(f"/v1/casussen/{casus_id}", headers=gvv)
    assert current.json()["status"] == "aangemeld"
    fresh = await client.post(
        f"/v1/casussen/{casus_id}/intake",
        json=besluit(),
        headers={**gvv, "If-Match": current.headers["etag"]},
    )
    assert fresh.status_code == 200
    assert fresh.headers["etag"] == '"2"'
