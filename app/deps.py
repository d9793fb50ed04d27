"""Typed dependencies: a route reads as what it needs."""

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.authenticate import authenticate
from app.auth.claims import Caller
from app.auth.policy import Actie, authorize
from app.config import Settings
from app.db.session import Database


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the route succeeds, else rolled back."""
    database: Database = request.app.state.db
    async with database.session() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


Session = Annotated[AsyncSession, Depends(get_session, scope="function")]

_bearer = HTTPBearer(
    auto_error=False,
    bearerFormat="JWT",
    scheme_name="jwt",
    description=(
        "JWT (RS256 of ES256) van de identiteitsvoorziening van de deelnemer, met de claims "
        "`zvh`, `deelnemer`, `deelnemertype`, `gezamenlijkVerwerkingsverantwoordelijke` en `rollen`."
    ),
)


async def current_caller(
    request: Request,
    session: Session,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    return await authenticate(
        request.headers.get("authorization"),
        keys=request.app.state.keys,
        settings=request.app.state.settings,
        session=session,
    )


CurrentCaller = Annotated[Caller, Depends(current_caller)]


def allowed(actie: Actie) -> Callable[..., Coroutine[Any, Any, Caller]]:
    """A dependency that lets the call through only when the policy allows `actie`."""

    async def dependency(caller: CurrentCaller) -> Caller:
        authorize(caller, actie)
        return caller

    return dependency


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_settings_dep)]
