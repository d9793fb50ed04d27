"""Subscriptions `/v1/abonnementen`: the caller's own organisation, callback URL rules."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.auth.keys import DEV_KID, dev_key_pair
from app.config import Environment, Settings
from app.db.session import Database
from app.main import create_app
from tests.conftest import AuthHeaders, checks
from tests.factories.notificaties import GEHEIM, create_abonnement
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "http://127.0.0.1:9/hook"


@pytest.fixture
async def lokaal(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a service that allows receivers inside the network."""
    app = create_app(settings.model_copy(update={"webhook_allow_private": True}), database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://testserver",
        event_hooks=checks(app),
    ) as client:
        yield client


def _codes(response: httpx.Response) -> set[str]:
    return {p["code"] for p in response.json().get("invalidParams", [])}


async def test_create_generates_a_secret_shown_once(
    lokaal: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await create_abonnement(
        lokaal, auth, "reclassering-nederland", URL, "gegevensverzoeken", "casussen", geheim=None
    )
    assert created["geheim"].startswith("whsec_")
    assert created["deelnemer"] == "reclassering-nederland"
    assert created["kanalen"] == ["casussen", "gegevensverzoeken"]

    one = await lokaal.get(
        f"/v1/abonnementen/{created['id']}", headers=auth("reclassering-nederland")
    )
    assert one.status_code == 200
    assert "geheim" not in one.json()
    listed = await lokaal.get("/v1/abonnementen", headers=auth("reclassering-nederland"))
    assert [a["id"] for a in listed.json()["abonnementen"]] == [created["id"]]
    assert "geheim" not in listed.json()["abonnementen"][0]


async def test_a_given_secret_is_kept_and_never_returned(
    lokaal: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await lokaal.post(
        "/v1/abonnementen",
        json={"callbackUrl": URL, "kanalen": ["casussen"], "geheim": GEHEIM},
        headers={**auth("politie"), "Idempotency-Key": "abo-1"},
    )
    assert response.status_code == 201
    assert response.json()["geheim"] is None
    assert response.headers["location"] == f"/v1/abonnementen/{response.json()['id']}"
    assert GEHEIM not in response.text


async def test_delete_ends_it(lokaal: httpx.AsyncClient, auth: AuthHeaders) -> None:
    created = await create_abonnement(lokaal, auth, "politie", URL)
    path = f"/v1/abonnementen/{created['id']}"
    deleted = await lokaal.delete(path, headers=auth("politie"))
    assert deleted.status_code == 204
    gone = await lokaal.get(path, headers=auth("politie"))
    assert gone.status_code == 404
    assert gone.json()["code"] == "niet-gevonden"
    again = await lokaal.delete(path, headers=auth("politie"))
    assert again.json()["code"] == "niet-gevonden"


async def test_another_organisations_subscription_does_not_exist(
    lokaal: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await create_abonnement(lokaal, auth, "politie", URL)
    path = f"/v1/abonnementen/{created['id']}"
    for method in ("GET", "DELETE"):
        response = await lokaal.request(method, path, headers=auth("gemeente-utrecht"))
        assert response.status_code == 404
        assert response.json()["code"] == "niet-gevonden"
    listed = await lokaal.get("/v1/abonnementen", headers=auth("gemeente-utrecht"))
    assert created["id"] not in [a["id"] for a in listed.json()["abonnementen"]]
    # Same organisation name, another partnership: not found either.
    other = await lokaal.get(path, headers=auth("politie", zvh="zvh-oost"))
    assert refusal(other) == (404, "niet-gevonden")


async def test_incidental_participant_is_refused(
    lokaal: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    for method, path, body in (
        ("POST", "/v1/abonnementen", {"callbackUrl": URL, "kanalen": ["casussen"]}),
        ("GET", "/v1/abonnementen", None),
    ):
        response = await lokaal.request(
            method, path, json=body, headers=auth("huisarts-jansen", deelnemertype="incidenteel")
        )
        assert response.status_code == 403
        assert response.json()["code"] == "geen-toegang"


async def test_without_token_401(lokaal: httpx.AsyncClient) -> None:
    response = await lokaal.get("/v1/abonnementen")
    assert response.status_code == 401
    assert response.json()["code"] == "token-ontbreekt"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://ontvanger.example/hook", "callback-url-ongeldig"),
        ("/alleen/een/pad", "callback-url-ongeldig"),
        ("https://gebruiker:wachtwoord@ontvanger.example/hook", "callback-url-ongeldig"),
        ("http://127.0.0.1:8080/hook", "callback-url-intern-adres"),
        ("http://10.1.2.3/hook", "callback-url-intern-adres"),
        ("http://169.254.169.254/latest/meta-data", "callback-url-intern-adres"),
        ("http://[::1]/hook", "callback-url-intern-adres"),
        ("https://ontvanger.invalid/hook", "callback-url-onbekende-host"),
    ],
)
async def test_callback_url_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, url: str, code: str
) -> None:
    response = await client.post(
        "/v1/abonnementen",
        json={"callbackUrl": url, "kanalen": ["casussen"]},
        headers=auth("politie"),
    )
    assert response.status_code == 400, response.text
    assert _codes(response) == {code}


async def test_production_wants_https(
    settings: Settings, db: Database, auth: AuthHeaders, tmp_path: Path
) -> None:
    # Production trusts only configured keys: the development key, as a file.
    key = tmp_path / f"{DEV_KID}.pem"
    key.write_text(dev_key_pair(settings).public_pem)
    production = settings.model_copy(
        update={
            "env": Environment.PRODUCTION,
            "webhook_allow_private": True,
            "jwt_public_key_files": [key],
        }
    )
    app = create_app(production, database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", event_hooks=checks(app)
    ) as client:
        response = await client.post(
            "/v1/abonnementen",
            json={"callbackUrl": URL, "kanalen": ["casussen"]},
            headers=auth("politie"),
        )
        assert response.status_code == 400
        assert _codes(response) == {"callback-url-geen-https"}
        allowed = await client.post(
            "/v1/abonnementen",
            json={"callbackUrl": "https://127.0.0.1/hook", "kanalen": ["casussen"]},
            headers=auth("politie"),
        )
        assert allowed.status_code == 201


async def test_every_problem_of_the_body_is_listed(
    lokaal: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await lokaal.post(
        "/v1/abonnementen",
        json={"callbackUrl": URL, "kanalen": ["casussen", "roddels"], "geheim": "geheim"},
        headers=auth("politie"),
    )
    assert response.status_code == 400
    assert "onbekende-waarde" in _codes(response)
    empty = await lokaal.post(
        "/v1/abonnementen",
        json={"callbackUrl": "ftp://x.example/", "kanalen": ["casussen"], "geheim": "whsec_!!"},
        headers=auth("politie"),
    )
    assert _codes(empty) == {"callback-url-ongeldig", "geheim-ongeldig"}
    none = await lokaal.post(
        "/v1/abonnementen", json={"callbackUrl": URL, "kanalen": []}, headers=auth("politie")
    )
    assert _codes(none) == {"te-weinig"}


@pytest.mark.parametrize(
    "geheim",
    ["whsec_" + "A" * 8, "geheim_" + "A" * 44, "whsec_niet base64!"],
)
async def test_secret_must_be_standard_webhooks(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, geheim: str
) -> None:
    response = await lokaal.post(
        "/v1/abonnementen",
        json={"callbackUrl": URL, "kanalen": ["casussen"], "geheim": geheim},
        headers=auth("politie"),
    )
    assert response.status_code == 400
    assert _codes(response) == {"geheim-ongeldig"}
