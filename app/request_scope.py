"""What a request keeps in its ASGI scope: its session, its processing log, its pending
idempotency key. Only the HTTP layer knows the scope; services and the database layer get
the values (a session, a `Verwerkingslog`), never the request."""

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Scope

from app.db import idempotency
from app.db.session import Database
from app.db.transaction import end_unit
from app.domain.verwerking import Resultaat
from app.services.verwerkingslog import Verwerkingslog

_SESSION = "zvh.session"
_LOG = "zvh.verwerkingslog"
_IDEMPOTENCY = "zvh.idempotency"


def request_session(scope: Scope, database: Database) -> AsyncSession:
    """The request's session, opened on first use."""
    session: AsyncSession | None = scope.get(_SESSION)
    if session is None:
        session = database.session()
        scope[_SESSION] = session
    return session


def request_log(scope: Scope) -> Verwerkingslog:
    """The request's processing log: one per request, written when the request ends."""
    log: Verwerkingslog | None = scope.get(_LOG)
    if log is None:
        log = Verwerkingslog()
        scope[_LOG] = log
    return log


async def end_request(scope: Scope, database: Database, *, failure: Resultaat | None) -> None:
    """End the request's unit of work: commit or roll back, with its processing log."""
    session: AsyncSession | None = scope.pop(_SESSION, None)
    log: Verwerkingslog | None = scope.pop(_LOG, None)
    entries = log.take() if log is not None else []
    await end_unit(session, database, entries, failure=failure)


def remember_pending(scope: Scope, pending: idempotency.Pending) -> None:
    scope[_IDEMPOTENCY] = pending


def take_pending(scope: Scope) -> idempotency.Pending | None:
    pending: idempotency.Pending | None = scope.pop(_IDEMPOTENCY, None)
    return pending
