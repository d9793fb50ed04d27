"""Reading supplied data: each reader only what its part needs and the conditions allow.

Need to know (memorie van toelichting, art. 2.31 WGS) and the supplier's conditions
(art. 2.29 lid 3 WGS) are applied to every item on every read; the rule itself is pure
(app/domain/verstrekking.py).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_views import Hoedanigheid, Onderdeel
from app.db.tables_verstrekkingen import CorrectieverzoekRow, VerstrekkingsversieRow
from app.db.verstrekkingen import Verstrekking, VerstrekkingRepository
from app.domain.errors import NotFound
from app.domain.verstrekking import (
    Correctieverzoekstatus,
    Gegevenscategorie,
    GrondslagBeroepsgeheim,
    Lezer,
    Lezersrol,
    Voorwaarden,
    may_read,
    sees_correction_request,
    sees_history,
    voorwaarden_of,
)
from app.services.casussen import CasusToegang


@dataclass(frozen=True, slots=True)
class Correctiemelding:
    """A reported error in supplied data, as its reader may see it (art. 1.6 BGS)."""

    id: str
    melder: str
    toelichting: str
    tijdstip: datetime
    status: Correctieverzoekstatus
    afgehandeld_in_versie: int | None


@dataclass(frozen=True, slots=True)
class EerdereVersie:
    """Content replaced by a correction."""

    versie: int
    inhoud: str | None
    toelichting: str | None
    tijdstip: datetime


@dataclass(frozen=True, slots=True)
class VerstrekteGegevens:
    """One supply as its reader may see it, with the conditions that travel with it."""

    id: str
    verstrekker: str
    categorie: Gegevenscategorie
    inhoud: str | None
    versie: int
    voorwaarden: Voorwaarden
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None
    wettelijke_uiterlijke_bewaardatum: date | None
    gegevensverzoek: str | None
    verstrekt_op: datetime
    gewijzigd_op: datetime
    # None: the reader does not see the history (app/domain/verstrekking.py::sees_history).
    eerdere_versies: tuple[EerdereVersie, ...] | None
    correctieverzoeken: tuple[Correctiemelding, ...]


_HELE_CASUS = frozenset(
    {Hoedanigheid.VERANTWOORDELIJKE_VOOR_SELECTIE, Hoedanigheid.AANGEWEZEN_FUNCTIE}
)


def lezer(toegang: CasusToegang) -> Lezer:
    """How the caller relates to the case, for the rules on supplied data (its view)."""
    view = toegang.zicht
    if view.toezicht:
        rol = Lezersrol.TOEZICHT
    elif not view.toont(Onderdeel.VERSTREKKINGEN):
        rol = Lezersrol.OVERIG
    elif view.hoedanigheden & _HELE_CASUS:
        rol = Lezersrol.VERANTWOORDELIJK
    elif Hoedanigheid.GESELECTEERD in view.hoedanigheden:
        rol = Lezersrol.GESELECTEERD
    else:
        rol = Lezersrol.INCIDENTEEL
    return Lezer(toegang.caller.deelnemer, rol)


async def visible(
    session: AsyncSession, toegang: CasusToegang, *, verstrekking_id: str | None = None
) -> list[Verstrekking]:
    wie = lezer(toegang)
    items = await VerstrekkingRepository(session).verstrekkingen(
        toegang.casus.id, verstrekking_id=verstrekking_id
    )
    return [v for v in items if may_read(wie, v.row.deelnemer, voorwaarden_of(v.row.voorwaarden))]


async def visible_one(session: AsyncSession, toegang: CasusToegang, vid: str) -> Verstrekking:
    """One item the caller may see; otherwise 404, so that hidden data stays unknown."""
    items = await visible(session, toegang, verstrekking_id=vid)
    if not items:
        raise NotFound("Deze gegevensverstrekking bestaat niet of is voor u niet zichtbaar.")
    return items[0]


async def render(
    session: AsyncSession, toegang: CasusToegang, items: list[Verstrekking]
) -> list[VerstrekteGegevens]:
    wie = lezer(toegang)
    repo = VerstrekkingRepository(session)
    ids = [v.row.id for v in items]
    versies: dict[str, list[VerstrekkingsversieRow]] = defaultdict(list)
    for versie in await repo.versies(ids):
        versies[versie.verstrekking_id].append(versie)
    meldingen: dict[str, list[CorrectieverzoekRow]] = defaultdict(list)
    for melding in await repo.correctieverzoeken(ids):
        meldingen[melding.verstrekking_id].append(melding)
    return [
        _view(
            v,
            eerdere=(
                [x for x in versies[v.row.id] if x.versie < v.row.versie]
                if sees_history(wie, v.row.deelnemer)
                else None
            ),
            meldingen=[
                m
                for m in meldingen[v.row.id]
                if sees_correction_request(wie, v.row.deelnemer, m.melder)
            ],
        )
        for v in items
    ]


def correctieverzoek_view(row: CorrectieverzoekRow) -> Correctiemelding:
    return Correctiemelding(
        id=row.id,
        melder=row.melder,
        toelichting=row.toelichting,
        tijdstip=row.tijdstip,
        status=(
            Correctieverzoekstatus.OPEN
            if row.afgehandeld_in_versie is None
            else Correctieverzoekstatus.AFGEHANDELD
        ),
        afgehandeld_in_versie=row.afgehandeld_in_versie,
    )


def _view(
    v: Verstrekking,
    *,
    eerdere: list[VerstrekkingsversieRow] | None,
    meldingen: list[CorrectieverzoekRow],
) -> VerstrekteGegevens:
    row = v.row
    grondslag = row.grondslag_beroepsgeheim
    return VerstrekteGegevens(
        id=row.id,
        verstrekker=row.deelnemer,
        categorie=Gegevenscategorie(row.categorie),
        inhoud=v.huidig.inhoud,
        versie=row.versie,
        voorwaarden=voorwaarden_of(row.voorwaarden),
        grondslag_beroepsgeheim=GrondslagBeroepsgeheim(grondslag) if grondslag else None,
        wettelijke_uiterlijke_bewaardatum=row.wettelijke_uiterlijke_bewaardatum,
        gegevensverzoek=row.gegevensverzoek_id,
        verstrekt_op=row.verstrekt_op,
        gewijzigd_op=row.gewijzigd_op,
        eerdere_versies=(
            None
            if eerdere is None
            else tuple(
                EerdereVersie(
                    versie=x.versie, inhoud=x.inhoud, toelichting=x.toelichting, tijdstip=x.tijdstip
                )
                for x in eerdere
            )
        ),
        correctieverzoeken=tuple(correctieverzoek_view(m) for m in meldingen),
    )
