"""The one module that knows the JWT library (python-jose); swap it here and nowhere else."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jose import jwk, jws, jwt
from jose.exceptions import ExpiredSignatureError, JWSError, JWTClaimsError, JWTError

ALLOWED_ALGORITHMS: tuple[str, ...] = ("RS256", "ES256")
REQUIRED_CLAIMS: tuple[str, ...] = ("iss", "aud", "exp", "iat")


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
) -> dict[str, Any]:
    """Verify signature, algorithm, iss, aud, exp, nbf and iat; return the claims."""
    try:
        header = jwt.get_unverified_header(token)
    except JWTError as exc:
        raise TokenInvalid("Het token is geen geldig JWT.", "token-onleesbaar") from exc
    alg = header.get("alg")
    if alg not in ALLOWED_ALGORITHMS:
        raise TokenInvalid(
            f"Ondertekeningsalgoritme {alg!s} is niet toegestaan; alleen RS256 of ES256.",
            "algoritme-niet-toegestaan",
        )
    kid = header.get("kid")
    candidates = [k for k in keys if k.algorithm == alg and (kid is None or k.kid in (None, kid))]
    if not candidates:
        raise TokenInvalid(
            "Het token is ondertekend met een onbekende sleutel.", "sleutel-onbekend"
        )
    verified = None
    for candidate in candidates:
        try:
            jws.verify(token, candidate.key, algorithms=[alg])
        except JWSError:
            continue
        verified = candidate
        break
    if verified is None:
        raise TokenInvalid("De ondertekening van het token is ongeldig.", "ondertekening-ongeldig")
    missing = [name for name in REQUIRED_CLAIMS if name not in _unverified_claims(token)]
    if missing:
        raise TokenInvalid(
            f"Het token mist verplichte claims: {', '.join(missing)}.", "claims-ontbreken"
        )
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            verified.key,
            algorithms=[alg],
            audience=audience,
            issuer=issuer,
            options={"verify_signature": False, "leeway": leeway},
        )
    except ExpiredSignatureError as exc:
        raise TokenInvalid("Het token is verlopen (exp).", "token-verlopen") from exc
    except JWTClaimsError as exc:
        raise TokenInvalid(_claims_reason(str(exc)), "claims-ongeldig") from exc
    except JWTError as exc:
        raise TokenInvalid("Het token is niet leesbaar.", "token-onleesbaar") from exc
    iat = claims["iat"]
    if not isinstance(iat, int | float) or iat > now + leeway:
        raise TokenInvalid("Het token is in de toekomst uitgegeven (iat).", "iat-in-toekomst")
    return claims


def _unverified_claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.get_unverified_claims(token)
    return claims


def _claims_reason(message: str) -> str:
    lowered = message.lower()
    if "audience" in lowered:
        return "Het token is niet voor deze dienst bestemd (aud)."
    if "issuer" in lowered:
        return "Het token komt niet van een vertrouwde uitgever (iss)."
    if "not yet valid" in lowered or "nbf" in lowered:
        return "Het token is nog niet geldig (nbf)."
    return "Het token heeft ongeldige claims."


def sign(claims: Mapping[str, Any], private_key_pem: str, *, algorithm: str, kid: str) -> str:
    """Sign claims (development tokens and tests only)."""
    if algorithm not in ALLOWED_ALGORITHMS:
        raise ValueError(f"algorithm {algorithm} is not allowed")
    return jwt.encode(dict(claims), private_key_pem, algorithm=algorithm, headers={"kid": kid})
