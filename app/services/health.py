"""Readiness: can the service reach its database?"""

from sqlalchemy import text

from app.db.session import Database


async def database_ready(database: Database) -> bool:
    try:
        async with database.session() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
