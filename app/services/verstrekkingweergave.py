"""Reading supplied data: each reader only what its part needs and the conditions allow.

Need to know (memorie van toelichting, art. 2.31 WGS) and the supplier's conditions
(art. 2.29 lid 3 WGS) are applied to every item on every read; the rule itself is pure
(app/domain/verstrekking.py).
"""

from collections import defaultdict
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_views import Hoedanigheid, Onderdeel
from app.db.tables_verstrekkingen import CorrectieverzoekRow, VerstrekkingsversieRow
from app.db.verstrekkingen import Verstrekking, VerstrekkingRepository
from app.domain.errors import NotFound
from app.domain.verstrekking import (
    GEEN_VOORWAARDEN,
    Gegevenscategorie,
    GrondslagBeroepsgeheim,
    Lezer,
    Lezersrol,
    Voorwaarden,
    may_read,
    sees_correction_request,
    sees_history,
)
from app.schemas.verstrekkingen import (
    Correctieverzoek,
    Correctieverzoekstatus,
    Gegevensverstrekking,
    Verstrekkingsversie,
    VoorwaardenSchema,
    VoorwaardenWeergave,
)
from app.services.casussen import CasusToegang

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


def voorwaarden_of(stored: dict[str, Any] | None) -> Voorwaarden:
    if stored is None:
        return GEEN_VOORWAARDEN
    return VoorwaardenSchema.model_validate(stored).to_domain()


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
) -> list[Gegevensverstrekking]:
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


def correctieverzoek_view(row: CorrectieverzoekRow) -> Correctieverzoek:
    return Correctieverzoek(
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
) -> Gegevensverstrekking:
    row = v.row
    grondslag = row.grondslag_beroepsgeheim
    return Gegevensverstrekking(
        id=row.id,
        verstrekker=row.deelnemer,
        categorie=Gegevenscategorie(row.categorie),
        inhoud=v.huidig.inhoud,
        versie=row.versie,
        voorwaarden=VoorwaardenWeergave.of(voorwaarden_of(row.voorwaarden)),
        grondslag_beroepsgeheim=GrondslagBeroepsgeheim(grondslag) if grondslag else None,
        wettelijke_uiterlijke_bewaardatum=row.wettelijke_uiterlijke_bewaardatum,
        gegevensverzoek=row.gegevensverzoek_id,
        verstrekt_op=row.verstrekt_op,
        gewijzigd_op=row.gewijzigd_op,
        eerdere_versies=(
            None
            if eerdere is None
            else [
                Verstrekkingsversie(
                    versie=x.versie, inhoud=x.inhoud, toelichting=x.toelichting, tijdstip=x.tijdstip
                )
                for x in eerdere
            ]
        ),
        correctieverzoeken=[correctieverzoek_view(m) for m in meldingen],
    )
