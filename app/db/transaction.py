"""One transaction per request: opened on first use, committed on success, else rolled back.

The route class (app/routing.py) ends it; a plain dependency hands it out. A generator
dependency would do the same at about a quarter of the request's cost (bench/README.md).
"""

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Scope

from app.db.session import AFTER_COMMIT, Database

_SCOPE_KEY = "zvh.session"


def request_session(scope: Scope, database: Database) -> AsyncSession:
    session: AsyncSession | None = scope.get(_SCOPE_KEY)
    if session is None:
        session = database.session()
        scope[_SCOPE_KEY] = session
    return session


async def end_request_session(scope: Scope, *, success: bool) -> None:
    """Commit (then run the after-commit callbacks) or roll back, and close."""
    session: AsyncSession | None = scope.pop(_SCOPE_KEY, None)
    if session is None or not session.in_transaction():
        # Never touched the database (a cached read): nothing to end or release.
        return
    try:
        if success:
            await session.commit()
            for callback in session.info.pop(AFTER_COMMIT, ()):
                callback()
        else:
            await session.rollback()
    finally:
        await session.close()
