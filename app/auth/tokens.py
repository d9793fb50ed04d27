"""The one module that knows the JWT library (python-jose); swap it here and nowhere else."""

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jose import jwk, jws, jwt
from jose.exceptions import JWSError

ALLOWED_ALGORITHMS: tuple[str, ...] = ("RS256", "ES256")
REQUIRED_CLAIMS: tuple[str, ...] = ("iss", "aud", "exp", "iat")
TIME_CLAIMS: tuple[str, ...] = ("exp", "iat", "nbf")
# Contract v2: a token over 8 KiB is refused before any of it is decoded.
MAX_TOKEN_BYTES = 8 * 1024


class TokenInvalid(Exception):
    """The token failed verification; the message says why, without echoing the token."""

    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True, slots=True)
class VerificationKey:
    """A public key trusted to sign tokens, with its optional key id."""

    kid: str | None
    algorithm: str
    key: Any  # the library's key object, prepared once


def load_pem_public_key(pem: str, kid: str | None = None) -> VerificationKey:
    """Prepare a PEM public key (RSA → RS256, EC P-256 → ES256)."""
    algorithm = "ES256" if "EC" in _pem_kind(pem) else "RS256"
    return VerificationKey(kid=kid, algorithm=algorithm, key=jwk.construct(pem, algorithm))


def _pem_kind(pem: str) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_pem_public_key as load

    return "EC" if isinstance(load(pem.encode()), ec.EllipticCurvePublicKey) else "RSA"


def load_jwks(jwks: Mapping[str, Any]) -> list[VerificationKey]:
    """Prepare the RS256/ES256 keys of a JWKS document; other key types are ignored."""
    keys: list[VerificationKey] = []
    for entry in jwks.get("keys", []):
        alg = entry.get("alg") or {"RSA": "RS256", "EC": "ES256"}.get(entry.get("kty", ""))
        if alg in ALLOWED_ALGORITHMS:
            keys.append(
                VerificationKey(kid=entry.get("kid"), algorithm=alg, key=jwk.construct(entry, alg))
            )
    return keys


def verify(
    token: str,
    keys: Sequence[VerificationKey],
    *,
    issuer: str,
    audience: str,
    leeway: int,
    now: int,
    max_lifetime: int,
) -> dict[str, Any]:
    """Verify size, header, signature, then iss, aud, exp, nbf, iat and lifetime; return the claims.

    The library checks only the signature: its claim checks accept `exp` as a numeric
    string and ignore `crit`, so the registered claims are checked here, strictly.
    """
    if len(token.encode()) > MAX_TOKEN_BYTES:
        raise TokenInvalid(f"Het token is groter dan {MAX_TOKEN_BYTES} bytes.", "token-te-groot")
    try:
        header = jws.get_unverified_header(token)
    except JWSError as exc:
        raise TokenInvalid("Het token is geen geldig JWT.", "token-onleesbaar") from exc
    alg = header.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise TokenInvalid(
            f"Ondertekeningsalgoritme {alg!s} is niet toegestaan; alleen RS256 of ES256.",
            "algoritme-niet-toegestaan",
        )
    if "crit" in header:
        # RFC 7515 §4.1.11: a recipient that does not understand every listed extension
        # must reject the token; this service understands none.
        raise TokenInvalid(
            "Het token vraagt met `crit` om extensies die deze dienst niet ondersteunt.",
            "crit-niet-ondersteund",
        )
    kid = header.get("kid")
    candidates = [k for k in keys if k.algorithm == alg and (kid is None or k.kid in (None, kid))]
    if not candidates:
        raise TokenInvalid(
            "Het token is ondertekend met een onbekende sleutel.", "sleutel-onbekend"
        )
    payload: bytes | None = None
    for candidate in candidates:
        try:
            payload = jws.verify(token, candidate.key, algorithms=[alg])
        except JWSError:
            continue
        break
    if payload is None:
        raise TokenInvalid("De ondertekening van het token is ongeldig.", "ondertekening-ongeldig")
    claims = _claims_object(payload)
    _check_registered_claims(
        claims, issuer=issuer, audience=audience, leeway=leeway, now=now, max_lifetime=max_lifetime
    )
    return claims


def _claims_object(payload: bytes) -> dict[str, Any]:
    try:
        claims = json.loads(payload, parse_constant=_refuse_constant)
    except ValueError as exc:  # also UnicodeDecodeError, and NaN/Infinity
        raise TokenInvalid("De inhoud van het token is geen JSON.", "token-onleesbaar") from exc
    if not isinstance(claims, dict):
        raise TokenInvalid("De inhoud van het token is geen JSON-object.", "payload-geen-object")
    return claims


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is no JSON number")


def _check_registered_claims(
    claims: Mapping[str, Any],
    *,
    issuer: str,
    audience: str,
    leeway: int,
    now: int,
    max_lifetime: int,
) -> None:
    missing = [name for name in REQUIRED_CLAIMS if name not in claims]
    if missing:
        raise TokenInvalid(
            f"Het token mist verplichte claims: {', '.join(missing)}.", "claims-ontbreken"
        )
    not_numbers = [name for name in TIME_CLAIMS if name in claims and not _is_number(claims[name])]
    if not_numbers:
        raise TokenInvalid(
            f"De claims {', '.join(not_numbers)} moeten JSON-getallen zijn (seconden sinds 1970).",
            "tijdclaim-geen-getal",
        )
    if claims["iss"] != issuer:
        raise TokenInvalid(
            "Het token komt niet van een vertrouwde uitgever (iss).", "claims-ongeldig"
        )
    aud = claims["aud"]
    audiences = aud if isinstance(aud, list) else [aud]
    if audience not in [a for a in audiences if isinstance(a, str)]:
        raise TokenInvalid("Het token is niet voor deze dienst bestemd (aud).", "claims-ongeldig")
    exp, iat = claims["exp"], claims["iat"]
    if exp < now - leeway:
        raise TokenInvalid("Het token is verlopen (exp).", "token-verlopen")
    if "nbf" in claims and claims["nbf"] > now + leeway:
        raise TokenInvalid("Het token is nog niet geldig (nbf).", "claims-ongeldig")
    if iat > now + leeway:
        raise TokenInvalid("Het token is in de toekomst uitgegeven (iat).", "iat-in-toekomst")
    if exp - iat > max_lifetime:
        raise TokenInvalid(
            f"Het token is langer geldig (exp − iat) dan de toegestane {max_lifetime} seconden.",
            "levensduur-te-lang",
        )


def _is_number(value: object) -> bool:
    # bool is an int in Python, but `true` is no JSON number.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def sign(claims: Mapping[str, Any], private_key_pem: str, *, algorithm: str, kid: str) -> str:
    """Sign claims (development tokens and tests only)."""
    if algorithm not in ALLOWED_ALGORITHMS:
        raise ValueError(f"algorithm {algorithm} is not allowed")
    return jwt.encode(dict(claims), private_key_pem, algorithm=algorithm, headers={"kid": kid})
