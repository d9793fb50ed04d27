"""The archive document of a case or a source, and how it is written (model art. 16).

The document holds what the archive manager needs to answer for the case later: the case,
its data subject, decisions, assessments, participants, requests, contributions with every
version, extensions with consents, the retention calculation and a summary of the
processing log. It is canonical JSON: the same database state gives the same bytes, so a
rerun after a crash rewrites an identical file.
"""

import ctypes
import functools
import hashlib
import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.base import Base
from app.db.tables import (
    BetrokkeneRow,
    CasusdeelnemerRow,
    CasusgebeurtenisRow,
    CasusRow,
    CriteriabeoordelingRow,
    GeheimhoudingsverklaringRow,
    OmgevingspersoonRow,
    VerwerkingRow,
)
from app.db.tables_bewaren import InstemmingRow, VerlengingRow
from app.db.tables_overleg import (
    CasusoverlegAanwezigeRow,
    CasusoverlegRow,
    InformatieplichtRow,
    InterventieRow,
    PlanVanAanpakRow,
)
from app.db.tables_plaatsing import PlaatsingsfeitRow, PrioriteringsplaatsingRow
from app.db.tables_verstrekkingen import (
    CorrectieverzoekRow,
    GegevensverstrekkingRow,
    GegevensverzoekRow,
    VerstrekkingsversieRow,
)
from app.domain.criteria import VastgelegdeCriteria
from app.domain.verstrekking import GesteldeVoorwaarden
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    BronBewaartermijn,
    ToegepasteVerlenging,
)
from app.services.bewaardata import AANMELDING, Bewaarstand

GRONDSLAG = ["art. 1.8 lid 7 WGS", "art. 1.16 BGS", "art. 16 bestuurlijke afspraken", "Archiefwet"]


def _value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(row: Base) -> dict[str, object]:
    return {c.key: _value(getattr(row, c.key)) for c in row.__table__.columns}


def _group(rows: Iterable[Any], key: str = "casus_id") -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


@dataclass(slots=True)
class Casusgegevens:
    """Everything stored about one case, as rows, loaded for many cases at once."""

    betrokkene: BetrokkeneRow | None = None
    omgeving: list[OmgevingspersoonRow] = field(default_factory=list)
    beoordelingen: list[CriteriabeoordelingRow] = field(default_factory=list)
    gebeurtenissen: list[CasusgebeurtenisRow] = field(default_factory=list)
    deelnemers: list[CasusdeelnemerRow] = field(default_factory=list)
    verklaringen: list[GeheimhoudingsverklaringRow] = field(default_factory=list)
    verzoeken: list[GegevensverzoekRow] = field(default_factory=list)
    verstrekkingen: list[dict[str, object]] = field(default_factory=list)
    verlengingen: list[VerlengingRow] = field(default_factory=list)
    instemmingen: list[InstemmingRow] = field(default_factory=list)
    overleggen: list[dict[str, object]] = field(default_factory=list)
    plannen: list[dict[str, object]] = field(default_factory=list)
    informatieplicht: InformatieplichtRow | None = None
    plaatsingen: list[dict[str, object]] = field(default_factory=list)
    log: dict[str, object] = field(default_factory=dict)


async def _all(session: AsyncSession, query: Any) -> list[Any]:
    return list(await session.scalars(query))


async def load(
    session: AsyncSession, zvh: str, casus_ids: Sequence[str]
) -> dict[str, Casusgegevens]:
    """The archive data of many cases of one partnership with one query per table."""
    ids = list(casus_ids)
    result = {i: Casusgegevens() for i in ids}
    for b in await _all(session, select(BetrokkeneRow).where(BetrokkeneRow.casus_id.in_(ids))):
        result[b.casus_id].betrokkene = b
    for p in await _all(
        session, select(InformatieplichtRow).where(InformatieplichtRow.casus_id.in_(ids))
    ):
        result[p.casus_id].informatieplicht = p

    def per_casus(rows: list[Any], attribute: str, key: Callable[[Any], Any]) -> None:
        for casus_id, group in _group(rows).items():
            setattr(result[casus_id], attribute, sorted(group, key=key))

    per_casus(
        await _all(
            session, select(OmgevingspersoonRow).where(OmgevingspersoonRow.casus_id.in_(ids))
        ),
        "omgeving",
        lambda r: r.id,
    )
    per_casus(
        await _all(
            session, select(CriteriabeoordelingRow).where(CriteriabeoordelingRow.casus_id.in_(ids))
        ),
        "beoordelingen",
        lambda r: (r.tijdstip, r.id),
    )
    per_casus(
        await _all(
            session, select(CasusgebeurtenisRow).where(CasusgebeurtenisRow.casus_id.in_(ids))
        ),
        "gebeurtenissen",
        lambda r: (r.tijdstip, r.id),
    )
    per_casus(
        await _all(session, select(CasusdeelnemerRow).where(CasusdeelnemerRow.casus_id.in_(ids))),
        "deelnemers",
        lambda r: r.deelnemer,
    )
    per_casus(
        await _all(
            session,
            select(GeheimhoudingsverklaringRow).where(
                GeheimhoudingsverklaringRow.casus_id.in_(ids)
            ),
        ),
        "verklaringen",
        lambda r: r.id,
    )
    per_casus(
        await _all(session, select(GegevensverzoekRow).where(GegevensverzoekRow.casus_id.in_(ids))),
        "verzoeken",
        lambda r: (r.tijdstip, r.id),
    )
    per_casus(
        await _all(session, select(VerlengingRow).where(VerlengingRow.casus_id.in_(ids))),
        "verlengingen",
        lambda r: r.volgnummer,
    )
    per_casus(
        await _all(session, select(InstemmingRow).where(InstemmingRow.casus_id.in_(ids))),
        "instemmingen",
        lambda r: (r.verlenging_id, r.deelnemer),
    )
    await _load_verstrekkingen(session, ids, result)
    await _load_overleg(session, ids, result)
    await _load_plaatsingen(session, ids, result)
    await _load_log(session, zvh, ids, result)
    return result


async def _load_verstrekkingen(
    session: AsyncSession, ids: list[str], result: dict[str, Casusgegevens]
) -> None:
    rows = await _all(
        session, select(GegevensverstrekkingRow).where(GegevensverstrekkingRow.casus_id.in_(ids))
    )
    if not rows:
        return
    vids = [r.id for r in rows]
    versies = _group(
        await _all(
            session,
            select(VerstrekkingsversieRow).where(VerstrekkingsversieRow.verstrekking_id.in_(vids)),
        ),
        "verstrekking_id",
    )
    meldingen = _group(
        await _all(
            session,
            select(CorrectieverzoekRow).where(CorrectieverzoekRow.verstrekking_id.in_(vids)),
        ),
        "verstrekking_id",
    )
    for r in sorted(rows, key=lambda r: (r.verstrekt_op, r.id)):
        result[r.casus_id].verstrekkingen.append(
            {
                **_row(r),
                "voorwaarden": voorwaarden_document(r.voorwaarden),
                "versies": [_row(v) for v in sorted(versies[r.id], key=lambda v: v.versie)],
                "correctieverzoeken": [
                    _row(m) for m in sorted(meldingen[r.id], key=lambda m: (m.tijdstip, m.id))
                ],
            }
        )


async def _load_overleg(
    session: AsyncSession, ids: list[str], result: dict[str, Casusgegevens]
) -> None:
    overleggen = await _all(
        session, select(CasusoverlegRow).where(CasusoverlegRow.casus_id.in_(ids))
    )
    if overleggen:
        aanwezigen = _group(
            await _all(
                session,
                select(CasusoverlegAanwezigeRow).where(
                    CasusoverlegAanwezigeRow.overleg_id.in_([o.id for o in overleggen])
                ),
            ),
            "overleg_id",
        )
        for o in sorted(overleggen, key=lambda o: (o.datum, o.vastgelegd_op, o.id)):
            result[o.casus_id].overleggen.append(
                {**_row(o), "aanwezigen": sorted(a.deelnemer for a in aanwezigen[o.id])}
            )
    plannen = await _all(
        session, select(PlanVanAanpakRow).where(PlanVanAanpakRow.casus_id.in_(ids))
    )
    if plannen:
        interventies = _group(
            await _all(
                session,
                select(InterventieRow).where(InterventieRow.plan_id.in_([p.id for p in plannen])),
            ),
            "plan_id",
        )
        for p in sorted(plannen, key=lambda p: p.versie):
            result[p.casus_id].plannen.append(
                {
                    **_row(p),
                    "interventies": [
                        _row(i) for i in sorted(interventies[p.id], key=lambda i: i.volgnummer)
                    ],
                }
            )


async def _load_plaatsingen(
    session: AsyncSession, ids: list[str], result: dict[str, Casusgegevens]
) -> None:
    plaatsingen = await _all(
        session,
        select(PrioriteringsplaatsingRow).where(PrioriteringsplaatsingRow.casus_id.in_(ids)),
    )
    if not plaatsingen:
        return
    feiten = _group(
        await _all(
            session,
            select(PlaatsingsfeitRow).where(
                PlaatsingsfeitRow.plaatsing_id.in_([p.id for p in plaatsingen])
            ),
        ),
        "plaatsing_id",
    )
    for p in sorted(plaatsingen, key=lambda p: (p.geplaatst_op, p.id)):
        result[p.casus_id].plaatsingen.append(
            {
                **_row(p),
                "feiten": [_row(f) for f in sorted(feiten[p.id], key=lambda f: f.volgnummer)],
            }
        )


async def _load_log(
    session: AsyncSession, zvh: str, ids: list[str], result: dict[str, Casusgegevens]
) -> None:
    """A summary of the processing log per case, aggregated by the database."""
    v = VerwerkingRow
    where = (v.zvh == zvh, v.casus_id.in_(ids))
    groups = await session.execute(
        select(
            v.casus_id,
            v.activiteit,
            v.handeling,
            v.resultaat,
            func.count(),
            func.min(v.tijdstip),
            func.max(v.tijdstip),
        )
        .where(*where)
        .group_by(v.casus_id, v.activiteit, v.handeling, v.resultaat)
    )
    per: dict[str, list[tuple[str, str, str, int, datetime, datetime]]] = defaultdict(list)
    for casus_id, a, h, u, n, eerste, laatste in groups.all():
        per[str(casus_id)].append((a, h, u, n, eerste, laatste))
    deelnemers: dict[str, set[str]] = defaultdict(set)
    for casus_id, deelnemer in (
        await session.execute(select(v.casus_id, v.deelnemer).where(*where).distinct())
    ).all():
        deelnemers[str(casus_id)].add(deelnemer)
    for casus_id in ids:
        rows = sorted(per[casus_id])
        result[casus_id].log = {
            "aantal": sum(r[3] for r in rows),
            "eerste": _value(min(_utc(r[4]) for r in rows)) if rows else None,
            "laatste": _value(max(_utc(r[5]) for r in rows)) if rows else None,
            "perActiviteit": [
                {"activiteit": a, "handeling": h, "resultaat": u, "aantal": n}
                for a, h, u, n, _, _ in rows
            ],
            "deelnemers": sorted(deelnemers[casus_id]),
        }


def _utc(moment: datetime) -> datetime:
    # Aggregates bypass the column type: SQLite returns naive UTC (or text).
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# The stored JSON and the retention calculation in the document's published shape: the
# names of the API contract (lowerCamelCase), which the document used from the start. The
# database stores the domain's shape (snake_case, since migration 7b3e5d1a9c42); these
# functions keep the document's bytes what they were.


def criteria_document(criteria: VastgelegdeCriteria) -> dict[str, object]:
    a, b, c, d = criteria.a, criteria.b, criteria.c, criteria.d
    return {
        "a": {
            "mate": a.mate.value,
            "betreft": [v.value for v in a.betreft],
            "onderbouwing": a.onderbouwing,
        },
        "b": {
            "mate": b.mate.value,
            "leefgebieden": [v.value for v in b.leefgebieden],
            "criminogeneFactoren": b.criminogene_factoren,
            "onderbouwing": b.onderbouwing,
        },
        "c": {
            "mate": c.mate.value,
            "gevolgen": [v.value for v in c.gevolgen],
            "tijd": None if c.tijd is None else c.tijd.value,
            "objectieveAanwijzingen": c.objectieve_aanwijzingen,
            "onderbouwing": c.onderbouwing,
        },
        "d": {
            "mate": d.mate.value,
            "domeinen": [v.value for v in d.domeinen],
            "onderbouwing": d.onderbouwing,
        },
    }


def voorwaarden_document(stored: dict[str, Any] | None) -> dict[str, object] | None:
    if stored is None:
        return None
    voorwaarden = GesteldeVoorwaarden.from_stored(stored)
    genoemd = voorwaarden.alleen_voor_deelnemers
    return {
        "nietVoorIncidenteleDeelnemers": voorwaarden.niet_voor_incidentele_deelnemers,
        "alleenVoorDeelnemers": None if genoemd is None else list(genoemd),
        "nietAanDerden": voorwaarden.niet_aan_derden,
        "toelichting": voorwaarden.toelichting,
    }


def _beoordeling(row: CriteriabeoordelingRow) -> dict[str, object]:
    return {
        **_row(row),
        "criteria": criteria_document(VastgelegdeCriteria.from_stored(row.criteria)),
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _bron(bron: BronBewaartermijn) -> dict[str, object]:
    return {
        "id": bron.id,
        "deelnemer": bron.deelnemer,
        "archiefdatum": bron.archiefdatum.isoformat(),
        "verlopen": bron.verlopen,
        "begrensdDoor": bron.begrensd_door.value,
    }


def _verlenging(verlenging: ToegepasteVerlenging) -> dict[str, object]:
    return {
        "besluitdatum": verlenging.besluitdatum.isoformat(),
        "maanden": verlenging.maanden,
        "reden": verlenging.reden.value,
        "ingangsdatum": verlenging.ingangsdatum.isoformat(),
        "einddatum": verlenging.einddatum.isoformat(),
        "vervallen": verlenging.vervallen,
        "vervalredenen": [
            {"code": r.code, "toelichting": r.toelichting} for r in verlenging.vervalredenen
        ],
    }


def bewaartermijn_document(uitkomst: Bewaartermijn, beleid: Bewaarbeleid) -> dict[str, object]:
    """The retention calculation as `POST /v1/bewaartermijn-berekeningen` answers it."""
    inzage = uitkomst.inzagetermijn
    verder = uitkomst.verdere_verlenging
    return {
        "status": uitkomst.status.value,
        "oorspronkelijkeMaximaleBewaardatum": uitkomst.oorspronkelijke_maximale_bewaardatum.isoformat(),
        "maximaleBewaardatum": uitkomst.maximale_bewaardatum.isoformat(),
        "archiefdatum": uitkomst.archiefdatum.isoformat(),
        "peildatum": uitkomst.peildatum.isoformat(),
        "verlopen": uitkomst.verlopen,
        "inzagetermijnNaAfsluiting": None
        if inzage is None
        else {
            "vanaf": inzage.vanaf.isoformat(),
            "tot": inzage.tot.isoformat(),
            "maanden": inzage.maanden,
            "dagen": inzage.dagen,
            "ingekort": inzage.ingekort,
        },
        "verlengingen": [_verlenging(v) for v in uitkomst.verlengingen],
        "bronnen": [_bron(b) for b in uitkomst.bronnen],
        "verdereVerlenging": {
            "mogelijk": verder.mogelijk,
            "situatie": None if verder.situatie is None else verder.situatie.value,
            "vroegsteBesluitdatum": _iso(verder.vroegste_besluitdatum),
            "uiterlijkeBesluitdatum": _iso(verder.uiterlijke_besluitdatum),
            "maximaleMaanden": verder.maximale_maanden,
            "toelichting": verder.toelichting,
        },
        "grondslag": list(uitkomst.grondslag),
        "toelichting": uitkomst.toelichting,
        "bewaarbeleid": {
            "maximumJaren": beleid.maximum_jaren,
            "naAfsluitingMaanden": beleid.na_afsluiting_maanden,
            "naAfwijzingMaanden": beleid.na_afwijzing_maanden,
            "verlengingMaximumMaanden": beleid.verlenging_maximum_maanden,
            "besluitvensterMaanden": beleid.besluitvenster_maanden,
        },
    }


def casus_document(
    casus: CasusRow,
    gegevens: Casusgegevens,
    stand: Bewaarstand,
    beleid: Bewaarbeleid,
    peildatum: date,
) -> dict[str, Any]:
    """Everything of a case, for the archive manager, before it is anonymised here."""
    return {
        "documentsoort": "casus",
        "grondslag": GRONDSLAG,
        "peildatum": peildatum.isoformat(),
        "casus": _row(casus),
        "betrokkene": _row(gegevens.betrokkene) if gegevens.betrokkene else None,
        "socialeOmgeving": [_row(p) for p in gegevens.omgeving],
        "criteriabeoordelingen": [_beoordeling(b) for b in gegevens.beoordelingen],
        "besluiten": [_row(g) for g in gegevens.gebeurtenissen],
        "deelnemers": [_row(d) for d in gegevens.deelnemers],
        "geheimhoudingsverklaringen": [_row(v) for v in gegevens.verklaringen],
        "gegevensverzoeken": [_row(v) for v in gegevens.verzoeken],
        "gegevensverstrekkingen": gegevens.verstrekkingen,
        "verlengingen": [
            {
                **_row(v),
                "instemmingen": [_row(i) for i in gegevens.instemmingen if i.verlenging_id == v.id],
            }
            for v in stand.verlengingen
        ],
        "casusoverleggen": gegevens.overleggen,
        "plannenVanAanpak": gegevens.plannen,
        "informatieplicht": (
            _row(gegevens.informatieplicht) if gegevens.informatieplicht else None
        ),
        "prioriteringsplaatsingen": gegevens.plaatsingen,
        "bewaartermijn": bewaartermijn_document(stand.uitkomst, beleid),
        "verwerkingen": gegevens.log,
    }


def bron_document(
    casus: CasusRow,
    gegevens: Casusgegevens,
    bron_id: str,
    stand: Bewaarstand,
    beleid: Bewaarbeleid,
    peildatum: date,
) -> dict[str, Any]:
    """One source of a case that is otherwise kept: the registration or one supply."""
    inhoud: dict[str, object]
    if bron_id == AANMELDING:
        inhoud = {
            "aanmelder": casus.aanmelder,
            "aanmelddatum": casus.aanmelddatum.isoformat(),
            "aanmeldreden": casus.aanmeldreden,
            "socialeOmgeving": [_row(p) for p in gegevens.omgeving],
            "criteriabeoordelingen": [
                _beoordeling(b) for b in gegevens.beoordelingen if b.fase == "aanmelding"
            ],
        }
    else:
        inhoud = next(v for v in gegevens.verstrekkingen if v["id"] == bron_id)
    return {
        "documentsoort": "bron",
        "grondslag": GRONDSLAG,
        "peildatum": peildatum.isoformat(),
        "casusId": casus.id,
        "samenwerkingsverband": casus.zvh,
        "bronId": bron_id,
        "bron": inhoud,
        "bewaartermijn": next(_bron(b) for b in stand.uitkomst.bronnen if b.id == bron_id),
        "verwerkingen": gegevens.log,
    }


def canonical(document: dict[str, Any]) -> bytes:
    # Compact, so that the C encoder does the work (an indent forces the Python one).
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Temp file, fsync, rename over the target, fsync the directory: a reader (or a crash)
    sees the old file or the new one, never half of one. With `sync=False` the caller makes
    it durable (see `write_many`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(tmp, path)
    if sync:
        fsync_dir(path.parent)


def write_many(files: Sequence[tuple[Path, bytes]]) -> None:
    """`write_atomic` for many files, made durable together: when this returns, every file
    and its directory entry is on disk.

    Each file is written to a temp file and renamed into place; then one `syncfs(2)` of
    the file system (Linux) flushes them all, which costs a fraction of an fsync per file
    and per directory. Where `syncfs` is unavailable, or a directory lies on another file
    system, each file is fsynced and each directory once. A crash before this returns
    leaves at worst a file whose case was not archived yet: the rerun rewrites it,
    identically, before it commits anything."""
    directories = sorted({path.parent for path, _ in files})
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True)
    if not files:
        return
    syncfs = _syncfs()
    if syncfs is not None and len({os.stat(d).st_dev for d in directories}) > 1:
        syncfs = None
    for path, data in files:
        write_atomic(path, data, sync=False)
    if syncfs is None:
        for path, _ in files:
            _fsync_path(path)
        for directory in directories:
            fsync_dir(directory)
        return
    fd = os.open(directories[0], os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(directories[0]))
    finally:
        os.close(fd)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    return function


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
