"""The case read model: one SELECT yields the case, what the access policy decides on and
every part a view can show (issue 15; Polar's one query per view).

The case row comes back as the ORM entity (a change in the request goes through it); the
rest arrive as JSON arrays from correlated subqueries (`json_agg` on PostgreSQL,
`json_group_array` on SQLite) and are parsed into small frozen values. SQLite before 3.44
has no ORDER BY inside an aggregate, so the orders the old per-part queries had are
restored here, in Python.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Date,
    Select,
    bindparam,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.db.tables import (
    BetrokkeneRow,
    CasusdeelnemerRow,
    CasusgebeurtenisRow,
    CasusRow,
    CriteriabeoordelingRow,
    GeheimhoudingsverklaringRow,
    OmgevingspersoonRow,
)
from app.db.tables_contactpunt import MandaatRow
from app.db.tables_overleg import PlanVanAanpakRow
from app.db.tables_verstrekkingen import GegevensverzoekRow
from app.domain.criteria import VastgelegdeCriteria
from app.domain.deelnemer import Rol
from app.domain.mandaat import Bevoegdheid, Mandaat, Mandaten


@dataclass(frozen=True, slots=True)
class Betrokkene:
    pseudoniem: str
    bsn: str | None
    voornamen: str | None
    achternaam: str | None
    geboortedatum: date | None


@dataclass(frozen=True, slots=True)
class Deelname:
    """A participant selected for the case (step 4), fixed or incidental."""

    deelnemer: str
    incidenteel: bool
    noodzaak: str


@dataclass(frozen=True, slots=True)
class Omgevingspersoon:
    naam: str | None
    relatie: str | None


@dataclass(frozen=True, slots=True)
class Beoordeling:
    fase: str
    tijdstip: datetime
    deelnemer: str
    criteria: VastgelegdeCriteria
    uitkomst: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Gebeurtenis:
    id: str
    soort: str
    tijdstip: datetime
    deelnemer: str
    sub: str
    toelichting: str | None


@dataclass(frozen=True, slots=True)
class Casusdossier:
    """One case as one query found it: the row, the policy's facts, the view's parts."""

    casus: CasusRow
    betrokkene: Betrokkene | None
    deelnemers: tuple[Deelname, ...]
    # Signed confidentiality statements as (organisation, person `sub`).
    verklaringen: frozenset[tuple[str, str]]
    gevraagd: frozenset[str]
    casusregisseur: str | None
    mandaten: Mandaten
    omgeving: tuple[Omgevingspersoon, ...]
    beoordelingen: tuple[Beoordeling, ...]
    gebeurtenissen: tuple[Gebeurtenis, ...]


Kolom = InstrumentedAttribute[Any]


class _Json:
    """The dialect's JSON aggregate functions."""

    def __init__(self, dialect: str) -> None:
        self.postgres = dialect == "postgresql"

    def value(self, column: Kolom) -> ColumnElement[Any] | Kolom:
        # SQLite keeps JSON as text: json() nests it as JSON instead of as a string.
        return column if self.postgres or not isinstance(column.type, JSON) else func.json(column)

    def array(self, element: ColumnElement[Any] | Kolom, *where: ColumnElement[bool]) -> Any:
        agg: ColumnElement[Any] = (
            func.coalesce(func.json_agg(element), func.json_build_array())
            if self.postgres
            else func.json_group_array(element)
        )
        return type_coerce(select(agg).where(*where).scalar_subquery(), JSON)

    def rows(self, columns: Mapping[str, Kolom], *where: ColumnElement[bool]) -> Any:
        build = func.json_build_object if self.postgres else func.json_object
        pairs = [part for key, column in columns.items() for part in (key, self.value(column))]
        return self.array(build(*pairs), *where)


def _query(dialect: str) -> Select[CasusRow, *tuple[Any, ...]]:
    j = _Json(dialect)
    dag = bindparam("dag", type_=Date)
    bij_casus = CasusRow.id
    return select(
        CasusRow,
        j.rows(
            {
                "pseudoniem": BetrokkeneRow.pseudoniem,
                "bsn": BetrokkeneRow.bsn,
                "voornamen": BetrokkeneRow.voornamen,
                "achternaam": BetrokkeneRow.achternaam,
                "geboortedatum": BetrokkeneRow.geboortedatum,
            },
            BetrokkeneRow.casus_id == bij_casus,
        ).label("betrokkene"),
        j.rows(
            {
                "deelnemer": CasusdeelnemerRow.deelnemer,
                "incidenteel": CasusdeelnemerRow.incidenteel,
                "noodzaak": CasusdeelnemerRow.noodzaak,
            },
            CasusdeelnemerRow.casus_id == bij_casus,
        ).label("deelnemers"),
        j.rows(
            {
                "deelnemer": GeheimhoudingsverklaringRow.deelnemer,
                "sub": GeheimhoudingsverklaringRow.sub,
            },
            GeheimhoudingsverklaringRow.casus_id == bij_casus,
        ).label("verklaringen"),
        j.array(GegevensverzoekRow.deelnemer, GegevensverzoekRow.casus_id == bij_casus).label(
            "gevraagd"
        ),
        select(PlanVanAanpakRow.casusregisseur)
        .where(PlanVanAanpakRow.casus_id == bij_casus)
        .order_by(PlanVanAanpakRow.versie.desc())
        .limit(1)
        .scalar_subquery()
        .label("casusregisseur"),
        j.rows(
            {
                "bevoegdheid": MandaatRow.bevoegdheid,
                "gemandateerde": MandaatRow.gemandateerde,
                "rol": MandaatRow.rol,
                "ingangsdatum": MandaatRow.ingangsdatum,
                "einddatum": MandaatRow.einddatum,
            },
            MandaatRow.zvh == CasusRow.zvh,
            MandaatRow.ingangsdatum <= dag,
            or_(MandaatRow.einddatum.is_(None), MandaatRow.einddatum >= dag),
        ).label("mandaten"),
        j.rows(
            {"naam": OmgevingspersoonRow.naam, "relatie": OmgevingspersoonRow.relatie},
            OmgevingspersoonRow.casus_id == bij_casus,
        ).label("omgeving"),
        j.rows(
            {
                "fase": CriteriabeoordelingRow.fase,
                "tijdstip": CriteriabeoordelingRow.tijdstip,
                "deelnemer": CriteriabeoordelingRow.deelnemer,
                "criteria": CriteriabeoordelingRow.criteria,
                "uitkomst": CriteriabeoordelingRow.uitkomst,
            },
            CriteriabeoordelingRow.casus_id == bij_casus,
        ).label("beoordelingen"),
        j.rows(
            {
                "id": CasusgebeurtenisRow.id,
                "soort": CasusgebeurtenisRow.soort,
                "tijdstip": CasusgebeurtenisRow.tijdstip,
                "deelnemer": CasusgebeurtenisRow.deelnemer,
                "sub": CasusgebeurtenisRow.sub,
                "toelichting": CasusgebeurtenisRow.toelichting,
            },
            CasusgebeurtenisRow.casus_id == bij_casus,
        ).label("gebeurtenissen"),
    ).where(CasusRow.id == bindparam("casus_id"), CasusRow.zvh == bindparam("zvh"))


# Built once per dialect: composing some sixty SQL elements costs more than running them.
_QUERIES: dict[tuple[str, bool], Select[CasusRow, *tuple[Any, ...]]] = {}


def _cached(dialect: str, for_update: bool) -> Select[CasusRow, *tuple[Any, ...]]:
    query = _QUERIES.get((dialect, for_update))
    if query is None:
        query = _query(dialect)
        if for_update:
            query = query.with_for_update(of=CasusRow)
        # Read again after a change in this request: the row in the session is refreshed too.
        query = query.execution_options(populate_existing=True)
        _QUERIES[(dialect, for_update)] = query
    return query


def _moment(value: str) -> datetime:
    """A stored moment as JSON shows it: ISO with offset (PostgreSQL) or naive UTC (SQLite)."""
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _betrokkene(items: list[dict[str, Any]]) -> Betrokkene | None:
    if not items:
        return None
    b = items[0]
    return Betrokkene(
        pseudoniem=b["pseudoniem"],
        bsn=b["bsn"],
        voornamen=b["voornamen"],
        achternaam=b["achternaam"],
        geboortedatum=_date(b["geboortedatum"]),
    )


def _mandaten(items: list[dict[str, Any]], dag: date) -> Mandaten:
    mandaten = []
    for m in items:
        ingang = _date(m["ingangsdatum"])
        assert ingang is not None
        mandaten.append(
            Mandaat(
                bevoegdheid=Bevoegdheid(m["bevoegdheid"]),
                gemandateerde=m["gemandateerde"],
                rol=Rol(m["rol"]),
                ingangsdatum=ingang,
                einddatum=_date(m["einddatum"]),
            )
        )
    return Mandaten.op(mandaten, dag)


def _dossier(row: Any, dag: date) -> Casusdossier:
    casus: CasusRow = row[0]
    deelnemers = sorted(row.deelnemers, key=lambda d: str(d["deelnemer"]))
    beoordelingen = [
        Beoordeling(
            fase=b["fase"],
            tijdstip=_moment(b["tijdstip"]),
            deelnemer=b["deelnemer"],
            criteria=VastgelegdeCriteria.from_stored(b["criteria"]),
            uitkomst=b["uitkomst"],
        )
        for b in row.beoordelingen
    ]
    gebeurtenissen = [
        Gebeurtenis(
            id=g["id"],
            soort=g["soort"],
            tijdstip=_moment(g["tijdstip"]),
            deelnemer=g["deelnemer"],
            sub=g["sub"],
            toelichting=g["toelichting"],
        )
        for g in row.gebeurtenissen
    ]
    by_moment: Callable[[Beoordeling], datetime] = lambda b: b.tijdstip  # noqa: E731
    return Casusdossier(
        casus=casus,
        betrokkene=_betrokkene(row.betrokkene),
        deelnemers=tuple(
            Deelname(
                deelnemer=d["deelnemer"],
                incidenteel=bool(d["incidenteel"]),
                noodzaak=d["noodzaak"],
            )
            for d in deelnemers
        ),
        verklaringen=frozenset((v["deelnemer"], v["sub"]) for v in row.verklaringen),
        gevraagd=frozenset(row.gevraagd),
        casusregisseur=row.casusregisseur,
        mandaten=_mandaten(row.mandaten, dag),
        omgeving=tuple(Omgevingspersoon(p["naam"], p["relatie"]) for p in row.omgeving),
        beoordelingen=tuple(sorted(beoordelingen, key=by_moment)),
        gebeurtenissen=tuple(sorted(gebeurtenissen, key=lambda g: (g.tijdstip, g.id))),
    )


async def load(
    session: AsyncSession, zvh: str, casus_id: str, dag: date, *, for_update: bool = False
) -> Casusdossier | None:
    """The case of partnership `zvh` with its facts and parts, mandates as in force on `dag`.

    `for_update` locks the case row (not the rows the subqueries read) until the
    transaction ends, as a change of the case needs.
    """
    query = _cached(session.get_bind().dialect.name, for_update)
    params = {"casus_id": casus_id, "zvh": zvh, "dag": dag}
    row = (await session.execute(query, params)).first()
    return None if row is None else _dossier(row, dag)
