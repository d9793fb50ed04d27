"""Deadline monitoring for the contact point: `/v1/termijnen` (model art. 14)."""

from typing import Annotated

from fastapi import Query

from app.auth.contactpunt import is_contactpunt
from app.auth.errors import AccessDenied
from app.deps import CurrentCaller, Nu, Session, Today
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.termijnen import Termijnen, TermijnWeergave
from app.services import termijnen as service
from app.services.mandaten import geldend

router = v1_router(tags=["Termijnbewaking"])

_LINKS = {
    service.Termijnsoort.BETROKKENENVERZOEK: "/v1/betrokkenenverzoeken/{id}",
    service.Termijnsoort.INFORMATIEPLICHT: "/v1/casussen/{id}/informatieplicht",
    service.Termijnsoort.HERBEOORDELING_UITZONDERING: "/v1/casussen/{id}/informatieplicht",
    service.Termijnsoort.DATALEK: "/v1/datalekken/{id}",
}


@router.get(
    "/termijnen",
    operation_id="termijnenBewaken",
    summary="Verlopen en binnenkort verlopende termijnen van het contactpunt",
    description=(
        "Verzoeken van betrokkenen zonder besluit, open informatieplichten, herbeoordelingen "
        "van uitzonderingen van art. 41 UAVG en niet gemelde (mogelijk) meldplichtige "
        "datalekken, verlopen of binnen `binnenDagen` dagen. Voor het aangewezen contactpunt "
        "en de coördinerend FG; een gemandateerde netwerkmanager ziet de soorten van zijn "
        "mandaten. Alleen kenmerken, soorten en data: geen persoonsgegevens."
    ),
    responses=problem_responses(400, 401, 403),
)
async def list_termijnen(
    caller: CurrentCaller,
    session: Session,
    vandaag: Today,
    nu: Nu,
    binnen_dagen: Annotated[
        int, Query(alias="binnenDagen", ge=0, le=366, description="Standaard 7 dagen.")
    ] = 7,
) -> Termijnen:
    mandaten = await geldend(session, caller.zvh, vandaag)
    # The contact point's role covers every kind; is_contactpunt checks the mandate per kind.
    alles = caller.is_coordinerend_fg
    soorten = {
        soort
        for soort, bevoegdheid in service.BEVOEGDHEID.items()
        if alles or is_contactpunt(caller, mandaten, bevoegdheid)
    }
    if not soorten:
        raise AccessDenied(
            "De termijnen bewaakt het aangewezen contactpunt (of de gemandateerde "
            "netwerkmanager, voor zijn mandaten) en de coördinerend FG."
        )
    items = await service.termijnen(session, caller.zvh, vandaag, nu, binnen_dagen=binnen_dagen)
    return Termijnen(
        peildatum=vandaag,
        binnen_dagen=binnen_dagen,
        termijnen=[
            TermijnWeergave(
                soort=t.soort,
                id=t.id,
                casus=t.casus_id,
                uiterlijk=t.uiterlijk,
                uiterlijk_tijdstip=t.tijdstip,
                verlopen=t.verlopen,
                link=_LINKS[t.soort].format(id=t.id),
            )
            for t in items
            if t.soort in soorten
        ],
    )
