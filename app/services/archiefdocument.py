"""The archive document of a case or a source, and how it is written (model art. 16).

The document holds what the archive manager needs to answer for the case later: the case,
its data subject, decisions, assessments, participants, requests, contributions with every
version, extensions with consents, the retention calculation and a summary of the
processing log. It is canonical JSON: the same database state gives the same bytes, so a
rerun after a crash rewrites an identical file.
"""

import hashlib
import json
import os
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.base import Base
from app.db.bewaren import BewaarRepository
from app.db.casussen import CasusRepository
from app.db.tables import CasusRow, VerwerkingRow
from app.db.tables_verstrekkingen import GegevensverzoekRow
from app.db.verstrekkingen import VerstrekkingRepository
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.schemas.bewaartermijn import BewaartermijnUitkomst
from app.services.bewaardata import AANMELDING, Bewaarstand

GRONDSLAG = ["art. 1.8 lid 7 WGS", "art. 1.16 BGS", "art. 16 bestuurlijke afspraken", "Archiefwet"]


def _value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(row: Base) -> dict[str, object]:
    return {c.key: _value(getattr(row, c.key)) for c in row.__table__.columns}


async def _log_summary(session: AsyncSession, casus: CasusRow) -> dict[str, object]:
    rows = list(
        await session.scalars(
            select(VerwerkingRow).where(
                VerwerkingRow.zvh == casus.zvh, VerwerkingRow.casus_id == casus.id
            )
        )
    )
    counts = Counter((r.activiteit, r.handeling, r.resultaat) for r in rows)
    tijdstippen = sorted(r.tijdstip for r in rows)
    return {
        "aantal": len(rows),
        "eerste": _value(tijdstippen[0]) if tijdstippen else None,
        "laatste": _value(tijdstippen[-1]) if tijdstippen else None,
        "perActiviteit": [
            {"activiteit": a, "handeling": h, "resultaat": u, "aantal": n}
            for (a, h, u), n in sorted(counts.items())
        ],
        "deelnemers": sorted({r.deelnemer for r in rows}),
    }


async def _verstrekkingen(session: AsyncSession, casus_id: str) -> list[dict[str, object]]:
    repo = VerstrekkingRepository(session)
    rows = await BewaarRepository(session).verstrekkingen(casus_id)
    ids = [r.id for r in rows]
    versies = await repo.versies(ids)
    meldingen = await repo.correctieverzoeken(ids)
    return [
        {
            **_row(r),
            "versies": [_row(v) for v in versies if v.verstrekking_id == r.id],
            "correctieverzoeken": [_row(m) for m in meldingen if m.verstrekking_id == r.id],
        }
        for r in rows
    ]


async def casus_document(
    session: AsyncSession,
    casus: CasusRow,
    stand: Bewaarstand,
    beleid: Bewaarbeleid,
    peildatum: date,
) -> dict[str, Any]:
    """Everything of a case, for the archive manager, before it is anonymised here."""
    repo = CasusRepository(session)
    bewaar = BewaarRepository(session)
    betrokkene = await repo.betrokkene(casus.id)
    instemmingen = await bewaar.instemmingen(casus.id)
    verzoeken = await session.scalars(
        select(GegevensverzoekRow)
        .where(GegevensverzoekRow.casus_id == casus.id)
        .order_by(GegevensverzoekRow.tijdstip, GegevensverzoekRow.id)
    )
    return {
        "documentsoort": "casus",
        "grondslag": GRONDSLAG,
        "peildatum": peildatum.isoformat(),
        "casus": _row(casus),
        "betrokkene": _row(betrokkene) if betrokkene else None,
        "socialeOmgeving": sorted((_row(p) for p in await repo.omgeving(casus.id)), key=_by_id),
        "criteriabeoordelingen": [_row(b) for b in await repo.beoordelingen(casus.id)],
        "besluiten": [_row(g) for g in await repo.gebeurtenissen(casus.id)],
        "deelnemers": [_row(d) for d in await repo.deelnemers(casus.id)],
        "geheimhoudingsverklaringen": sorted(
            (_row(v) for v in await repo.verklaringen(casus.id)), key=_by_id
        ),
        "gegevensverzoeken": [_row(v) for v in verzoeken],
        "gegevensverstrekkingen": await _verstrekkingen(session, casus.id),
        "verlengingen": [
            {
                **_row(v),
                "instemmingen": [_row(i) for i in instemmingen if i.verlenging_id == v.id],
            }
            for v in stand.verlengingen
        ],
        "bewaartermijn": BewaartermijnUitkomst.of(stand.uitkomst, beleid).model_dump(
            mode="json", by_alias=True
        ),
        "verwerkingen": await _log_summary(session, casus),
    }


async def bron_document(
    session: AsyncSession,
    casus: CasusRow,
    bron_id: str,
    stand: Bewaarstand,
    beleid: Bewaarbeleid,
    peildatum: date,
) -> dict[str, Any]:
    """One source of a case that is otherwise kept: the registration or one supply."""
    repo = CasusRepository(session)
    inhoud: dict[str, object]
    if bron_id == AANMELDING:
        inhoud = {
            "aanmelder": casus.aanmelder,
            "aanmelddatum": casus.aanmelddatum.isoformat(),
            "aanmeldreden": casus.aanmeldreden,
            "socialeOmgeving": sorted((_row(p) for p in await repo.omgeving(casus.id)), key=_by_id),
            "criteriabeoordelingen": [
                _row(b) for b in await repo.beoordelingen(casus.id) if b.fase == "aanmelding"
            ],
        }
    else:
        inhoud = next(v for v in await _verstrekkingen(session, casus.id) if v["id"] == bron_id)
    return {
        "documentsoort": "bron",
        "grondslag": GRONDSLAG,
        "peildatum": peildatum.isoformat(),
        "casusId": casus.id,
        "samenwerkingsverband": casus.zvh,
        "bronId": bron_id,
        "bron": inhoud,
        "bewaartermijn": next(
            b
            for b in BewaartermijnUitkomst.of(stand.uitkomst, beleid).model_dump(
                mode="json", by_alias=True
            )["bronnen"]
            if b["id"] == bron_id
        ),
        "verwerkingen": await _log_summary(session, casus),
    }


def _by_id(row: dict[str, object]) -> str:
    return str(row.get("id", ""))


def canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Temp file, fsync, rename over the target, fsync the directory: a reader (or a crash)
    sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    if sync_dir:
        fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
