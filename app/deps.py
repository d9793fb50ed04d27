"""Typed dependencies: a route reads as what it needs."""

from collections.abc import Callable, Coroutine
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.authenticate import authenticate
from app.auth.claims import Caller
from app.auth.policy import Actie, authorize
from app.config import Settings
from app.db import idempotency
from app.db.registry_cache import RegistryCache
from app.domain.errors import InvalidInput, InvalidParam
from app.request_scope import remember_pending, request_log, request_session
from app.rules import bewaartermijn_typen
from app.schemas.fields import Tekst
from app.services.bewaartermijn import today_in_amsterdam
from app.services.verwerkingslog import Verwerkingslog


async def get_session(request: Request) -> AsyncSession:
    """The request's session; ZvhRoute commits it when the route succeeds, else rolls back."""
    return request_session(request.scope, request.app.state.db)


Session = Annotated[AsyncSession, Depends(get_session)]


_CALLER_KEY = "zvh.caller"


async def _caller_of(request: Request) -> Caller:
    """The authenticated caller, once per request (kept in the request's scope)."""
    scope = request.scope
    caller: Caller | None = scope.get(_CALLER_KEY)
    if caller is None:
        app_state = request.app.state
        caller = await authenticate(
            request.headers.get("authorization"),
            keys=app_state.keys,
            settings=app_state.settings,
            session=request_session(scope, app_state.db),
            verified=app_state.verified_tokens,
            registry=app_state.registry_cache,
        )
        scope[_CALLER_KEY] = caller
    return caller


async def current_caller(request: Request) -> Caller:
    return await _caller_of(request)


CurrentCaller = Annotated[Caller, Depends(current_caller)]


def allowed(actie: Actie) -> Callable[..., Coroutine[Any, Any, Caller]]:
    """A dependency that lets the call through only when the policy allows `actie`.

    It takes the request alone, not `CurrentCaller`: every nested dependency is another
    round of FastAPI's dependency resolution on every request (see bench/README.md).
    """

    async def dependency(request: Request) -> Caller:
        caller = await _caller_of(request)
        authorize(caller, actie)
        return caller

    return dependency


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_settings_dep)]


async def get_registry_cache(request: Request) -> RegistryCache:
    cache: RegistryCache = request.app.state.registry_cache
    return cache


Registry = Annotated[RegistryCache, Depends(get_registry_cache)]


async def get_verwerkingslog(request: Request) -> Verwerkingslog:
    return request_log(request.scope)


Log = Annotated[Verwerkingslog, Depends(get_verwerkingslog)]


IDEMPOTENCY_KEY_DESCRIPTION = (
    "Optioneel: een sleutel van 1 tot 200 leesbare tekens die u per bedoelde aanmaak kiest "
    "(bijvoorbeeld een UUID). Een herhaling met dezelfde sleutel en dezelfde body krijgt het "
    "eerste antwoord terug (met `Idempotent-Replayed: true`) en maakt niets nieuws aan; "
    "dezelfde sleutel met een andere body geeft 400 `sleutel-hergebruikt`, een gelijktijdig "
    "verzoek met dezelfde sleutel 409 `sleutel-in-gebruik`. Een sleutel geldt per deelnemer, "
    "24 uur lang."
)


async def idempotency_key(
    request: Request,
    caller: CurrentCaller,
    session: Session,
    sleutel: Annotated[
        Tekst | None,
        Header(
            alias="Idempotency-Key",
            description=IDEMPOTENCY_KEY_DESCRIPTION,
            examples=["0b7e3c5e-2f4d-4c1a-9f7e-6d2b8a1c4e90"],
        ),
    ] = None,
) -> None:
    """Creating POSTs: a retry with the same Idempotency-Key and body gets the first response."""
    if sleutel is None:
        return
    if not 1 <= len(sleutel) <= 200 or not sleutel.isprintable():
        raise InvalidInput(
            [
                InvalidParam(
                    "Idempotency-Key", "sleutel-ongeldig", "Gebruik 1 tot 200 leesbare tekens."
                )
            ]
        )
    body = await request.body()
    pending = idempotency.Pending(
        caller.zvh,
        caller.deelnemer,
        sleutel,
        idempotency.request_hash(request.method, request.url.path, body),
    )
    found = await idempotency.find(session, pending, datetime.now(UTC))
    if found is None:
        remember_pending(request.scope, pending)
        return
    if found.verzoek_hash != pending.verzoek_hash:
        raise InvalidInput(
            [
                InvalidParam(
                    "Idempotency-Key",
                    "sleutel-hergebruikt",
                    "Deze sleutel hoort bij een ander verzoek; kies een nieuwe sleutel.",
                )
            ]
        )
    raise idempotency.Replay(found)


Idempotent = Annotated[None, Depends(idempotency_key)]


async def today() -> date:
    """Today in the Netherlands (a dependency: tests override it, never patch a module)."""
    return today_in_amsterdam()


async def nu() -> datetime:
    """Now, in UTC (a dependency: tests override it)."""
    return datetime.now(UTC)


async def bewaarbeleid(settings: AppSettings) -> bewaartermijn_typen.Bewaarbeleid:
    """The retention policy the settings describe (a dependency: tests override it)."""
    return settings.bewaarbeleid()


Today = Annotated[date, Depends(today)]
Nu = Annotated[datetime, Depends(nu)]
Bewaarbeleid = Annotated[bewaartermijn_typen.Bewaarbeleid, Depends(bewaarbeleid)]
