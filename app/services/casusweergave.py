"""What a reader of a case gets: only the parts its capacities show (app/auth/case_views.py)."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_views import GEEN_ZICHT, Onderdeel, zicht
from app.db.casussen import CasusRepository
from app.db.tables import (
    BetrokkeneRow,
    CasusdeelnemerRow,
    CasusgebeurtenisRow,
    CriteriabeoordelingRow,
    OmgevingspersoonRow,
)
from app.domain.casus import Casusstatus
from app.domain.verstrekking import GrondslagBeroepsgeheim
from app.schemas.casussen import (
    BetrokkeneWeergave,
    Bewaardata,
    Casusdeelnemer,
    Casusgebeurtenis,
    CasusSchema,
    Criteriabeoordeling,
    OmgevingspersoonWeergave,
)
from app.schemas.criteria import Toetsingsuitkomst
from app.services.casussen import CasusToegang

Deel = Onderdeel


class _Geladen:
    """The database, but what open_casus already loaded is not read again."""

    def __init__(self, repo: CasusRepository, toegang: CasusToegang) -> None:
        self.repo = repo
        self.toegang = toegang

    async def betrokkene(self, casus_id: str) -> BetrokkeneRow | None:
        return self.toegang.betrokkene or await self.repo.betrokkene(casus_id)

    async def deelnemers(self, casus_id: str) -> Sequence[CasusdeelnemerRow]:
        # After a selection in this request the loaded list is stale: read it again.
        if self.toegang.casus.versie == self.toegang.geladen_versie:
            return self.toegang.deelnemers
        return await self.repo.deelnemers(casus_id)

    async def omgeving(self, casus_id: str) -> Sequence[OmgevingspersoonRow]:
        return await self.repo.omgeving(casus_id)

    async def beoordelingen(self, casus_id: str) -> Sequence[CriteriabeoordelingRow]:
        return await self.repo.beoordelingen(casus_id)

    async def gebeurtenissen(self, casus_id: str) -> Sequence[CasusgebeurtenisRow]:
        return await self.repo.gebeurtenissen(casus_id)


class CasusInhoud(Protocol):
    """Where the view reads the case's parts: the database, or what a request just wrote."""

    async def betrokkene(self, casus_id: str) -> BetrokkeneRow | None: ...
    async def omgeving(self, casus_id: str) -> Sequence[OmgevingspersoonRow]: ...
    async def beoordelingen(self, casus_id: str) -> Sequence[CriteriabeoordelingRow]: ...
    async def gebeurtenissen(self, casus_id: str) -> Sequence[CasusgebeurtenisRow]: ...
    async def deelnemers(self, casus_id: str) -> Sequence[CasusdeelnemerRow]: ...


async def render(
    session: AsyncSession, toegang: CasusToegang, inhoud: CasusInhoud | None = None
) -> CasusSchema:
    repo: CasusInhoud = inhoud or _Geladen(CasusRepository(session), toegang)
    casus = toegang.casus
    rijen = await repo.deelnemers(casus.id)
    # The view follows the case as it is now, also right after this request changed its
    # status or its selection (which ends the joint controllers' full view).
    feiten = replace(
        toegang.feiten,
        status=Casusstatus(casus.status),
        geselecteerd=frozenset(d.deelnemer for d in rijen if not d.incidenteel),
        uitgenodigd_incidenteel=frozenset(d.deelnemer for d in rijen if d.incidenteel),
    )
    view = zicht(toegang.caller, feiten) or GEEN_ZICHT
    toont = view.toont
    betrokkene = await repo.betrokkene(casus.id) if toont(Deel.BETROKKENE, Deel.BSN) else None
    betrokkene_view = None
    if betrokkene is not None:
        betrokkene_view = BetrokkeneWeergave(
            bsn=betrokkene.bsn if toont(Deel.BSN) else None,
            voornamen=betrokkene.voornamen,
            achternaam=betrokkene.achternaam,
            geboortedatum=betrokkene.geboortedatum,
        )
    beoordelingen = None
    if toont(Deel.BEOORDELINGEN, Deel.AANMELDING):
        beoordelingen = [
            Criteriabeoordeling(
                fase=b.fase,
                tijdstip=b.tijdstip,
                deelnemer=b.deelnemer,
                criteria=b.criteria,
                uitkomst=Toetsingsuitkomst.model_validate(b.uitkomst),
            )
            for b in await repo.beoordelingen(casus.id)
            if toont(Deel.BEOORDELINGEN) or b.fase == "aanmelding"
        ]
    deelnemers = None
    if toont(Deel.SELECTIE, Deel.EIGEN_SELECTIE):
        getekend = feiten.getekend_door_organisatie
        deelnemers = [
            Casusdeelnemer(
                deelnemer=d.deelnemer,
                incidenteel=d.incidenteel,
                noodzaak=d.noodzaak,
                geheimhoudingsverklaring_getekend=(d.deelnemer in getekend)
                if d.incidenteel
                else None,
            )
            for d in rijen
            if toont(Deel.SELECTIE) or d.deelnemer == toegang.caller.deelnemer
        ]
    aanmelding = toont(Deel.AANMELDING)
    grondslag = casus.grondslag_beroepsgeheim
    return CasusSchema(
        id=casus.id,
        status=casus.status,
        weergave=view.weergave,
        onderdelen=sorted(view.onderdelen),
        aanmelddatum=casus.aanmelddatum,
        aanmelder=casus.aanmelder,
        betrokkene=betrokkene_view,
        aanmeldreden=casus.aanmeldreden if aanmelding else None,
        grondslag_beroepsgeheim=(
            GrondslagBeroepsgeheim(grondslag) if aanmelding and grondslag else None
        ),
        sociale_omgeving=(
            [
                OmgevingspersoonWeergave(naam=p.naam, relatie=p.relatie)
                for p in await repo.omgeving(casus.id)
            ]
            if aanmelding
            else None
        ),
        beoordelingen=beoordelingen,
        gebeurtenissen=(
            [
                Casusgebeurtenis(
                    soort=g.soort,
                    tijdstip=g.tijdstip,
                    deelnemer=g.deelnemer,
                    sub=g.sub,
                    toelichting=g.toelichting,
                )
                for g in await repo.gebeurtenissen(casus.id)
            ]
            if toont(Deel.GEBEURTENISSEN)
            else None
        ),
        deelnemers=deelnemers,
        vorige_casus_id=casus.vorige_casus_id if toont(Deel.VORIGE_CASUS) else None,
        afsluitdatum=casus.afsluitdatum,
        afwijzingsdatum=casus.afwijzingsdatum,
        bewaartermijn=(
            Bewaardata(
                maximale_bewaardatum=casus.maximale_bewaardatum, archiefdatum=casus.archiefdatum
            )
            if toont(Deel.BEWAARTERMIJN)
            else None
        ),
    )
