"""A case as its reader may see it: the read model mapped onto the contract, part by part
as the caller's view shows (app/auth/case_views.py)."""

from app.auth.case_views import Onderdeel
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
from app.schemas.criteria import Toetsingsuitkomst, VastgelegdeCriteria
from app.services.casustoegang import CasusToegang

Deel = Onderdeel


def casus_schema(toegang: CasusToegang) -> CasusSchema:
    """The case in `toegang`'s read model, in the view its caller has of it."""
    dossier = toegang.dossier
    casus = dossier.casus
    view = toegang.zicht
    toont = view.toont
    betrokkene = dossier.betrokkene if toont(Deel.BETROKKENE, Deel.BSN) else None
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
                criteria=VastgelegdeCriteria.of(b.criteria),
                uitkomst=Toetsingsuitkomst.model_validate(b.uitkomst),
            )
            for b in dossier.beoordelingen
            if toont(Deel.BEOORDELINGEN) or b.fase == "aanmelding"
        ]
    deelnemers = None
    if toont(Deel.SELECTIE, Deel.EIGEN_SELECTIE):
        getekend = toegang.feiten.getekend_door_organisatie
        deelnemers = [
            Casusdeelnemer(
                deelnemer=d.deelnemer,
                incidenteel=d.incidenteel,
                noodzaak=d.noodzaak,
                geheimhoudingsverklaring_getekend=(d.deelnemer in getekend)
                if d.incidenteel
                else None,
            )
            for d in dossier.deelnemers
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
            [OmgevingspersoonWeergave(naam=p.naam, relatie=p.relatie) for p in dossier.omgeving]
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
                for g in dossier.gebeurtenissen
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
