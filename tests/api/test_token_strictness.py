"""Contract v2 token strictness: each defect of issue 10 reproduced, each refusal with its code.

Tokens are built here byte by byte and signed with the development key (RS256 over
`header.payload`), so a test can put exactly what an attacker would into a validly
signed token: a numeric string as `exp`, a `crit` header, a payload that is no object.
"""

import base64
import json
import time
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from app.auth.keys import DEV_KID, dev_key_pair
from app.auth.tokens import MAX_TOKEN_BYTES
from app.config import Settings
from app.db.session import Database
from app.main import create_app
from tests.factories.tokens import claims as _claims

pytestmark = pytest.mark.anyio

URL = "/v1/deelnemers"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _raw_token(settings: Settings, payload: bytes, **header: Any) -> str:
    """An RS256 token over exactly these payload bytes, signed with the trusted dev key."""
    key = serialization.load_pem_private_key(dev_key_pair(settings).private_pem.encode(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    head = _b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": DEV_KID, **header}).encode())
    signing_input = f"{head}.{_b64(payload)}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def _token(settings: Settings, **overrides: Any) -> str:
    return _raw_token(settings, json.dumps(_claims(settings, **overrides)).encode())


async def _call(client: httpx.AsyncClient, token: str) -> tuple[int, dict[str, Any]]:
    response = await client.get(URL, headers={"Authorization": f"Bearer {token}"})
    body: dict[str, Any] = response.json()
    if response.status_code == 401:
        assert response.headers["content-type"] == "application/problem+json"
    return response.status_code, body


async def test_the_hand_built_token_is_accepted(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    # The baseline the refusals below differ from in one point each.
    assert (await _call(client, _token(settings)))[0] == 200


@pytest.mark.parametrize("claim", ["exp", "iat", "nbf"])
async def test_numeric_string_time_claims_are_refused(
    client: httpx.AsyncClient, settings: Settings, claim: str
) -> None:
    # Issue 10: `exp` as a numeric string was accepted (python-jose calls int() on it).
    now = int(time.time())
    value = {"exp": now + 300, "iat": now, "nbf": now}[claim]
    status, body = await _call(client, _token(settings, **{claim: str(value)}))
    assert (status, body["code"]) == (401, "tijdclaim-geen-getal")
    assert claim in body["detail"]


@pytest.mark.parametrize("value", [True, None, [1], {"t": 1}])
async def test_other_non_numbers_as_exp_are_refused(
    client: httpx.AsyncClient, settings: Settings, value: object
) -> None:
    payload = json.dumps({**_claims(settings), "exp": value}).encode()
    status, body = await _call(client, _raw_token(settings, payload))
    assert (status, body["code"]) == (401, "tijdclaim-geen-getal")


async def test_nan_and_infinity_are_no_json_numbers(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    text = json.dumps(_claims(settings)).replace(f'"exp": {_claims(settings)["exp"]}', "")
    for constant in ("NaN", "Infinity"):
        payload = text.replace("{", f'{{"exp": {constant}, ', 1).encode()
        status, body = await _call(client, _raw_token(settings, payload))
        assert (status, body["code"]) == (401, "token-onleesbaar"), constant


async def test_float_time_claims_are_numbers(client: httpx.AsyncClient, settings: Settings) -> None:
    now = time.time()
    assert (await _call(client, _token(settings, iat=now, exp=now + 300.5)))[0] == 200


@pytest.mark.parametrize("crit", [["exp"], ["urn:example:onbekend"], []])
async def test_a_crit_header_is_refused(
    client: httpx.AsyncClient, settings: Settings, crit: list[str]
) -> None:
    # Issue 10: an unknown `crit` header was ignored (RFC 7515 §4.1.11 says reject).
    token = _raw_token(settings, json.dumps(_claims(settings)).encode(), crit=crit)
    status, body = await _call(client, token)
    assert (status, body["code"]) == (401, "crit-niet-ondersteund")


@pytest.mark.parametrize("payload", [b"[1, 2]", b'"claims"', b"42", b"null", b"true"])
async def test_a_signed_payload_that_is_no_object_is_401(
    client: httpx.AsyncClient, settings: Settings, payload: bytes
) -> None:
    # Issue 10: this gave 500.
    status, body = await _call(client, _raw_token(settings, payload))
    assert (status, body["code"]) == (401, "payload-geen-object")


async def test_a_signed_payload_that_is_no_json_is_401(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    for payload in (b"{niet: json}", b"\xff\xfe"):
        status, body = await _call(client, _raw_token(settings, payload))
        assert (status, body["code"]) == (401, "token-onleesbaar")


async def test_lifetime_above_the_maximum_is_refused(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    # Issue 10: there was no maximum lifetime.
    maximum = settings.jwt_max_lifetime_seconds
    assert maximum == 3600  # the contract's default
    now = int(time.time())
    status, body = await _call(client, _token(settings, iat=now, exp=now + maximum + 1))
    assert (status, body["code"]) == (401, "levensduur-te-lang")
    assert (await _call(client, _token(settings, iat=now, exp=now + maximum)))[0] == 200


async def test_the_maximum_lifetime_is_a_setting(settings: Settings, db: Database) -> None:
    stricter = settings.model_copy(update={"jwt_max_lifetime_seconds": 120})
    app = create_app(stricter, database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as strict:
        now = int(time.time())
        status, body = await _call(strict, _token(settings, iat=now, exp=now + 121))
        assert (status, body["code"]) == (401, "levensduur-te-lang")
        assert (await _call(strict, _token(settings, iat=now, exp=now + 120)))[0] == 200


async def test_tokens_over_8_kib_are_refused(client: httpx.AsyncClient, settings: Settings) -> None:
    # Issue 10: there was no size limit. Padding in an extra claim keeps the token valid
    # in every other respect, so the size alone decides.
    base = len(_token(settings, opvulling=""))
    assert MAX_TOKEN_BYTES == 8 * 1024

    def of_length(length: int) -> str:
        # base64url grows by 4/3, plus a little slack; shrink until it fits exactly.
        pad = (length - base) * 3 // 4 + 4
        while len(token := _token(settings, opvulling="x" * pad)) > length:
            pad -= 1
        return token

    fits = of_length(MAX_TOKEN_BYTES)
    assert MAX_TOKEN_BYTES - 4 <= len(fits) <= MAX_TOKEN_BYTES
    assert (await _call(client, fits))[0] == 200
    too_big = _token(settings, opvulling="x" * (MAX_TOKEN_BYTES * 3 // 4))
    assert len(too_big) > MAX_TOKEN_BYTES
    status, body = await _call(client, too_big)
    assert (status, body["code"]) == (401, "token-te-groot")


async def test_an_oversized_token_is_refused_before_it_is_decoded(
    client: httpx.AsyncClient,
) -> None:
    # Not even base64: the size check comes first, so no decoder sees this.
    status, body = await _call(client, "a" * (MAX_TOKEN_BYTES + 1))
    assert (status, body["code"]) == (401, "token-te-groot")


@pytest.mark.parametrize("claim", ["sub", "zvh", "deelnemer"])
async def test_control_characters_in_claim_strings_are_401(
    client: httpx.AsyncClient, settings: Settings, claim: str
) -> None:
    value = {"sub": "mede\x00werker", "zvh": "zvh-demo\x01", "deelnemer": "politie\x1b"}[claim]
    status, body = await _call(client, _token(settings, **{claim: value}))
    assert (status, body["code"]) == (401, "claims-ongeldig")
    assert claim in body["detail"]
