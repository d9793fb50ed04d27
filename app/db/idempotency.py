"""Idempotency-Key for creating POSTs: the first response is kept and replayed for a retry.

Keys are scoped to the partnership and the calling organisation, and honoured for
KEY_LIFETIME (24 hours); after that the same key starts a new request.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import IdempotentieRow

KEY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Pending:
    zvh: str
    deelnemer: str
    sleutel: str
    verzoek_hash: str


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(b"\n".join([method.encode(), path.encode(), body])).hexdigest()


async def find(session: AsyncSession, pending: Pending, now: datetime) -> IdempotentieRow | None:
    row = await session.get(IdempotentieRow, (pending.zvh, pending.deelnemer, pending.sleutel))
    if row is None:
        return None
    if now - row.aangemaakt_op > KEY_LIFETIME:
        await session.delete(row)
        await session.flush()
        return None
    return row


def store(
    session: AsyncSession,
    pending: Pending,
    *,
    status: int,
    body: bytes,
    location: str | None,
    etag: str | None,
    now: datetime,
) -> None:
    session.add(
        IdempotentieRow(
            zvh=pending.zvh,
            deelnemer=pending.deelnemer,
            sleutel=pending.sleutel,
            verzoek_hash=pending.verzoek_hash,
            status=status,
            body=body.decode(),
            location=location,
            etag=etag,
            aangemaakt_op=now,
        )
    )


class Replay(Exception):
    """The request repeats an earlier one with the same key and body: answer as then."""

    def __init__(self, row: IdempotentieRow) -> None:
        super().__init__("idempotent replay")
        self.row = row
