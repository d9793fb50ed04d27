"""How a unit of work ends: committed on success, else rolled back, with its processing log.

The HTTP layer (app/request_scope.py) ends each request's unit through `end_unit`. The
processing-log entries are written in the same transaction when the unit succeeds, and in
a transaction of their own, with the outcome, when it fails: a refused or failed attempt
is logged too, and a success is never logged without its effect.
"""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import verwerkingen
from app.db.session import AFTER_COMMIT, Database, only_read
from app.domain.verwerking import Resultaat


async def end_unit(
    session: AsyncSession | None,
    database: Database,
    entries: Sequence[verwerkingen.Verwerking],
    *,
    failure: Resultaat | None,
) -> None:
    """Commit (then run after-commit callbacks) or roll back; write the processing log."""
    if failure is None:
        if entries:
            session = session or database.session()
        elif session is None or not session.in_transaction():
            return  # never touched the database (a cached read): nothing to end
        read_ended = False
        try:
            if (
                len(entries) == 1
                and database.ends_reads_early
                and session.in_transaction()
                and await only_read(session)
            ):
                # A read: end it, then write its one record as a statement of its own,
                # which locks the chain head only while PostgreSQL runs it (not across
                # a turn of the event loop until a COMMIT, for which every other request
                # of the partnership, in this process or another, would wait). Nothing
                # of the request is written, so there is no effect the record could miss.
                # On the connection the read used, kept checked out: no second checkout.
                connection = await session.connection()
                await connection.commit()
                read_ended = True
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                await verwerkingen.write_alone(connection, entries[0])
            else:
                # The chain head is locked from here to the commit: as late as possible.
                await verwerkingen.write(session, entries)
                await session.commit()
        except BaseException:
            if not read_ended:  # else nothing is left to roll back
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
    database: Database, entries: Sequence[verwerkingen.Verwerking], outcome: Resultaat
) -> None:
    if not entries:
        return
    async with database.session() as session:
        await verwerkingen.write(session, verwerkingen.with_outcome(entries, outcome))
        await session.commit()
