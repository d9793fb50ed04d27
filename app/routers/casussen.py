"""The case process of art. 2.31 WGS: `/v1/casussen`."""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Header, Path, Query, Response

from app.auth.case_policy import CasusActie
from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import (
    Bewaarbeleid,
    CurrentCaller,
    Idempotent,
    Log,
    Nu,
    Registry,
    Session,
    Today,
    allowed,
)
from app.domain.casus import Casusstatus
from app.domain.verwerking import Handeling
from app.problems import problem_responses
from app.routers import v1_router
from app.routers._casus_presentatie import casus_schema
from app.schemas.casussen import (
    Afsluiting,
    Beoordelingsbesluit,
    CasusAanmelding,
    CasusSamenvatting,
    CasusSchema,
    CasussenPagina,
    DeelnemerSelectie,
    GeheimhoudingsverklaringNieuw,
    Heropening,
)
from app.schemas.fields import Datum, Tekst
from app.services import casusdeelnemers, casuslijst, casussen, casustoegang
from app.services.casussen import CasusToegang, etag
from app.services.casustoegang import OpgegevenReden
from app.services.commands import AssessCasus, CloseCasus, ReopenCasus

router = v1_router(tags=["Casussen"])

CasusId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van de casus.")]
IfMatch = Annotated[
    Tekst | None,
    Header(
        alias="If-Match",
        description="De ETag van de casus zoals u die kent; verouderd geeft 412 en verandert niets.",
    ),
]
IfNoneMatch = Annotated[
    Tekst | None,
    Header(
        alias="If-None-Match",
        description=(
            "Eén of meer ETags (of `*`) die u al heeft; noemt hij de huidige ETag, dan is het "
            "antwoord 304 zonder body (app/routing.py). Het lezen komt wel in het "
            "verwerkingenlog."
        ),
    ),
]
_REDEN = (
    "Alleen voor de coördinerend functionaris gegevensbescherming: de reden van deze "
    "raadpleging voor toezicht (verplicht voor hem, 400 `reden-ontbreekt` zonder). Het "
    "verwerkingenlog bewaart haar bij de raadpleging. Tekst buiten ASCII in de queryparameter."
)
RedenHeader = Annotated[Tekst | None, Header(alias="Reden", description=_REDEN)]
RedenQuery = Annotated[Tekst | None, Query(alias="reden", description=_REDEN)]
Aanmelder = Annotated[Caller, Depends(allowed(Actie.CASUS_AANMELDEN))]
Zoeker = Annotated[Caller, Depends(allowed(Actie.CASUSSEN_ZOEKEN))]

READ = problem_responses(400, 401, 403, 404)
WRITE = problem_responses(400, 401, 403, 404, 409, 412, 413, 415)


def toegang(
    actie: CasusActie, activiteit: str, handeling: Handeling
) -> Callable[..., Coroutine[Any, Any, CasusToegang]]:
    """Load the case, log the attempt and authorise, all before the body is looked at.

    A read also takes the coordinating FG's stated reason (`Reden` header, `reden` query).
    """

    async def dependency(
        caller: CurrentCaller,
        session: Session,
        log: Log,
        casus_id: CasusId,
        if_match: IfMatch = None,
    ) -> CasusToegang:
        return await casussen.open_casus(
            session,
            log,
            caller,
            casus_id,
            actie,
            activiteit=activiteit,
            handeling=handeling,
            if_match=if_match,
        )

    async def read_dependency(
        caller: CurrentCaller,
        session: Session,
        log: Log,
        casus_id: CasusId,
        if_match: IfMatch = None,
        reden_header: RedenHeader = None,
        reden: RedenQuery = None,
    ) -> CasusToegang:
        return await casussen.open_casus(
            session,
            log,
            caller,
            casus_id,
            actie,
            activiteit=activiteit,
            handeling=handeling,
            if_match=if_match,
            reden=OpgegevenReden(reden_header, reden),
        )

    return read_dependency if handeling is Handeling.RAADPLEGEN else dependency


Lezen = Annotated[
    CasusToegang, Depends(toegang(CasusActie.LEZEN, "casus-raadplegen", Handeling.RAADPLEGEN))
]
Intake = Annotated[
    CasusToegang, Depends(toegang(CasusActie.INTAKE, "casus-intake", Handeling.WIJZIGEN))
]
Definitief = Annotated[
    CasusToegang,
    Depends(
        toegang(
            CasusActie.DEFINITIEVE_BEOORDELING, "casus-definitieve-beoordeling", Handeling.WIJZIGEN
        )
    ),
]
Selecteren = Annotated[
    CasusToegang,
    Depends(
        toegang(CasusActie.DEELNEMERS_SELECTEREN, "casus-deelnemers-selecteren", Handeling.WIJZIGEN)
    ),
]
Ondertekenen = Annotated[
    CasusToegang,
    Depends(
        toegang(
            CasusActie.VERKLARING_ONDERTEKENEN, "casus-deelnemers-selecteren", Handeling.VASTLEGGEN
        )
    ),
]
Afsluiten = Annotated[
    CasusToegang, Depends(toegang(CasusActie.AFSLUITEN, "casus-afsluiten", Handeling.WIJZIGEN))
]
Heropenen = Annotated[
    CasusToegang, Depends(toegang(CasusActie.HEROPENEN, "casus-heropenen", Handeling.WIJZIGEN))
]


def _show(access: CasusToegang, response: Response) -> CasusSchema:
    response.headers["ETag"] = etag(access.casus)
    return casus_schema(access)


async def _respond(session: Session, access: CasusToegang, response: Response) -> CasusSchema:
    """After a change: the case as it is now, read again in one query."""
    return _show(await casustoegang.reload(session, access), response)


@router.post(
    "/casussen",
    operation_id="casusAanmelden",
    summary="Meld een casus aan (stap 1, art. 2.31 lid 1 WGS)",
    description=(
        "Een vaste deelnemer (overheid of privaat, nooit een incidentele) meldt een persoon "
        "aan. Een aanmelder met een beroepsgeheim in het register (Wgbo, Wet BIG, Jeugdwet) "
        "geeft `grondslagBeroepsgeheim` (`toestemming` of `goed-hulpverlenerschap`, art. 2.29 "
        "lid 2 WGS); zonder is het 400 `grondslag-beroepsgeheim-vereist`. De grondslag wordt "
        "bewaard en getoond bij de aanmelding. "
        "Eén persoon heeft één bewaartermijn (art. 1.8 lid 7 WGS): heeft de persoon (zelfde "
        "BSN) in dit samenwerkingsverband al een lopende casus (niet afgesloten of afgewezen, "
        "maximale bewaardatum niet verstreken), dan wordt de aanmelding geweigerd met 409 "
        "`betrokkene-heeft-lopende-casus`, zonder iets over die casus te zeggen. Een nieuwe "
        "aanmelding na afsluiting begint een nieuwe termijn en verwijst met `vorigeCasusId` "
        "naar de laatste afgesloten of afgewezen casus van de persoon waarvan de archiefdatum "
        "nog niet is verstreken."
    ),
    status_code=201,
    responses=problem_responses(400, 401, 403, 409, 413, 415),
)
async def register(
    caller: Aanmelder,
    _: Idempotent,
    session: Session,
    log: Log,
    vandaag: Today,
    beleid: Bewaarbeleid,
    body: CasusAanmelding,
    response: Response,
) -> CasusSchema:
    access = await casussen.register(
        session, log, caller, body.to_command(), vandaag=vandaag, beleid=beleid
    )
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}"
    return _show(access, response)


@router.get(
    "/casussen",
    operation_id="casussenLijst",
    summary="De casussen die u mag zien",
    description=(
        "Precies de casussen die u met `GET /v1/casussen/{id}` mag lezen (zie daar de "
        "weergaven): een gezamenlijk verwerkingsverantwoordelijke alle open casussen; de "
        "aanmelder de eigen; geselecteerde deelnemers en toegelaten incidentele deelnemers "
        "(alleen de persoon die tekende, zolang uitgenodigd) die waarvoor zij gekozen zijn; "
        "afgeschermde casussen alleen de aangewezen beheerder, archiefbeheerder en "
        "contactpunt; de coördinerend functionaris gegevensbescherming alle, met een "
        "opgegeven reden (`Reden` of `reden`, anders 400 `reden-ontbreekt`)."
    ),
    responses=problem_responses(400, 401),
)
async def list_casussen(
    caller: Zoeker,
    session: Session,
    log: Log,
    status: Casusstatus | None = None,
    aanmelddatum_vanaf: Annotated[Datum | None, Query(alias="aanmelddatumVanaf")] = None,
    aanmelddatum_tot: Annotated[Datum | None, Query(alias="aanmelddatumTotEnMet")] = None,
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
    pagina_grootte: Annotated[int, Query(alias="paginaGrootte", ge=1, le=200)] = 50,
    reden_header: RedenHeader = None,
    reden: RedenQuery = None,
) -> CasussenPagina:
    rows, more = await casuslijst.list_visible(
        session,
        log,
        caller,
        status=status,
        vanaf=aanmelddatum_vanaf,
        tot=aanmelddatum_tot,
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        reden=OpgegevenReden(reden_header, reden),
    )
    volgende = None
    if more:
        query: dict[str, str | int] = {"pagina": pagina + 1, "paginaGrootte": pagina_grootte}
        if status is not None:
            query["status"] = status.value
        if aanmelddatum_vanaf is not None:
            query["aanmelddatumVanaf"] = aanmelddatum_vanaf.isoformat()
        if aanmelddatum_tot is not None:
            query["aanmelddatumTotEnMet"] = aanmelddatum_tot.isoformat()
        if reden is not None:
            query["reden"] = reden
        volgende = f"/v1/casussen?{urlencode(query)}"
    return CasussenPagina(
        casussen=[
            CasusSamenvatting(
                id=r.id,
                status=Casusstatus(r.status),
                aanmelddatum=r.aanmelddatum,
                aanmelder=r.aanmelder,
            )
            for r in rows
        ],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende,
    )


@router.get(
    "/casussen/{casus_id}",
    operation_id="casusOpvragen",
    summary="Eén casus, in de weergave die bij uw hoedanigheid past (need to know)",
    description=(
        "Wie wat ziet (contract v2):\n\n"
        "- de aanmelder: zijn eigen aanmelding en de status (`aanmelder`);\n"
        "- een gezamenlijk verwerkingsverantwoordelijke zolang er geen deelnemers "
        "geselecteerd zijn (stap 1-3): de hele casus (`volledig`);\n"
        "- een gezamenlijk verwerkingsverantwoordelijke daarna: status, data, "
        "beoordelingen (art. 2.20 BGS), de selectie met noodzaak en de bewaartermijn "
        "(`verantwoordelijke`), zonder betrokkene, aanmeldreden, sociale omgeving, verstrekte "
        "gegevens, overlegverslagen of inhoud van het plan;\n"
        "- een geselecteerde deelnemer: zijn deel (`deelnemer`: de betrokkene zonder BSN, zijn "
        "eigen selectie; verstrekte gegevens, overleggen en plan via hun eigen resources);\n"
        "- een uitgenodigde incidentele deelnemer: hetzelfde, alleen de persoon (`sub`) die "
        "voor deze casus de geheimhoudingsverklaring tekende en alleen zolang hij "
        "uitgenodigd is;\n"
        "- een afgeschermde (afgesloten of afgewezen) casus: alleen de beheerder, "
        "archiefbeheerder en het contactpunt van de daartoe aangewezen organisatie "
        "(`volledig`);\n"
        "- de coördinerend functionaris gegevensbescherming: alles (`toezicht`), met een "
        "opgegeven reden in de header `Reden` of de queryparameter `reden` (zonder: 400 "
        "`reden-ontbreekt`); het verwerkingenlog bewaart de reden bij de raadpleging.\n\n"
        "Wie in meer hoedanigheden leest, ziet de vereniging van hun onderdelen (`onderdelen`). "
        "De voorwaarden van verstrekkers (art. 2.29 lid 3 WGS) binden iedere lezer behalve de "
        "verstrekker en de coördinerend FG. Geen toegang: 403 `geen-toegang`; een ander "
        "samenwerkingsverband: 404."
    ),
    responses=READ,
)
async def get_casus(
    access: Lezen, response: Response, _if_none_match: IfNoneMatch = None
) -> CasusSchema:
    return _show(access, response)


def _assess(body: Beoordelingsbesluit, *, definitief: bool) -> AssessCasus:
    return AssessCasus(
        besluit=body.besluit,
        criteria=body.criteria.to_domain(),
        toelichting=body.toelichting,
        definitief=definitief,
    )


@router.post(
    "/casussen/{casus_id}/intake",
    operation_id="casusIntake",
    summary="Intake: toelaten of afwijzen op de aanmelding alleen (stap 2, art. 2.31 lid 2 WGS)",
    responses=WRITE,
)
async def intake(
    access: Intake,
    session: Session,
    log: Log,
    vandaag: Today,
    nu: Nu,
    beleid: Bewaarbeleid,
    body: Beoordelingsbesluit,
    response: Response,
) -> CasusSchema:
    command = _assess(body, definitief=False)
    await casussen.decide(session, log, access, command, vandaag=vandaag, nu=nu, beleid=beleid)
    return await _respond(session, access, response)


@router.post(
    "/casussen/{casus_id}/definitieve-beoordeling",
    operation_id="casusDefinitiefBeoordelen",
    summary="Definitieve beoordeling na de gegevensverzameling (stap 3, art. 2.31 lid 3 WGS)",
    description=(
        "Alleen de gezamenlijk verwerkingsverantwoordelijken, één keer, voor een casus die bij "
        "de intake is toegelaten (`gegevensverzameling`); anders 409 "
        "`ongeldige-statusovergang`. Een afgeschermde casus: 403; geen besluit haalt een "
        "afgesloten casus terug (dat kan alleen `heropening`)."
    ),
    responses=WRITE,
)
async def definitive(
    access: Definitief,
    session: Session,
    log: Log,
    vandaag: Today,
    nu: Nu,
    beleid: Bewaarbeleid,
    body: Beoordelingsbesluit,
    response: Response,
) -> CasusSchema:
    command = _assess(body, definitief=True)
    await casussen.decide(session, log, access, command, vandaag=vandaag, nu=nu, beleid=beleid)
    return await _respond(session, access, response)


@router.put(
    "/casussen/{casus_id}/deelnemers",
    operation_id="casusDeelnemersSelecteren",
    summary="Selecteer de noodzakelijke deelnemers (stap 4, art. 2.31 lid 4 WGS)",
    responses=WRITE,
)
async def select_deelnemers(
    access: Selecteren,
    session: Session,
    cache: Registry,
    body: DeelnemerSelectie,
    response: Response,
) -> CasusSchema:
    snapshot = await cache.snapshot(session, access.caller.zvh)
    await casusdeelnemers.select(session, access, body.to_command(), snapshot)
    return await _respond(session, access, response)


@router.post(
    "/casussen/{casus_id}/geheimhoudingsverklaringen",
    operation_id="geheimhoudingsverklaringOndertekenen",
    summary="De uitgenodigde incidentele deelnemer ondertekent de geheimhoudingsverklaring",
    description=(
        "Iedere medewerker die namens de uitgenodigde incidentele deelnemer deelneemt, tekent "
        "voor zichzelf (art. 8.1 bestuurlijke afspraken; de verklaring hoort bij de persoon "
        "`sub` van het token). Alleen die persoon leest daarna de casus, en alleen zolang de "
        "selectie zijn organisatie uitnodigt. Een tweede keer door dezelfde persoon: 409 "
        "`al-ondertekend`."
    ),
    status_code=201,
    responses=WRITE,
)
async def sign_statement(
    access: Ondertekenen,
    _: Idempotent,
    session: Session,
    log: Log,
    body: GeheimhoudingsverklaringNieuw,
    response: Response,
) -> CasusSchema:
    await casusdeelnemers.sign(session, access, body.to_command())
    signed = await casussen.open_casus(
        session,
        log,
        access.caller,
        access.casus.id,
        CasusActie.LEZEN,
        activiteit="casus-raadplegen",
        handeling=Handeling.RAADPLEGEN,
    )
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}"
    return _show(signed, response)


@router.post(
    "/casussen/{casus_id}/afsluiting",
    operation_id="casusAfsluiten",
    summary="Sluit de casus af (stap 6); daarna is hij afgeschermd",
    responses=WRITE,
)
async def close(
    access: Afsluiten,
    session: Session,
    log: Log,
    vandaag: Today,
    nu: Nu,
    beleid: Bewaarbeleid,
    body: Afsluiting,
    response: Response,
) -> CasusSchema:
    command = CloseCasus(datum=body.datum, toelichting=body.toelichting)
    await casussen.close(session, log, access, command, vandaag=vandaag, nu=nu, beleid=beleid)
    return await _respond(session, access, response)


@router.post(
    "/casussen/{casus_id}/heropening",
    operation_id="casusHeropenen",
    summary="Heropen een afgesloten casus (alleen de aangewezen beheerder)",
    description=(
        "Alleen een `beheerder` van de als beheerder aangewezen deelnemer, met een reden "
        "(`toelichting`, verplicht). De enige weg terug uit `afgesloten`; nooit meer na de "
        "maximale bewaardatum van de casus: 409 `maximale-bewaardatum-verstreken` (art. 1.8 "
        "lid 7 WGS)."
    ),
    responses=WRITE,
)
async def reopen(
    access: Heropenen,
    session: Session,
    log: Log,
    vandaag: Today,
    nu: Nu,
    beleid: Bewaarbeleid,
    body: Heropening,
    response: Response,
) -> CasusSchema:
    command = ReopenCasus(toelichting=body.toelichting)
    await casussen.reopen(session, log, access, command, vandaag=vandaag, nu=nu, beleid=beleid)
    return await _respond(session, access, response)
