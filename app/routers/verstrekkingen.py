"""Data requests and supplied data of a case (art. 2.29, 2.31 lid 3 WGS; art. 1.6 BGS)."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.case_policy import CasusActie
from app.deps import Bewaarbeleid, Idempotent, Registry, Session, Today
from app.domain.verwerking import Handeling
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.casussen import READ, WRITE, toegang
from app.schemas.fields import Tekst
from app.schemas.verstrekkingen import (
    CorrectieNieuw,
    Correctieverzoek,
    CorrectieverzoekNieuw,
    Gegevensverstrekking,
    Gegevensverstrekkingen,
    GegevensverstrekkingNieuw,
    Gegevensverzoek,
    Gegevensverzoeken,
    GegevensverzoekNieuw,
)
from app.services import gegevensverzoeken, verstrekkingen, verstrekkingweergave
from app.services.casussen import CasusToegang

router = v1_router(tags=["Gegevensverstrekkingen"])

VerstrekkingId = Annotated[
    Tekst, Path(max_length=36, description="Kenmerk van de gegevensverstrekking.")
]
VerzoekId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van het gegevensverzoek.")]
CREATE = problem_responses(400, 401, 403, 404, 409, 413, 415)

Verzoeken = Annotated[
    CasusToegang,
    Depends(
        toegang(CasusActie.GEGEVENS_VERZOEKEN, "casus-gegevens-verzoeken", Handeling.VASTLEGGEN)
    ),
]
VerzoekenLezen = Annotated[
    CasusToegang,
    Depends(
        toegang(
            CasusActie.GEGEVENSVERZOEKEN_LEZEN, "casus-gegevens-verzoeken", Handeling.RAADPLEGEN
        )
    ),
]
Verstrekken = Annotated[
    CasusToegang,
    Depends(
        toegang(
            CasusActie.GEGEVENS_VERSTREKKEN, "casus-gegevens-verstrekken", Handeling.VERSTREKKEN
        )
    ),
]
Lezen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.GEGEVENS_LEZEN, "casus-gegevens-raadplegen", Handeling.RAADPLEGEN)),
]
Melden = Annotated[
    CasusToegang,
    Depends(
        toegang(CasusActie.CORRECTIE_MELDEN, "casus-gegevens-corrigeren", Handeling.VASTLEGGEN)
    ),
]
Corrigeren = Annotated[
    CasusToegang,
    Depends(
        toegang(CasusActie.GEGEVENS_CORRIGEREN, "casus-gegevens-corrigeren", Handeling.WIJZIGEN)
    ),
]


@router.post(
    "/casussen/{casus_id}/gegevensverzoeken",
    operation_id="gegevensverzoekDoen",
    summary="Vraag een vaste deelnemer om gegevens (stap 3, art. 2.31 lid 3 WGS)",
    status_code=201,
    responses=CREATE,
)
async def request_data(
    access: Verzoeken,
    _: Idempotent,
    session: Session,
    cache: Registry,
    body: GegevensverzoekNieuw,
    response: Response,
) -> Gegevensverzoek:
    snapshot = await cache.snapshot(session, access.caller.zvh)
    verzoek = await gegevensverzoeken.create(
        session, access, body.deelnemer, body.omschrijving, snapshot.deelnemers.keys()
    )
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}/gegevensverzoeken/{verzoek.id}"
    return Gegevensverzoek.of(verzoek)


@router.get(
    "/casussen/{casus_id}/gegevensverzoeken",
    operation_id="gegevensverzoekenLijst",
    summary="De gegevensverzoeken: alle voor wie de hele casus ziet, anders die aan u",
    description=(
        "Alle verzoeken ziet wie de hele casus ziet (een gezamenlijk verwerkingsverantwoordelijke "
        "vóór de selectie, de aangewezen functies bij een afgeschermde casus, de coördinerend "
        "FG met reden); een gevraagde deelnemer alleen de verzoeken aan hem."
    ),
    responses=READ,
)
async def list_requests(access: VerzoekenLezen, session: Session) -> Gegevensverzoeken:
    verzoeken = await gegevensverzoeken.list_for(session, access)
    return Gegevensverzoeken(gegevensverzoeken=[Gegevensverzoek.of(v) for v in verzoeken])


@router.get(
    "/casussen/{casus_id}/gegevensverzoeken/{verzoek_id}",
    operation_id="gegevensverzoekOpvragen",
    summary="Eén gegevensverzoek, voor de verantwoordelijken of de gevraagde deelnemer",
    responses=READ,
)
async def get_request(
    access: VerzoekenLezen, session: Session, verzoek_id: VerzoekId
) -> Gegevensverzoek:
    return Gegevensverzoek.of(await gegevensverzoeken.get_for(session, access, verzoek_id))


@router.post(
    "/casussen/{casus_id}/gegevensverstrekkingen",
    operation_id="gegevensVerstrekken",
    summary="Verstrek gegevens aan de casus, met voorwaarden (art. 2.29 WGS)",
    status_code=201,
    responses=CREATE,
)
async def supply(
    access: Verstrekken,
    _: Idempotent,
    session: Session,
    cache: Registry,
    vandaag: Today,
    beleid: Bewaarbeleid,
    body: GegevensverstrekkingNieuw,
    response: Response,
) -> Gegevensverstrekking:
    snapshot = await cache.snapshot(session, access.caller.zvh)
    vid = await verstrekkingen.supply(
        session,
        access,
        body.to_command(),
        snapshot.deelnemers.keys(),
        vandaag=vandaag,
        beleid=beleid,
    )
    item = await verstrekkingweergave.visible_one(session, access, vid)
    response.headers["Location"] = f"/v1/casussen/{access.casus.id}/gegevensverstrekkingen/{vid}"
    return Gegevensverstrekking.of((await verstrekkingweergave.render(session, access, [item]))[0])


@router.get(
    "/casussen/{casus_id}/gegevensverstrekkingen",
    operation_id="gegevensverstrekkingenLijst",
    summary="De verstrekte gegevens die uw deel vraagt en de voorwaarden toelaten",
    description=(
        "Per verstrekking: de verstrekker ziet altijd zijn eigen; verder alleen wie de hele "
        "casus ziet of er als geselecteerde of toegelaten incidentele deelnemer aan deelneemt, "
        "en dan alleen als de voorwaarden van de verstrekker (art. 2.29 lid 3 WGS) het "
        "toelaten. Die voorwaarden binden iedereen behalve de verstrekker en de coördinerend "
        "functionaris gegevensbescherming: ook gezamenlijk verwerkingsverantwoordelijken, "
        "beheerder en archiefbeheerder. Een gezamenlijk verwerkingsverantwoordelijke die na de "
        "selectie niet geselecteerd is, ziet alleen wat hij zelf verstrekte."
    ),
    responses=READ,
)
async def list_supplies(access: Lezen, session: Session) -> Gegevensverstrekkingen:
    items = await verstrekkingweergave.visible(session, access)
    return Gegevensverstrekkingen(
        gegevensverstrekkingen=[
            Gegevensverstrekking.of(v)
            for v in await verstrekkingweergave.render(session, access, items)
        ]
    )


@router.get(
    "/casussen/{casus_id}/gegevensverstrekkingen/{verstrekking_id}",
    operation_id="gegevensverstrekkingOpvragen",
    summary="Eén gegevensverstrekking, als uw deel en de voorwaarden dat toelaten",
    responses=READ,
)
async def get_supply(
    access: Lezen, session: Session, verstrekking_id: VerstrekkingId
) -> Gegevensverstrekking:
    item = await verstrekkingweergave.visible_one(session, access, verstrekking_id)
    return Gegevensverstrekking.of((await verstrekkingweergave.render(session, access, [item]))[0])


@router.post(
    "/casussen/{casus_id}/gegevensverstrekkingen/{verstrekking_id}/correctieverzoeken",
    operation_id="correctieverzoekDoen",
    summary="Meld een onjuistheid aan de verstrekker (art. 1.6 BGS)",
    status_code=201,
    responses=CREATE,
)
async def report_error(
    access: Melden,
    _: Idempotent,
    session: Session,
    verstrekking_id: VerstrekkingId,
    body: CorrectieverzoekNieuw,
    response: Response,
) -> Correctieverzoek:
    row = await verstrekkingen.report_error(session, access, verstrekking_id, body.toelichting)
    response.headers["Location"] = (
        f"/v1/casussen/{access.casus.id}/gegevensverstrekkingen/{verstrekking_id}"
    )
    return Correctieverzoek.of(verstrekkingweergave.correctieverzoek_view(row))


@router.post(
    "/casussen/{casus_id}/gegevensverstrekkingen/{verstrekking_id}/correcties",
    operation_id="gegevensCorrigeren",
    summary="De verstrekker corrigeert zijn gegevens; de vorige versie blijft bewaard (art. 1.6 BGS)",
    responses=WRITE,
)
async def correct(
    access: Corrigeren,
    session: Session,
    verstrekking_id: VerstrekkingId,
    body: CorrectieNieuw,
) -> Gegevensverstrekking:
    item = await verstrekkingen.correct(
        session, access, verstrekking_id, body.inhoud, body.toelichting
    )
    return Gegevensverstrekking.of((await verstrekkingweergave.render(session, access, [item]))[0])
