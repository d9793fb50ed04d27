"""The retention sweep: archive and anonymise what is due (art. 1.8 lid 7 WGS, model art. 16).

Dry run by default: it lists what is due. With `execute`, for each due case (or due source
of a kept case), in its own transaction: lock the case, recompute its dates with the current
policy (never anonymise what is not due), write the archive document durably, anonymise,
record the document and a processing-log entry, commit. The database decides what is done:
a rerun skips what was archived and rewrites, identically, a document whose anonymisation
never committed. `manifest.json` lists every archived document with its SHA-256; it is
rebuilt from the database's records, so a crash between a commit and the manifest's
rewrite loses nothing either. While the destruction hold is on, nothing is anonymised.
"""

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import verlopen
from app.db.session import Database
from app.db.tables import CasusRow, SamenwerkingsverbandRow
from app.db.tables_bewaren import ArchiefdocumentRow
from app.domain.verwerking import Handeling
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.services import anonimisering, archiefdocument, bewaardata
from app.services.handlers import Omgeving
from app.services.verwerkingslog import Verwerker, Verwerkingslog

if TYPE_CHECKING:
    from app.progress import Voortgang

SWEEP_SUB = "zvh-retention-sweep"
ARCHIVEREN = "casus-archiveren"
MANIFEST = "manifest.json"
# Cases archived per transaction (and per directory fsync).
BATCH = 200


class HoldActive(RuntimeError):
    """The destruction hold is on: nothing may be anonymised (national instruction, 1 March 2025)."""


class NotYetDue(RuntimeError):
    """`--as-of` lies in the future: executing would anonymise what is not due."""


@dataclass(slots=True)
class Uitkomst:
    """What a sweep found and did; ids only, never personal data."""

    casussen: dict[str, list[str]] = field(default_factory=dict)
    bronnen: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    gearchiveerd: int = 0
    bronnen_gearchiveerd: int = 0
    overgeslagen: int = 0
    mislukt: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Opdracht:
    as_of: date
    archive_dir: Path
    execute: bool
    hold: bool
    beleid: Bewaarbeleid
    archiefbeheerder: str
    vandaag: date


async def plan(database: Database, as_of: date) -> Uitkomst:
    """Everything due on `as_of`, per partnership, from the indexes."""
    uitkomst = Uitkomst()
    async with database.session() as session:
        for zvh in await session.scalars(
            select(SamenwerkingsverbandRow.id).order_by(SamenwerkingsverbandRow.id)
        ):
            cases = await _all_due_cases(session, zvh, as_of)
            bronnen = await verlopen.due_sources(session, zvh, as_of)
            if cases:
                uitkomst.casussen[zvh] = cases
            if bronnen:
                uitkomst.bronnen[zvh] = [(b.casus_id, b.bron_id or "") for b in bronnen]
    return uitkomst


async def _all_due_cases(session: AsyncSession, zvh: str, as_of: date) -> list[str]:
    ids: list[str] = []
    after: tuple[date, str] | None = None
    while True:
        batch = await verlopen.due_cases(session, zvh, as_of, after=after, limit=10_000)
        ids += [i for _, i in batch]
        if len(batch) < 10_000:
            return ids
        after = batch[-1]


async def sweep(
    database: Database,
    opdracht: Opdracht,
    report: Callable[[str], None] = lambda _: None,
    voortgang: "Voortgang | None" = None,
) -> Uitkomst:
    """List what is due; with `execute` (and no hold) archive and anonymise it."""
    if opdracht.execute and opdracht.as_of > opdracht.vandaag:
        raise NotYetDue(
            f"--as-of {opdracht.as_of.isoformat()} lies after today: executing would "
            "anonymise what is not yet due"
        )
    uitkomst = await plan(database, opdracht.as_of)
    if not opdracht.execute:
        if voortgang is not None:
            voortgang.start(None, "due cases and sources")
        return uitkomst
    if opdracht.hold:
        raise HoldActive(
            "destruction hold is on (ZVH_DESTRUCTION_HOLD=true, national instruction of "
            "1 March 2025): nothing was archived or anonymised"
        )
    if voortgang is not None:
        due = sum(map(len, uitkomst.casussen.values())) + sum(map(len, uitkomst.bronnen.values()))
        voortgang.start(due, "due cases and sources")
    manifest = await _reconcile(database, opdracht.archive_dir)
    async with database.session() as session, session.begin():
        await anonimisering.purge_expired_responses(session, datetime.now(UTC))
    for zvh, ids in uitkomst.casussen.items():
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            await _batch(database, opdracht, uitkomst, manifest, zvh, batch, report)
            if voortgang is not None:
                voortgang.advance(len(batch))
    for zvh, bronnen in uitkomst.bronnen.items():
        for casus_id, bron_id in bronnen:
            await _one(database, opdracht, uitkomst, manifest, zvh, casus_id, bron_id, report)
            if voortgang is not None:
                voortgang.advance(1)
    _write_manifest(opdracht.archive_dir, manifest)
    return uitkomst


async def _batch(
    database: Database,
    opdracht: Opdracht,
    uitkomst: Uitkomst,
    manifest: dict[str, dict[str, object]],
    zvh: str,
    casus_ids: list[str],
    report: Callable[[str], None],
) -> None:
    """Archive a batch of cases in one transaction: all of them or none. When the batch
    fails, each of its cases is retried in a transaction of its own, so that one case that
    cannot be archived does not hold up the others."""
    try:
        async with database.session() as session, session.begin():
            entries = await archive_cases(session, opdracht, zvh, casus_ids)
    except Exception:
        if len(casus_ids) == 1:
            uitkomst.mislukt.append(casus_ids[0])
            report(f"failed: {casus_ids[0]}")
            return
        for casus_id in casus_ids:
            await _batch(database, opdracht, uitkomst, manifest, zvh, [casus_id], report)
        return
    for entry in entries:
        manifest[str(entry["pad"])] = entry
    uitkomst.gearchiveerd += len(entries)
    uitkomst.overgeslagen += len(casus_ids) - len(entries)


async def _one(
    database: Database,
    opdracht: Opdracht,
    uitkomst: Uitkomst,
    manifest: dict[str, dict[str, object]],
    zvh: str,
    casus_id: str,
    bron_id: str,
    report: Callable[[str], None],
) -> None:
    label = f"{casus_id}/{bron_id}"
    try:
        async with database.session() as session, session.begin():
            entry = await archive_bron(session, opdracht, zvh, casus_id, bron_id)
    except Exception as exc:  # one source failing must not stop the others
        uitkomst.mislukt.append(label)
        report(f"failed: {label} ({type(exc).__name__})")
        return
    if entry is None:
        uitkomst.overgeslagen += 1
        return
    manifest[str(entry["pad"])] = entry
    uitkomst.bronnen_gearchiveerd += 1


async def _lock(session: AsyncSession, zvh: str, casus_ids: list[str]) -> list[CasusRow]:
    """Lock the cases that are still to be archived; on PostgreSQL a case another sweep holds
    is skipped (that sweep archives it). Ordered by id: a fixed lock order."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        # Losing this commit in a crash is harmless: the rerun finds the case not archived
        # and redoes it, rewriting the (durable) document identically.
        await session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    query = (
        select(CasusRow)
        .where(CasusRow.id.in_(casus_ids), CasusRow.zvh == zvh, CasusRow.gearchiveerd_op.is_(None))
        .order_by(CasusRow.id)
        .with_for_update(skip_locked=postgres)
    )
    return list(await session.scalars(query))


def _archiefbeheerder(zvh: str, archiefbeheerder: str) -> Verwerker:
    return Verwerker(
        zvh=zvh, sub=SWEEP_SUB, deelnemer=archiefbeheerder, rollen=("archiefbeheerder",)
    )


async def archive_cases(
    session: AsyncSession, opdracht: Opdracht, zvh: str, casus_ids: list[str]
) -> list[dict[str, object]]:
    """Archive and anonymise whole cases in the caller's transaction; returns the manifest
    entries of those archived. A case is left alone when there is nothing to do (already
    archived, locked by another sweep, or no longer due under the current data and policy).

    Set-based: the cases are locked with one query, their dates recomputed with three,
    their data loaded with one query per table; every document is written and made durable
    (one directory fsync for the batch) before anything is anonymised; the anonymisation is
    one statement per table, the records and log entries one insert each."""
    casussen = await _lock(session, zvh, casus_ids)
    if not casussen:
        return []
    standen = await bewaardata.refresh_all(session, casussen, opdracht.beleid, opdracht.as_of)
    due = [c for c in casussen if standen[c.id].uitkomst.archiefdatum < opdracht.as_of]
    if not due:
        return []
    gegevens = await archiefdocument.load(session, zvh, [c.id for c in due])
    files: list[tuple[Path, bytes]] = []
    entries: list[dict[str, object]] = []
    for casus in due:
        stand = standen[casus.id]
        document = archiefdocument.casus_document(
            casus, gegevens[casus.id], stand, opdracht.beleid, opdracht.as_of
        )
        pad = f"{zvh}/casus-{casus.id}.json"
        data = archiefdocument.canonical(document)
        files.append((opdracht.archive_dir / pad, data))
        entries.append(
            {
                "pad": pad,
                "sha256": archiefdocument.sha256(data),
                "bytes": len(data),
                "casusId": casus.id,
                "bron": None,
                "archiefdatum": stand.uitkomst.archiefdatum,
            }
        )
    await asyncio.to_thread(archiefdocument.write_many, files)
    moment = datetime.now(UTC)
    # The sweep writes its own processing-log record per case (below), not per effect.
    omgeving = Omgeving(
        session,
        opdracht.as_of,
        moment,
        opdracht.beleid,
        door=opdracht.archiefbeheerder,
        sub=SWEEP_SUB,
        vastleggen=None,
    )
    await anonimisering.anonymise_casussen(omgeving, due)
    await session.execute(
        insert(ArchiefdocumentRow),
        [
            {
                "pad": e["pad"],
                "zvh": zvh,
                "casus_id": e["casusId"],
                "bron_id": None,
                "sha256": e["sha256"],
                "archiefdatum": e.pop("archiefdatum"),
                "archiefbeheerder": opdracht.archiefbeheerder,
                "gearchiveerd_op": moment,
            }
            for e in entries
        ],
    )
    log = Verwerkingslog()
    door = _archiefbeheerder(zvh, opdracht.archiefbeheerder)
    for casus in due:
        betrokkene = gegevens[casus.id].betrokkene
        log.record(
            door,
            ARCHIVEREN,
            Handeling.ANONIMISEREN,
            casus_id=casus.id,
            betrokkene=betrokkene.pseudoniem if betrokkene else None,
            tijdstip=moment,
        )
    await log.write(session)
    await session.flush()
    return entries


async def archive_bron(
    session: AsyncSession,
    opdracht: Opdracht,
    zvh: str,
    casus_id: str,
    bron_id: str,
) -> dict[str, object] | None:
    """Archive and anonymise one source of a kept case in the caller's transaction; None if
    there is nothing to do (case archived, source done, or no longer due)."""
    casussen = await _lock(session, zvh, [casus_id])
    if not casussen:
        return None
    casus = casussen[0]
    stand = await bewaardata.refresh(session, casus, opdracht.beleid, opdracht.as_of)
    bron = next((b for b in stand.uitkomst.bronnen if b.id == bron_id), None)
    if bron is None or not bron.archiefdatum < opdracht.as_of or _done(stand, casus, bron_id):
        return None
    gegevens = (await archiefdocument.load(session, zvh, [casus.id]))[casus.id]
    document = archiefdocument.bron_document(
        casus, gegevens, bron_id, stand, opdracht.beleid, opdracht.as_of
    )
    pad = f"{zvh}/casus-{casus.id}-bron-{bron_id}.json"
    data = archiefdocument.canonical(document)
    digest = archiefdocument.sha256(data)
    archiefdocument.write_atomic(opdracht.archive_dir / pad, data)
    moment = datetime.now(UTC)
    await anonimisering.anonymise_bron(session, casus, bron_id, moment)
    session.add(
        ArchiefdocumentRow(
            pad=pad,
            zvh=zvh,
            casus_id=casus.id,
            bron_id=bron_id,
            sha256=digest,
            archiefdatum=bron.archiefdatum,
            archiefbeheerder=opdracht.archiefbeheerder,
            gearchiveerd_op=moment,
        )
    )
    betrokkene = gegevens.betrokkene.pseudoniem if gegevens.betrokkene else None
    log = Verwerkingslog()
    log.record(
        _archiefbeheerder(zvh, opdracht.archiefbeheerder),
        ARCHIVEREN,
        Handeling.ANONIMISEREN,
        casus_id=casus.id,
        betrokkene=betrokkene,
        tijdstip=moment,
    )
    await log.write(session)
    await session.flush()
    return {"pad": pad, "sha256": digest, "bytes": len(data), "casusId": casus.id, "bron": bron_id}


def _done(stand: bewaardata.Bewaarstand, casus: CasusRow, bron_id: str) -> bool:
    if bron_id == bewaardata.AANMELDING:
        return casus.aanmelding_geanonimiseerd_op is not None
    return any(v.id == bron_id and v.geanonimiseerd_op is not None for v in stand.verstrekkingen)


async def _reconcile(database: Database, archive_dir: Path) -> dict[str, dict[str, object]]:
    """The manifest as the database knows it: every committed archive document whose file
    is in this directory, checked against its recorded SHA-256."""
    manifest: dict[str, dict[str, object]] = {}
    path = archive_dir / MANIFEST
    if path.exists():
        manifest = json.loads(path.read_text("utf-8"))["documenten"]
    async with database.session() as session:
        for row in await session.scalars(select(ArchiefdocumentRow)):
            if row.pad in manifest:
                continue
            file = archive_dir / row.pad
            if not file.exists():
                continue  # archived into another archive directory
            data = file.read_bytes()
            if archiefdocument.sha256(data) != row.sha256:
                raise RuntimeError(
                    f"archive document {row.pad} does not match its recorded SHA-256"
                )
            manifest[row.pad] = {
                "pad": row.pad,
                "sha256": row.sha256,
                "bytes": len(data),
                "casusId": row.casus_id,
                "bron": row.bron_id,
            }
    return manifest


def _write_manifest(archive_dir: Path, manifest: dict[str, dict[str, object]]) -> None:
    document = {"documenten": dict(sorted(manifest.items()))}
    archive_dir.mkdir(parents=True, exist_ok=True)
    archiefdocument.write_atomic(archive_dir / MANIFEST, archiefdocument.canonical(document))
