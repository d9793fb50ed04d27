"""Retention management (art. 1.8 lid 7 WGS, art. 1.16 BGS, art. 16 bestuurlijke afspraken).

`/v1/casussen/{id}/bewaartermijn`, `.../verlengingen`, `.../instemmingen`,
`/v1/instemmingsverzoeken` and `/v1/bewaartermijnen/verlopen`.
"""

from typing import Annotated

from fastapi import Depends, Path, Query, Response

from app.auth.case_policy import CasusActie
from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Bewaarbeleid, Idempotent, Log, Session, Today, allowed
from app.domain.paginering import Paginering
from app.domain.verwerking import Handeling
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.casussen import READ, toegang
from app.routers.paginering import (
    Pagina,
    PaginaGrootte,
    volgende,
)
from app.schemas.bewaren import (
    CasusBewaartermijn,
    InstemmingNieuw,
    Instemmingsverzoek,
    Instemmingsverzoeken,
    VerlengingNieuw,
    Verlengingsbesluit,
    Verlengingsbesluiten,
    VerlopenPagina,
    VerlopenRegel,
)
from app.schemas.fields import Datum, Tekst
from app.services import bewaaroverzicht, verlengingen
from app.services.casussen import CasusToegang

router = v1_router(tags=["Bewaartermijnen"])

VerlengingId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van de verlenging.")]
CREATE = problem_responses(400, 401, 403, 404, 409, 412, 413, 415)
Peildatum = Annotated[
    Datum | None,
    Query(
        description="Datum waarop `verlopen` wordt bepaald; standaard vandaag (Europe/Amsterdam)."
    ),
]

Lezen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.BEWAARTERMIJN_LEZEN, "casus-bewaartermijn", Handeling.RAADPLEGEN)),
]
Verlengen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.VERLENGEN, "casus-bewaartermijn", Handeling.VASTLEGGEN)),
]
Instemmen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.INSTEMMEN, "casus-bewaartermijn", Handeling.VASTLEGGEN)),
]
Bewaker = Annotated[Caller, Depends(allowed(Actie.BEWAARTERMIJNEN_BEWAKEN))]
Verstrekker = Annotated[Caller, Depends(allowed(Actie.INSTEMMINGSVERZOEKEN_LEZEN))]


@router.get(
    "/casussen/{casus_id}/bewaartermijn",
    operation_id="casusBewaartermijnOpvragen",
    summary="De bewaartermijn van de casus en van elke bron (art. 1.8 lid 7 WGS, art. 1.16 BGS)",
    description=(
        "Dezelfde vorm als `/v1/bewaartermijn-berekeningen`, voor de opgeslagen casus: de bronnen "
        "zijn de aanmelding (`aanmelding`, verstrekker de aanmelder) en elke gegevensverstrekking. "
        "Voor de gezamenlijk verwerkingsverantwoordelijken, de archiefbeheerder en de beheerder, "
        "ook na afsluiting."
    ),
    responses=READ,
)
async def get_bewaartermijn(
    access: Lezen,
    session: Session,
    vandaag: Today,
    beleid: Bewaarbeleid,
    peildatum: Peildatum = None,
) -> CasusBewaartermijn:
    stand = await bewaaroverzicht.casus_bewaartermijn(session, access, beleid, peildatum or vandaag)
    return CasusBewaartermijn.van(stand)


@router.post(
    "/casussen/{casus_id}/verlengingen",
    operation_id="bewaartermijnVerlengen",
    summary="Verleng de bewaartermijn, met ingang van de huidige maximale bewaardatum (art. 1.16 BGS)",
    description=(
        "De gezamenlijk verwerkingsverantwoordelijken besluiten vandaag tot verlenging met ten "
        "hoogste 24 maanden, in situatie 1 (`criteria-nog-van-toepassing`) of 2 "
        "(`terugvalrisico`). Elke deelnemer die gegevens in de casus verstrekte, wordt om "
        "instemming gevraagd; zijn gegevens worden alleen met instemming langer bewaard, en "
        "nooit langer dan een andere wet toestaat."
    ),
    status_code=201,
    responses=CREATE,
)
async def extend(
    access: Verlengen,
    _: Idempotent,
    session: Session,
    vandaag: Today,
    beleid: Bewaarbeleid,
    body: VerlengingNieuw,
    response: Response,
) -> Verlengingsbesluit:
    row = await verlengingen.extend(
        session, access, body.to_command(), vandaag=vandaag, beleid=beleid
    )
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}/verlengingen/{row.id}"
    besluiten = await verlengingen.render(session, access, [row], vandaag=vandaag, beleid=beleid)
    return Verlengingsbesluit.of(besluiten[0])


@router.get(
    "/casussen/{casus_id}/verlengingen",
    operation_id="verlengingenLijst",
    summary="De verlengingen van de casus met de verzoeken om instemming",
    responses=READ,
)
async def list_extensions(
    access: Lezen, session: Session, vandaag: Today, beleid: Bewaarbeleid
) -> Verlengingsbesluiten:
    rows = await verlengingen.all_for(session, access)
    return Verlengingsbesluiten(
        verlengingen=[
            Verlengingsbesluit.of(b)
            for b in await verlengingen.render(
                session, access, rows, vandaag=vandaag, beleid=beleid
            )
        ]
    )


@router.get(
    "/casussen/{casus_id}/verlengingen/{verlenging_id}",
    operation_id="verlengingOpvragen",
    summary="Eén verlenging met de verzoeken om instemming",
    responses=READ,
)
async def get_extension(
    access: Lezen,
    session: Session,
    vandaag: Today,
    beleid: Bewaarbeleid,
    verlenging_id: VerlengingId,
) -> Verlengingsbesluit:
    row = await verlengingen.one_for(session, access, verlenging_id)
    rendered = await verlengingen.render(session, access, [row], vandaag=vandaag, beleid=beleid)
    return Verlengingsbesluit.of(rendered[0])


@router.post(
    "/casussen/{casus_id}/verlengingen/{verlenging_id}/instemmingen",
    operation_id="verlengingInstemmen",
    summary="Een verstrekker stemt voor zijn eigen organisatie wel of niet in (art. 1.16 BGS)",
    status_code=201,
    responses=CREATE,
)
async def consent(
    access: Instemmen,
    _: Idempotent,
    session: Session,
    vandaag: Today,
    beleid: Bewaarbeleid,
    verlenging_id: VerlengingId,
    body: InstemmingNieuw,
    response: Response,
) -> Verlengingsbesluit:
    row = await verlengingen.answer(
        session, access, verlenging_id, body.instemming, vandaag=vandaag, beleid=beleid
    )
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}/verlengingen/{row.id}"
    besluiten = await verlengingen.render(session, access, [row], vandaag=vandaag, beleid=beleid)
    return Verlengingsbesluit.of(besluiten[0])


@router.get(
    "/instemmingsverzoeken",
    operation_id="instemmingsverzoekenLijst",
    summary="De open verzoeken om instemming met een verlenging aan uw organisatie",
    responses=problem_responses(400, 401),
)
async def list_consent_requests(
    caller: Verstrekker,
    session: Session,
    log: Log,
    pagina: Pagina = 1,
    pagina_grootte: PaginaGrootte = 50,
) -> Instemmingsverzoeken:
    paginering = Paginering(pagina, pagina_grootte)
    items, more = await bewaaroverzicht.open_requests(session, log, caller, paginering)
    return Instemmingsverzoeken(
        instemmingsverzoeken=[Instemmingsverzoek.of(i, v) for i, v in items],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende("/v1/instemmingsverzoeken", paginering, more),
    )


@router.get(
    "/bewaartermijnen/verlopen",
    operation_id="verlopenBewaartermijnenLijst",
    summary="Te archiveren casussen en bronnen van uw samenwerkingsverband (art. 1.8 lid 7 WGS)",
    description=(
        "Casussen waarvan de archiefdatum voor de peildatum ligt, en bronnen daarvan die eerder "
        "verlopen dan de casus zelf (geen instemming met verlenging, of een wettelijke "
        "uiterste bewaardatum), op archiefdatum. Alleen voor de archiefbeheerder en de "
        "beheerder (art. 16 bestuurlijke afspraken); zonder persoonsgegevens."
    ),
    responses=problem_responses(400, 401, 403),
)
async def list_due(
    caller: Bewaker,
    session: Session,
    log: Log,
    vandaag: Today,
    peildatum: Peildatum = None,
    pagina: Pagina = 1,
    pagina_grootte: PaginaGrootte = 50,
) -> VerlopenPagina:
    datum = peildatum or vandaag
    paginering = Paginering(pagina, pagina_grootte)
    regels, more = await bewaaroverzicht.due_page(session, log, caller, datum, paginering)
    return VerlopenPagina(
        peildatum=datum,
        verlopen=[VerlopenRegel.of(r) for r in regels],
        pagina=pagina,
        pagina_grootte=pagina_grootte,
        volgende=volgende(
            "/v1/bewaartermijnen/verlopen", paginering, more, voor={"peildatum": datum.isoformat()}
        ),
    )
