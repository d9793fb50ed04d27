"""One transaction per request: opened on first use, committed on success, else rolled back.

The route class (app/routing.py) ends it; a plain dependency hands it out. A generator
dependency would do the same at about a quarter of the request's cost (bench/README.md).
The request's processing-log entries are written in the same transaction when it
succeeds, and in a transaction of their own, with the outcome, when it fails: a refused
or failed attempt is logged too, and a success is never logged without its effect.
"""

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Scope

from app.db import verwerkingen
from app.db.session import AFTER_COMMIT, Database
from app.domain.verwerking import Resultaat

_SCOPE_KEY = "zvh.session"


def request_session(scope: Scope, database: Database) -> AsyncSession:
    session: AsyncSession | None = scope.get(_SCOPE_KEY)
    if session is None:
        session = database.session()
        scope[_SCOPE_KEY] = session
    return session


async def end_request(scope: Scope, database: Database, *, failure: Resultaat | None) -> None:
    """Commit (then run after-commit callbacks) or roll back; write the processing log."""
    session: AsyncSession | None = scope.pop(_SCOPE_KEY, None)
    entries = verwerkingen.take_collected(scope)
    if failure is None:
        if entries:
            session = session or database.session()
        elif session is None or not session.in_transaction():
            return  # never touched the database (a cached read): nothing to end
        try:
            # The chain head is locked from here to the commit: as late as possible.
            await verwerkingen.write(session, entries)
            await session.commit()
        except BaseException:
            await session.rollback()
            await session.close()
            await _write_alone(database, entries, Resultaat.MISLUKT)
            raise
        await session.close()
        for callback in session.info.pop(AFTER_COMMIT, ()):
            callback()
        return
    if session is not None and session.in_transaction():
        await session.rollback()
        await session.close()
    await _write_alone(database, entries, failure)


async def _write_alone(
    database: Database, entries: list[verwerkingen.Verwerking], outcome: Resultaat
) -> None:
    if not entries:
        return
    async with database.session() as session:
        await verwerkingen.write(session, verwerkingen.with_outcome(entries, outcome))
        await session.commit()
