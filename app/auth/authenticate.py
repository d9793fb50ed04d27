"""Authenticate a request: verify the bearer token, type its claims, check them with the registry."""

import time
from collections.abc import Mapping
from typing import Protocol

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller, Claims
from app.auth.errors import NotAuthenticated
from app.auth.tokens import TokenInvalid, VerificationKey, verify
from app.config import Settings
from app.domain.aanwijzing import Aanwijzingen
from app.domain.deelnemer import (
    Deelnemer,
    Deelnemertype,
    is_gezamenlijk_verwerkingsverantwoordelijke,
)


class Registerstand(Protocol):
    """A partnership's registry as authentication reads it."""

    @property
    def bestaat(self) -> bool: ...
    @property
    def deelnemers(self) -> Mapping[str, Deelnemer]: ...
    @property
    def aanwijzingen(self) -> Aanwijzingen: ...


class Register(Protocol):
    """Where the registry comes from (app/db/registry_cache.py): auth does not know the db."""

    async def snapshot(self, session: AsyncSession, zvh: str) -> Registerstand: ...


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise NotAuthenticated(
            "Stuur een token mee: Authorization: Bearer <JWT>.", code="token-ontbreekt"
        )
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated(
            "Alleen Authorization: Bearer <JWT> wordt geaccepteerd.", code="token-ontbreekt"
        )
    return token.strip()


class VerifiedTokens:
    """Claims of tokens whose signature was verified, keyed by the whole token string.

    Verifying an RS256 signature costs more than the rest of a typical request, and a
    client reuses its token until it expires. Expiry is checked again on every use.
    """

    def __init__(self, max_entries: int = 10_000) -> None:
        self.max_entries = max_entries
        self._claims: dict[str, tuple[int, Claims]] = {}

    def get(self, token: str, now: int, leeway: int) -> Claims | None:
        entry = self._claims.get(token)
        if entry is None:
            return None
        expires, claims = entry
        if now > expires + leeway:
            del self._claims[token]
            return None
        return claims

    def put(self, token: str, expires: int, claims: Claims) -> None:
        if len(self._claims) >= self.max_entries:
            # Oldest first: dicts keep insertion order.
            del self._claims[next(iter(self._claims))]
        self._claims[token] = (expires, claims)


async def authenticate(
    authorization: str | None,
    *,
    keys: list[VerificationKey],
    settings: Settings,
    session: AsyncSession,
    verified: VerifiedTokens,
    registry: Register,
) -> Caller:
    """The verified caller, or NotAuthenticated (401) saying why."""
    token = bearer_token(authorization)
    now = int(time.time())
    claims = verified.get(token, now, settings.jwt_leeway_seconds)
    if claims is None:
        try:
            raw = verify(
                token,
                keys,
                issuer=settings.jwt_issuer,
                audience=settings.jwt_audience,
                leeway=settings.jwt_leeway_seconds,
                now=now,
                max_lifetime=settings.jwt_max_lifetime_seconds,
            )
        except TokenInvalid as exc:
            raise NotAuthenticated(exc.reason, code=exc.code) from exc
        try:
            claims = Claims.model_validate(raw)
        except ValidationError as exc:
            fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
            raise NotAuthenticated(
                f"Het token heeft ontbrekende of ongeldige claims: {', '.join(fields)}.",
                code="claims-ongeldig",
            ) from exc
        verified.put(token, int(raw["exp"]), claims)
    return _check_with_registry(claims, await registry.snapshot(session, claims.zvh))


def _check_with_registry(claims: Claims, snapshot: Registerstand) -> Caller:
    if not snapshot.bestaat:
        raise NotAuthenticated(
            "Het samenwerkingsverband in het token is onbekend.", code="zvh-onbekend"
        )
    registratie = snapshot.deelnemers.get(claims.deelnemer)
    if registratie is None:
        if claims.deelnemertype is not Deelnemertype.INCIDENTEEL:
            raise NotAuthenticated(
                "De deelnemer in het token is in dit samenwerkingsverband niet geregistreerd.",
                code="deelnemer-onbekend",
            )
        if claims.gezamenlijk_verwerkingsverantwoordelijke:
            raise NotAuthenticated(
                "Een incidentele deelnemer is nooit gezamenlijk verwerkingsverantwoordelijke.",
                code="claims-wijken-af-van-register",
            )
        return Caller(claims=claims, registratie=None, aanwijzingen=snapshot.aanwijzingen)
    if claims.deelnemertype is not registratie.deelnemertype:
        raise NotAuthenticated(
            "Het deelnemertype in het token wijkt af van het register.",
            code="claims-wijken-af-van-register",
        )
    expected = is_gezamenlijk_verwerkingsverantwoordelijke(registratie.deelnemertype)
    if claims.gezamenlijk_verwerkingsverantwoordelijke is not expected:
        raise NotAuthenticated(
            "De status gezamenlijk verwerkingsverantwoordelijke in het token wijkt af van het register.",
            code="claims-wijken-af-van-register",
        )
    return Caller(claims=claims, registratie=registratie, aanwijzingen=snapshot.aanwijzingen)
