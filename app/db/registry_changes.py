"""Announce a change of a partnership's registry or settings to every process of the service.

PostgreSQL delivers a NOTIFY only when the sending transaction commits (and never when it
rolls back), to every session LISTENing on the channel: sent in the changing transaction,
it reaches every worker and replica exactly when the change becomes visible. The listener
(app/db/registry_listener.py) drops the partnership's snapshot on arrival.
"""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry_cache import invalidate_everywhere
from app.db.session import after_commit

CHANNEL = "zvh_registry"


async def registry_changed(session: AsyncSession, zvh: str) -> None:
    """Every process drops its snapshot of `zvh` once this transaction commits.

    Call it in any transaction that changes a partnership's registry or its settings. The
    payload is the partnership's id, never personal data.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select(func.pg_notify(CHANNEL, zvh)))
    # This process at once, not when its own notification comes back: a client that
    # changed something and reads it again on the same worker sees its change. (On
    # SQLite, one process, this is all there is.)
    after_commit(session, lambda: invalidate_everywhere(zvh))
