"""The two caches on the authentication path keep its guarantees."""

from app.auth.authenticate import VerifiedTokens
from app.auth.claims import Claims

CLAIMS = Claims.model_validate(
    {
        "sub": "s",
        "zvh": "zvh-demo",
        "deelnemer": "politie",
        "deelnemertype": "overheid",
        "gezamenlijkVerwerkingsverantwoordelijke": True,
        "rollen": ["medewerker"],
    }
)


def test_a_cached_token_still_expires() -> None:
    tokens = VerifiedTokens()
    tokens.put("t", expires=1_000, claims=CLAIMS)
    assert tokens.get("t", now=1_000, leeway=0) == CLAIMS
    assert tokens.get("t", now=1_020, leeway=30) == CLAIMS
    assert tokens.get("t", now=1_031, leeway=30) is None
    # Once expired it is gone, even if the clock were to go back.
    assert tokens.get("t", now=900, leeway=30) is None


def test_only_the_exact_token_string_hits() -> None:
    tokens = VerifiedTokens()
    tokens.put("header.payload.signature", expires=2_000, claims=CLAIMS)
    assert tokens.get("header.payload.signaturX", now=1_000, leeway=0) is None


def test_the_cache_is_bounded_oldest_first() -> None:
    tokens = VerifiedTokens(max_entries=2)
    for name in ("a", "b", "c"):
        tokens.put(name, expires=2_000, claims=CLAIMS)
    assert tokens.get("a", now=1_000, leeway=0) is None
    assert tokens.get("c", now=1_000, leeway=0) == CLAIMS
