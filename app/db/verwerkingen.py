"""The processing log's storage (app/services/verwerkingslog.py is its one writer).

Every write extends its partnership's hash chain (app/domain/logketen.py) in the writer's
transaction: the chain head (`verwerkingsketens`) is updated first, which locks it until
the transaction ends, so the writes of one partnership queue one by one on PostgreSQL
(SQLite has one writer at a time anyway) and every record is numbered and chained after
the one committed before it.
"""

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.db.tables import VerwerkingRow, VerwerkingsketenRow
from app.domain import logketen
from app.domain.verwerking import Handeling, Resultaat

_LOG: Table = VerwerkingRow.__table__  # type: ignore[assignment]
_HEAD: Table = VerwerkingsketenRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Verwerking:
    id: str
    zvh: str
    tijdstip: datetime
    trace_id: str
    span_id: str
    activiteit: str
    handeling: Handeling
    casus_id: str | None
    betrokkene: str | None
    sub: str
    deelnemer: str
    rollen: tuple[str, ...]
    resultaat: Resultaat
    # The coordinating FG's stated reason for a supervisory read.
    reden: str | None = None
    # The span of the caller's system that sent a `traceparent`, if it did.
    parent_span_id: str | None = None


def with_outcome(entries: Sequence[Verwerking], outcome: Resultaat) -> list[Verwerking]:
    return [replace(e, resultaat=outcome) for e in entries]


async def write(session: AsyncSession, entries: Sequence[Verwerking]) -> None:
    """Append the entries to their partnerships' chains, in the session's transaction."""
    per_zvh: dict[str, list[Verwerking]] = {}
    for e in entries:
        per_zvh.setdefault(e.zvh, []).append(e)
    # One order for every writer: two transactions never wait for each other's heads.
    for zvh in sorted(per_zvh):
        await _append(session, zvh, per_zvh[zvh])


async def write_alone(conn: AsyncConnection, e: Verwerking) -> None:
    """Append one record as a statement of its own on a PostgreSQL connection in
    autocommit, whose transaction has ended: the chain head is locked only while it runs."""
    await _append_single(conn, e)


# A session (in its transaction) or a connection (in autocommit): both execute the same.
_Executor = AsyncSession | AsyncConnection


def _dialect(target: _Executor) -> str:
    bind = target.get_bind() if isinstance(target, AsyncSession) else target
    return bind.dialect.name


async def _append_single(target: _Executor, e: Verwerking) -> None:
    """A request's usual single record: numbered and hashed at the head it locks."""
    if await _append_one(target, e):
        return
    await _insert_head_if_missing(target, e.zvh)
    appended = await _append_one(target, e)
    assert appended, "the chain head exists now"


async def _append(session: AsyncSession, zvh: str, entries: list[Verwerking]) -> None:
    if len(entries) == 1:
        await _append_single(session, entries[0])
        return
    head = await _claim(session, zvh, len(entries))
    if head is None:
        await _insert_head_if_missing(session, zvh)
        head = await _claim(session, zvh, len(entries))
        assert head is not None, "the chain head exists now"
    last, vorige_hash = head
    rows = []
    hash_before_last = vorige_hash
    for volgnummer, e in enumerate(entries, start=last - len(entries) + 1):
        row = _row(e)
        digest = logketen.ketenhash(vorige_hash, logketen.canonical(_inhoud(e, volgnummer)))
        rows.append({**row, "volgnummer": volgnummer, "vorige_hash": vorige_hash, "hash": digest})
        hash_before_last, vorige_hash = vorige_hash, digest
    # Core statements on the tables: the ORM's bookkeeping is not needed for these rows.
    await session.execute(_LOG.insert(), rows)
    await session.execute(
        _HEAD.update()
        .where(_HEAD.c.zvh == zvh)
        .values(hash=vorige_hash, vorige_hash=hash_before_last)
    )


# The number is only known once the head is locked, so the database hashes: the canonical
# content is made here with a placeholder number, split around it, and the statement
# joins the two halves with the reserved number (`logketen.ketenhash` in SQL: SHA-256 of
# the previous hash, a newline and the UTF-8 content). The head keeps the previous hash
# too, so that the record can be written from the head's RETURNING.
_PLAATSHOUDER = -1
_NUMMER_IN_INHOUD = f'"volgnummer":{_PLAATSHOUDER}'
# PostgreSQL: the head and the record in one statement (a data-modifying CTE).
_APPEND_ONE_PG = text(
    """
    WITH kop AS (
        UPDATE verwerkingsketens
        SET volgnummer = volgnummer + 1,
            vorige_hash = hash,
            hash = encode(sha256(convert_to(
                hash || E'\\n' || :voor || CAST(volgnummer + 1 AS text) || :na, 'UTF8')), 'hex')
        WHERE zvh = :zvh
        RETURNING volgnummer, vorige_hash, hash
    )
    INSERT INTO verwerkingen (
        id, zvh, tijdstip, trace_id, span_id, parent_span_id, activiteit, handeling,
        casus_id, betrokkene, sub, deelnemer, rollen, resultaat, reden,
        volgnummer, vorige_hash, hash)
    SELECT CAST(:id AS varchar), CAST(:zvh AS varchar), CAST(:tijdstip AS timestamptz),
        CAST(:trace_id AS varchar), CAST(:span_id AS varchar),
        CAST(:parent_span_id AS varchar), CAST(:activiteit AS varchar),
        CAST(:handeling AS varchar), CAST(:casus_id AS varchar),
        CAST(:betrokkene AS varchar), CAST(:sub AS varchar), CAST(:deelnemer AS varchar),
        CAST(:rollen AS varchar), CAST(:resultaat AS varchar), CAST(:reden AS text),
        kop.volgnummer, kop.vorige_hash, kop.hash
    FROM kop
    RETURNING volgnummer
    """
)
# SQLite has no data-modifying CTEs: the head moves and hashes in one statement
# (`zvh_sha256_hex` is the function every SQLite connection of the service registers,
# app/db/session.py `SHA256_HEX`), and the record is inserted from its RETURNING in a
# second. SQLite has one writer at a time (BEGIN IMMEDIATE), so nothing moves the head in
# between.
_MOVE_HEAD_SQLITE = text(
    """
    UPDATE verwerkingsketens
    SET volgnummer = volgnummer + 1,
        vorige_hash = hash,
        hash = zvh_sha256_hex(hash || char(10) || :voor || CAST(volgnummer + 1 AS TEXT) || :na)
    WHERE zvh = :zvh
    RETURNING volgnummer, vorige_hash, hash
    """
)


async def _append_one(target: _Executor, e: Verwerking) -> bool:
    """Number, hash and write one record (one statement on PostgreSQL, two on SQLite);
    False when the partnership has no chain head yet (nothing written)."""
    halves = _halves(e)
    if _dialect(target) == "postgresql":
        written = await target.execute(_APPEND_ONE_PG, {**_row(e), **halves})
        return written.first() is not None
    kop = (await target.execute(_MOVE_HEAD_SQLITE, {"zvh": e.zvh, **halves})).first()
    if kop is None:
        return False
    await target.execute(
        _LOG.insert(),
        {**_row(e), "volgnummer": kop.volgnummer, "vorige_hash": kop.vorige_hash, "hash": kop.hash},
    )
    return True


def _halves(e: Verwerking) -> dict[str, str]:
    """The record's canonical content around its number, which the statement fills in."""
    voor, plek, na = (
        logketen.canonical(_inhoud(e, _PLAATSHOUDER)).decode("utf-8").partition(_NUMMER_IN_INHOUD)
    )
    # Keys are sorted and strings escape their quotes: the placeholder occurs exactly once.
    if not plek or _NUMMER_IN_INHOUD in na:
        raise RuntimeError("the canonical content holds its number once")
    return {"voor": voor + '"volgnummer":', "na": na}


def _row(e: Verwerking) -> dict[str, Any]:
    return {
        "id": e.id,
        "zvh": e.zvh,
        "tijdstip": e.tijdstip,
        "trace_id": e.trace_id,
        "span_id": e.span_id,
        "parent_span_id": e.parent_span_id,
        "activiteit": e.activiteit,
        "handeling": e.handeling.value,
        "casus_id": e.casus_id,
        "betrokkene": e.betrokkene,
        "sub": e.sub,
        "deelnemer": e.deelnemer,
        "rollen": ",".join(e.rollen),
        "resultaat": e.resultaat.value,
        "reden": e.reden,
    }


def _inhoud(e: Verwerking, volgnummer: int) -> dict[str, object]:
    # The hash covers every stored field but the two hashes: the row's fields and its number.
    return logketen.inhoud(volgnummer=volgnummer, **_row(e))


async def _claim(session: AsyncSession, zvh: str, count: int) -> tuple[int, str] | None:
    """Reserve `count` numbers at the head (locking it); the new last number and the hash
    of the record before the reserved ones. None when the partnership has no chain yet."""
    row = (
        await session.execute(
            _HEAD.update()
            .where(_HEAD.c.zvh == zvh)
            .values(volgnummer=_HEAD.c.volgnummer + count)
            .returning(_HEAD.c.volgnummer, _HEAD.c.hash)
        )
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


async def _insert_head_if_missing(target: _Executor, zvh: str) -> None:
    values = {"zvh": zvh, "volgnummer": 0, "hash": logketen.GENESIS}
    insert = pg_insert if _dialect(target) == "postgresql" else sqlite_insert
    await target.execute(insert(VerwerkingsketenRow).values(values).on_conflict_do_nothing())


async def chain_heads(session: AsyncSession, zvh: str | None) -> dict[str, tuple[int, str]]:
    query = select(
        VerwerkingsketenRow.zvh, VerwerkingsketenRow.volgnummer, VerwerkingsketenRow.hash
    )
    if zvh is not None:
        query = query.where(VerwerkingsketenRow.zvh == zvh)
    return {r.zvh: (int(r.volgnummer), r.hash) for r in await session.execute(query)}


async def chain_zvhs(session: AsyncSession, zvh: str | None) -> list[str]:
    """Partnerships with a chain head or with log records (a lost head is a break too)."""
    if zvh is not None:
        return [zvh]
    heads = set(await session.scalars(select(VerwerkingsketenRow.zvh)))
    logged = set(await session.scalars(select(VerwerkingRow.zvh).distinct()))
    return sorted(heads | logged)


def schakel_van(v: Row[Any] | VerwerkingRow) -> logketen.Schakel:
    return logketen.Schakel(
        zvh=v.zvh,
        volgnummer=int(v.volgnummer),
        id=v.id,
        tijdstip=v.tijdstip,
        trace_id=v.trace_id,
        span_id=v.span_id,
        parent_span_id=v.parent_span_id,
        activiteit=v.activiteit,
        handeling=v.handeling,
        casus_id=v.casus_id,
        betrokkene=v.betrokkene,
        sub=v.sub,
        deelnemer=v.deelnemer,
        rollen=v.rollen,
        resultaat=v.resultaat,
        reden=v.reden,
        vorige_hash=v.vorige_hash,
        hash=v.hash,
    )


async def chain(
    session: AsyncSession,
    zvh: str,
    *,
    van: int | None = None,
    tot: int | None = None,
    batch: int = 10_000,
) -> AsyncIterator[logketen.Schakel]:
    """A partnership's records in chain order (numbers `van`..`tot`), read in batches."""
    volgende = van if van is not None else 0
    while True:
        query = (
            select(_LOG)
            .where(_LOG.c.zvh == zvh, _LOG.c.volgnummer >= volgende)
            .order_by(_LOG.c.volgnummer, _LOG.c.id)
            .limit(batch)
        )
        if tot is not None:
            query = query.where(_LOG.c.volgnummer <= tot)
        rows = (await session.execute(query)).all()
        for v in rows:
            yield schakel_van(v)
        if len(rows) < batch:
            return
        # Doubles of the last number may straddle the batch: read from the number on,
        # skipping the ids already given.
        last = rows[-1]
        gegeven = {v.id for v in rows if v.volgnummer == last.volgnummer}
        volgende = int(last.volgnummer) + 1
        doubles = await session.execute(
            select(_LOG)
            .where(_LOG.c.zvh == zvh, _LOG.c.volgnummer == last.volgnummer)
            .order_by(_LOG.c.id)
        )
        for v in doubles:
            if v.id not in gegeven:
                yield schakel_van(v)


async def read(
    session: AsyncSession, zvh: str, casus_id: str | None, *, offset: int, limit: int
) -> list[Verwerking]:
    query = select(VerwerkingRow).where(VerwerkingRow.zvh == zvh)
    if casus_id is not None:
        query = query.where(VerwerkingRow.casus_id == casus_id)
    rows = await session.scalars(
        query.order_by(VerwerkingRow.tijdstip, VerwerkingRow.id).offset(offset).limit(limit)
    )
    return [
        Verwerking(
            id=r.id,
            zvh=r.zvh,
            tijdstip=r.tijdstip,
            trace_id=r.trace_id,
            span_id=r.span_id,
            activiteit=r.activiteit,
            handeling=Handeling(r.handeling),
            casus_id=r.casus_id,
            betrokkene=r.betrokkene,
            sub=r.sub,
            deelnemer=r.deelnemer,
            rollen=tuple(filter(None, r.rollen.split(","))),
            resultaat=Resultaat(r.resultaat),
            reden=r.reden,
            parent_span_id=r.parent_span_id,
        )
        for r in rows
    ]
