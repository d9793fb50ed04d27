"""Standard Webhooks signatures and the retry schedule (app/domain/notificatie.py)."""

from datetime import timedelta

import pytest

from app.domain.notificatie import (
    GeheimOngeldig,
    Herhaalbeleid,
    headers,
    new_secret,
    secret_bytes,
    sign,
)


def test_signature_matches_the_specifications_example() -> None:
    # The example of the Standard Webhooks reference libraries (standard-webhooks/libraries).
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert (
        sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_headers_carry_id_timestamp_signature() -> None:
    secret = new_secret()
    found = headers(secret, "m1", 1700000000, b"{}")
    assert found["webhook-id"] == "m1"
    assert found["webhook-timestamp"] == "1700000000"
    assert found["webhook-signature"] == sign(secret, "m1", 1700000000, b"{}")
    assert sign(secret, "m1", 1700000001, b"{}") != found["webhook-signature"]


def test_new_secret_is_32_random_bytes() -> None:
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_")
    assert len(secret_bytes(first)) == 32
    assert first != second


@pytest.mark.parametrize(
    "secret",
    [
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_",
        "whsec_QUJD",
        "whsec_@@@@",
        "whsec_" + "A" * 100,
    ],
)
def test_bad_secrets(secret: str) -> None:
    with pytest.raises(GeheimOngeldig):
        secret_bytes(secret)


BELEID = Herhaalbeleid(max_pogingen=5, basis_seconden=60, max_seconden=600)


@pytest.mark.parametrize(
    ("poging", "laagste", "hoogste"),
    [(1, 30, 60), (2, 60, 120), (3, 120, 240), (4, 240, 480), (5, 300, 600), (9, 300, 600)],
)
def test_backoff_doubles_with_jitter_up_to_the_maximum(
    poging: int, laagste: float, hoogste: float
) -> None:
    assert BELEID.wachttijd(poging, lambda: 0.0) == timedelta(seconds=laagste)
    assert BELEID.wachttijd(poging, lambda: 1.0) == timedelta(seconds=hoogste)
    assert laagste < BELEID.wachttijd(poging, lambda: 0.5).total_seconds() < hoogste


def test_gives_up_after_the_last_attempt() -> None:
    assert [BELEID.opgeven(p) for p in range(1, 7)] == [False] * 4 + [True, True]
