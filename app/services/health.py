"""Readiness: can the service reach its database, and is it at the newest migration?"""

from dataclasses import dataclass
from enum import Enum

from app.db.migrate import current_revisions, head_revisions, known_revisions
from app.db.session import Database


class Stand(Enum):
    GEREED = "gereed"
    ONBEREIKBAAR = "onbereikbaar"
    NIET_GEMIGREERD = "niet-gemigreerd"  # no migration ever ran
    NIET_ACTUEEL = "niet-actueel"  # at an older revision: run this version's migrate
    NIEUWER = "nieuwer"  # at a revision this code does not know: a newer version migrated it


@dataclass(frozen=True, slots=True)
class Gereedheid:
    stand: Stand
    huidig: frozenset[str] = frozenset()
    verwacht: frozenset[str] = frozenset()


async def readiness(database: Database) -> Gereedheid:
    verwacht = head_revisions()
    try:
        async with database.session() as session:
            connection = await session.connection()
            huidig = await connection.run_sync(current_revisions)
    except Exception:
        return Gereedheid(Stand.ONBEREIKBAAR, verwacht=verwacht)
    if not huidig:
        return Gereedheid(Stand.NIET_GEMIGREERD, huidig, verwacht)
    if not huidig <= known_revisions():
        return Gereedheid(Stand.NIEUWER, huidig, verwacht)
    if huidig != verwacht:
        return Gereedheid(Stand.NIET_ACTUEEL, huidig, verwacht)
    return Gereedheid(Stand.GEREED, huidig, verwacht)
