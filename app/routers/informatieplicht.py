"""The information duty of an admitted case: `/v1/casussen/{id}/informatieplicht` (art. 14 AVG)."""

from typing import Annotated

from fastapi import Depends

from app.auth.case_policy import CasusActie, is_informatieplichtige
from app.deps import Session, Today
from app.domain.verwerking import Handeling
from app.routers import v1_router
from app.routers.casussen import READ, WRITE, toegang
from app.schemas.informatieplicht import Informatieplicht, InformatieplichtAfhandeling, Opheffing
from app.services import informatieplicht
from app.services.casussen import CasusToegang

router = v1_router(tags=["Informatieplicht"])

ACTIVITEIT = "casus-informeren"
Lezen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.INFORMATIEPLICHT_LEZEN, ACTIVITEIT, Handeling.RAADPLEGEN)),
]
Opheffen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.INFORMATIEPLICHT_OPHEFFEN, ACTIVITEIT, Handeling.WIJZIGEN)),
]
Vastleggen = Annotated[
    CasusToegang,
    Depends(toegang(CasusActie.INFORMATIEPLICHT_VASTLEGGEN, ACTIVITEIT, Handeling.VASTLEGGEN)),
]


@router.get(
    "/casussen/{casus_id}/informatieplicht",
    operation_id="informatieplichtOpvragen",
    summary="De informatieplicht jegens de betrokkene: uiterlijke datum en stand (art. 14 AVG)",
    description=(
        "Voor wie de hele casus ziet, het aangewezen contactpunt (art. 14.1 bestuurlijke "
        "afspraken), de daartoe gemandateerde netwerkmanager en de coördinerend FG met reden. "
        "De rol `contactpunt` telt alleen bij de als contactpunt aangewezen gemeente."
    ),
    responses=READ,
)
async def get_informatieplicht(access: Lezen, session: Session, vandaag: Today) -> Informatieplicht:
    return Informatieplicht.of(await informatieplicht.get(session, access.casus.id, vandaag))


@router.post(
    "/casussen/{casus_id}/informatieplicht",
    operation_id="informatieplichtAfhandelen",
    summary=(
        "Leg vast dat de betrokkene is geïnformeerd, of welke uitzondering geldt "
        "(art. 14 lid 5 onder b AVG, art. 41 UAVG)"
    ),
    responses=WRITE,
)
async def record_informatieplicht(
    access: Vastleggen, session: Session, vandaag: Today, body: InformatieplichtAfhandeling
) -> Informatieplicht:
    plicht = await informatieplicht.record(
        session, access.caller, access.casus.id, body.to_command(), vandaag
    )
    return Informatieplicht.of(plicht)


@router.post(
    "/casussen/{casus_id}/informatieplicht/opheffing",
    operation_id="informatieplichtUitzonderingOpheffen",
    summary="Hef een uitzondering van art. 41 UAVG op: de informatieplicht gaat weer open",
    description=(
        "De deelnemer die zich op de uitzondering beriep, of het aangewezen contactpunt (of de "
        "gemandateerde netwerkmanager). De plicht gaat weer open, met als uiterlijke datum "
        "één kalendermaand na vandaag; de eerdere uitzondering blijft zichtbaar (art. 14.4 "
        "bestuurlijke afspraken: het eerder geweigerde wordt alsnog gehonoreerd)."
    ),
    responses=WRITE,
)
async def lift_uitzondering(
    access: Opheffen, session: Session, vandaag: Today, body: Opheffing
) -> Informatieplicht:
    plicht = await informatieplicht.lift(
        session,
        access.caller,
        access.casus.id,
        body.motivering,
        vandaag,
        informatieplichtige=is_informatieplichtige(access.caller, access.feiten),
    )
    return Informatieplicht.of(plicht)
