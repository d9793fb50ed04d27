"""The stateless BGS 2.20 check: `/v1/criteria-toetsingen`."""

from typing import Annotated

from fastapi import Depends

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.criteria import CriteriaToetsing, Toetsingsuitkomst
from app.services.criteria import check_criteria

router = v1_router(tags=["Criteria"])

Deelnemer = Annotated[Caller, Depends(allowed(Actie.REGELS_TOEPASSEN))]

DESCRIPTION = """\
Toetst een casus aan de vier criteria van **art. 2.20 lid 1 BGS**; er wordt niets opgeslagen.
Elke geauthenticeerde deelnemer mag dit, ook een private of incidentele deelnemer, bijvoorbeeld
om een aanmelding te controleren voordat die wordt verstuurd.

Een criterium is alleen voldaan als de `mate` `voldaan` is, de `onderbouwing` niet leeg is
(art. 2.20 lid 3 BGS) en bovendien:

- **a**: minstens één van `betrokkene` en `gezinssituatie` is genoemd;
- **b**: minstens twee *verschillende* leefgebieden en `criminogeneFactoren` is `true`;
- **c**: minstens één gevolg en een `tijd`; bij `zou-leiden` zijn niet-lege
  `objectieveAanwijzingen` vereist;
- **d**: minstens twee *verschillende* domeinen.

`toelaatbaar` is alleen `true` als aan alle vier is voldaan. De regels gelden zowel bij de
intake (aannemelijkheid op grond van alleen de aanmelding, art. 2.31 lid 2 WGS) als bij de
definitieve beoordeling (na het verzamelen van gegevens, art. 2.31 lid 3 WGS); de fase staat in
de uitkomst. Per criterium geeft de uitkomst de redenen (codes) en een toelichting.

Ontbreekt een criterium, of is een waarde onbekend, dan volgt 400 met alle problemen in
`invalidParams`.
"""


@router.post(
    "/criteria-toetsingen",
    operation_id="criteriaToetsen",
    summary="Toets een casus aan de criteria van art. 2.20 BGS",
    description=DESCRIPTION,
    responses=problem_responses(400, 401, 413, 415),
)
async def check(caller: Deelnemer, body: CriteriaToetsing) -> Toetsingsuitkomst:
    return Toetsingsuitkomst.of(check_criteria(body.criteria.to_domain(), body.fase))
