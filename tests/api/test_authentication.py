"""Every kind of bad token is refused with 401 problem+json, and nothing is leaked."""

import base64
import json
import time
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from app.auth.keys import DEV_KID, dev_key_pair
from app.auth.tokens import sign
from app.config import Settings
from tests.conftest import TokenFactory
from tests.factories.tokens import claims as _claims
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "/v1/deelnemers"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signed(settings: Settings, **overrides: Any) -> str:
    return sign(
        _claims(settings, **overrides),
        dev_key_pair(settings).private_pem,
        algorithm="RS256",
        kid=DEV_KID,
    )


def _unsigned(settings: Settings, alg: str) -> str:
    header = _b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    payload = _b64(json.dumps(_claims(settings)).encode())
    return f"{header}.{payload}."


async def _status(client: httpx.AsyncClient, token: str) -> tuple[int, dict[str, Any]]:
    response = await client.get(URL, headers={"Authorization": f"Bearer {token}"})
    if response.status_code == 401:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"].startswith("Bearer")
    body: dict[str, Any] = response.json()
    return response.status_code, body


async def test_valid_token_is_accepted(client: httpx.AsyncClient, settings: Settings) -> None:
    assert (await _status(client, _signed(settings)))[0] == 200


async def test_missing_and_malformed_authorization(client: httpx.AsyncClient) -> None:
    for headers, code in (
        ({}, "token-ontbreekt"),
        ({"Authorization": "Basic dXNlcjpwdw=="}, "token-ontbreekt"),
        ({"Authorization": "Bearer "}, "token-ontbreekt"),
        ({"Authorization": "Bearer abc.def"}, "token-onleesbaar"),
    ):
        response = await client.get(URL, headers=headers)
        assert refusal(response) == (401, code), headers
        body = response.json()
        assert {"type", "title", "status", "detail"} <= body.keys()
        assert body["status"] == 401


async def test_alg_none_is_refused(client: httpx.AsyncClient, settings: Settings) -> None:
    status, body = await _status(client, _unsigned(settings, "none"))
    assert status == 401
    assert body["code"] == "algoritme-niet-toegestaan"


async def test_hs256_signed_with_the_public_key_is_refused(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    # The classic key-confusion attack: HMAC with the public key as the secret.
    import hashlib
    import hmac

    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps(_claims(settings)).encode())
    secret = dev_key_pair(settings).public_pem.encode()
    signature = _b64(hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    status, body = await _status(client, f"{header}.{payload}.{signature}")
    assert status == 401
    assert body["code"] == "algoritme-niet-toegestaan"


async def test_token_signed_by_an_unknown_key_is_refused(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    status, body = await _status(
        client, sign(_claims(settings), pem, algorithm="RS256", kid=DEV_KID)
    )
    assert status == 401
    assert body["code"] == "ondertekening-ongeldig"


async def test_es256_with_an_untrusted_key_is_refused(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    status, body = await _status(
        client, sign(_claims(settings), pem, algorithm="ES256", kid="onbekend")
    )
    assert status == 401
    assert body["code"] == "sleutel-onbekend"


async def test_tampered_payload_is_refused(client: httpx.AsyncClient, settings: Settings) -> None:
    header, _payload, signature = _signed(settings).split(".")
    forged = _b64(json.dumps(_claims(settings, deelnemer="om")).encode())
    status, body = await _status(client, f"{header}.{forged}.{signature}")
    assert status == 401
    assert body["code"] == "ondertekening-ongeldig"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"iss": "https://elders.example"}, "claims-ongeldig"),
        ({"aud": "andere-dienst"}, "claims-ongeldig"),
        ({"iss": None}, "claims-ontbreken"),
        ({"aud": None}, "claims-ontbreken"),
        ({"exp": None}, "claims-ontbreken"),
        ({"iat": None}, "claims-ontbreken"),
        ({"exp": int(time.time()) - 120}, "token-verlopen"),
        ({"nbf": int(time.time()) + 3600}, "claims-ongeldig"),
        ({"iat": int(time.time()) + 3600}, "iat-in-toekomst"),
    ],
)
async def test_registered_claims_are_checked(
    client: httpx.AsyncClient, settings: Settings, overrides: dict[str, Any], code: str
) -> None:
    status, body = await _status(client, _signed(settings, **overrides))
    assert status == 401
    assert body["code"] == code


async def test_small_clock_skew_is_tolerated(client: httpx.AsyncClient, settings: Settings) -> None:
    now = int(time.time())
    assert (await _status(client, _signed(settings, iat=now + 10, nbf=now + 10)))[0] == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"zvh": None},
        {"deelnemer": None},
        {"deelnemertype": "gemeentelijk"},
        {"gezamenlijkVerwerkingsverantwoordelijke": "true"},
        {"gezamenlijkVerwerkingsverantwoordelijke": None},
        {"rollen": ["koning"]},
        {"sub": None},
    ],
)
async def test_custom_claims_are_typed(
    client: httpx.AsyncClient, settings: Settings, overrides: dict[str, Any]
) -> None:
    status, body = await _status(client, _signed(settings, **overrides))
    assert status == 401
    assert body["code"] in {"claims-ongeldig", "claims-ontbreken"}


@pytest.mark.parametrize(
    ("deelnemer", "kwargs", "code"),
    [
        # A private participant claiming joint control.
        ("reclassering-nederland", {"gvv": True}, "claims-wijken-af-van-register"),
        # A private participant claiming to be a government participant.
        ("ggz", {"deelnemertype": "overheid", "gvv": True}, "claims-wijken-af-van-register"),
        # A government participant denying its joint control.
        ("politie", {"gvv": False}, "claims-wijken-af-van-register"),
        # A registered participant pretending to be incidental.
        ("om", {"deelnemertype": "incidenteel", "gvv": False}, "claims-wijken-af-van-register"),
        # Not registered in this partnership.
        ("gemeente-zwolle", {"deelnemertype": "overheid"}, "deelnemer-onbekend"),
        # Registered elsewhere only.
        (
            "gemeente-utrecht",
            {"zvh": "zvh-oost", "deelnemertype": "overheid"},
            "deelnemer-onbekend",
        ),
        # An unknown partnership.
        ("politie", {"zvh": "zvh-nergens"}, "zvh-onbekend"),
        # An incidental participant never holds joint control.
        ("cjib", {"deelnemertype": "incidenteel", "gvv": True}, "claims-wijken-af-van-register"),
    ],
)
async def test_claims_must_agree_with_the_registry(
    client: httpx.AsyncClient,
    token: TokenFactory,
    deelnemer: str,
    kwargs: dict[str, Any],
    code: str,
) -> None:
    status, body = await _status(client, token(deelnemer, **kwargs))
    assert status == 401
    assert body["code"] == code


async def test_incidental_participant_is_accepted_at_this_stage(
    client: httpx.AsyncClient, token: TokenFactory
) -> None:
    status, _ = await _status(client, token("cjib", deelnemertype="incidenteel"))
    assert status == 200


async def test_refusal_does_not_echo_the_token(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    token = _signed(settings, aud="andere-dienst")
    response = await client.get(URL, headers={"Authorization": f"Bearer {token}"})
    assert token not in response.text
    assert token.split(".")[1] not in response.text
