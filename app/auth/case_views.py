"""Who sees what of a case: need to know, by construction (contract v2, "Designated
organisations and need to know"; factsheet Werkprocessen).

One declarative mapping, `ZICHT`: each capacity in which a caller may stand towards a
case (`Hoedanigheid`) names the parts of the case (`Onderdeel`) it may see. A caller can
stand in several capacities at once (a joint controller that registered the case and was
selected for it); it sees the union of their parts. Every reader of a case and of every
sub-resource that shows content (the case itself, supplied data, data requests, case
conferences, the plan of approach, the information duty, retention) asks this module,
and `app/db/casussen.py::_visible_to` lists the cases for which `zicht` is not None.

Supplier conditions (art. 2.29 lid 3 WGS) are not a part: they are applied per supplied
item, in one place (`app/domain/verstrekking.py::may_read`), for every reader.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.auth.claims import Caller
from app.domain.casus import AFGESCHERMDE_STATUSSEN, AFGEWEZEN_STATUSSEN, Casusstatus
from app.domain.deelnemer import Rol
from app.domain.mandaat import GEEN_MANDATEN, ROL_VOOR, Bevoegdheid, Mandaten


@dataclass(frozen=True, slots=True)
class CasusFeiten:
    """What the policy needs to know about one case."""

    status: Casusstatus
    aanmelder: str
    geselecteerd: frozenset[str]
    uitgenodigd_incidenteel: frozenset[str]
    # Signed confidentiality statements as (organisation, person `sub`): each person
    # acting for an incidental participant signs for himself (model art. 8.1).
    verklaringen: frozenset[tuple[str, str]]
    # The mandates in force on the day of the action (model art. 12.2, 14.7).
    mandaten: Mandaten = GEEN_MANDATEN
    # Fixed participants the joint controllers asked for data (step 3, art. 2.31 lid 3 WGS).
    gevraagd: frozenset[str] = frozenset()
    # The participant the current plan of approach names as case director (model art. 8a).
    casusregisseur: str | None = None

    @property
    def selectie_gemaakt(self) -> bool:
        """Step 4 happened: participants (fixed or incidental) were selected for the case."""
        return bool(self.geselecteerd or self.uitgenodigd_incidenteel)

    @property
    def getekend_door_organisatie(self) -> frozenset[str]:
        """Incidental participants of which at least one person signed a statement."""
        return frozenset(deelnemer for deelnemer, _sub in self.verklaringen)


class Hoedanigheid(StrEnum):
    """In which capacity a caller stands towards one case."""

    # The coordinating FG, reading for supervision with a stated reason (model art. 15).
    TOEZICHT = "toezicht"
    # A joint controller while no participants are selected yet (steps 1-3).
    VERANTWOORDELIJKE_VOOR_SELECTIE = "verantwoordelijke-voor-selectie"
    # A joint controller once participants are selected (steps 4-6).
    VERANTWOORDELIJKE = "verantwoordelijke"
    # The designated beheerder, archiefbeheerder or contactpunt, on a shielded case.
    AANGEWEZEN_FUNCTIE = "aangewezen-functie"
    GESELECTEERD = "geselecteerd"
    # An invited incidental participant, the very person who signed the statement.
    INCIDENTEEL = "incidenteel"
    AANMELDER = "aanmelder"
    # A process director mandated for the intake (model art. 12.2 option 1), while the
    # registration awaits intake: it judges the registration alone (factsheet, step 2).
    INTAKEREGISSEUR = "intakeregisseur"


class Onderdeel(StrEnum):
    """A part of a case that a view shows or leaves out."""

    STATUS = "status"  # status, dates, registrant
    BETROKKENE = "betrokkene"  # names and date of birth of the data subject
    BSN = "bsn"
    AANMELDING = "aanmelding"  # reason, social environment, the registrant's assessment
    BEOORDELINGEN = "beoordelingen"  # every 2.20 BGS assessment
    GEBEURTENISSEN = "gebeurtenissen"  # the decisions: who, when, why
    SELECTIE = "selectie"  # every selected participant with its necessity
    EIGEN_SELECTIE = "eigen-selectie"  # the caller's own selection and necessity
    VORIGE_CASUS = "vorige-casus"
    BEWAARTERMIJN = "bewaartermijn"
    VERSTREKKINGEN = "verstrekkingen"  # other suppliers' data, within their conditions
    GEGEVENSVERZOEKEN = "gegevensverzoeken"  # every data request (not only those to you)
    CASUSOVERLEGGEN = "casusoverleggen"
    EIGEN_CASUSOVERLEGGEN = "eigen-casusoverleggen"  # those the caller attended
    PLAN_VAN_AANPAK = "plan-van-aanpak"
    EIGEN_PLAN_VAN_AANPAK = "eigen-plan-van-aanpak"  # goals and the caller's interventions
    # Version, case director, who informs the data subject: what a controller needs to
    # know for its fallback duty (model art. 8.2), without the plan's content.
    PLAN_OPZET = "plan-van-aanpak-opzet"
    INFORMATIEPLICHT = "informatieplicht"


ALLES = frozenset(Onderdeel)
_DEELNEMER = frozenset(
    {
        Onderdeel.STATUS,
        Onderdeel.BETROKKENE,
        Onderdeel.EIGEN_SELECTIE,
        Onderdeel.VERSTREKKINGEN,
        Onderdeel.EIGEN_CASUSOVERLEGGEN,
        Onderdeel.EIGEN_PLAN_VAN_AANPAK,
    }
)
_AANMELDING = frozenset(
    {Onderdeel.STATUS, Onderdeel.BETROKKENE, Onderdeel.BSN, Onderdeel.AANMELDING}
)

# The contract's who-sees-what table, one row per capacity.
ZICHT: Mapping[Hoedanigheid, frozenset[Onderdeel]] = {
    Hoedanigheid.TOEZICHT: ALLES,
    Hoedanigheid.VERANTWOORDELIJKE_VOOR_SELECTIE: ALLES,
    # "status, dates, 2.20 assessments, selection with necessity, retention — no
    # registration reason, social environment, supplied data, conference notes or plan
    # content": the controller decides, it does not work the case.
    Hoedanigheid.VERANTWOORDELIJKE: frozenset(
        {
            Onderdeel.STATUS,
            Onderdeel.BEOORDELINGEN,
            Onderdeel.GEBEURTENISSEN,
            Onderdeel.SELECTIE,
            Onderdeel.BEWAARTERMIJN,
            Onderdeel.PLAN_OPZET,
        }
    ),
    Hoedanigheid.AANGEWEZEN_FUNCTIE: ALLES,
    # "Iedere deelnemer mag alleen de informatie ontvangen die noodzakelijk is om zijn
    # aandeel in de afspraken uit te voeren" (factsheet Werkprocessen, step 5).
    Hoedanigheid.GESELECTEERD: _DEELNEMER,
    Hoedanigheid.INCIDENTEEL: _DEELNEMER,
    Hoedanigheid.AANMELDER: _AANMELDING,
    Hoedanigheid.INTAKEREGISSEUR: _AANMELDING,
}


class Weergave(StrEnum):
    """The name of a reader's view, for the API: its richest capacity."""

    TOEZICHT = "toezicht"
    VOLLEDIG = "volledig"
    DEELNEMER = "deelnemer"
    VERANTWOORDELIJKE = "verantwoordelijke"
    AANMELDER = "aanmelder"
    # Someone who may take a decision without reading the case (a mandated process
    # director at intake, a joint controller closing a case) learns the outcome only.
    STATUS = "status"


# Richest first: the first capacity the caller holds names its view.
_WEERGAVE: tuple[tuple[Hoedanigheid, Weergave], ...] = (
    (Hoedanigheid.TOEZICHT, Weergave.TOEZICHT),
    (Hoedanigheid.VERANTWOORDELIJKE_VOOR_SELECTIE, Weergave.VOLLEDIG),
    (Hoedanigheid.AANGEWEZEN_FUNCTIE, Weergave.VOLLEDIG),
    (Hoedanigheid.GESELECTEERD, Weergave.DEELNEMER),
    (Hoedanigheid.INCIDENTEEL, Weergave.DEELNEMER),
    (Hoedanigheid.VERANTWOORDELIJKE, Weergave.VERANTWOORDELIJKE),
    (Hoedanigheid.AANMELDER, Weergave.AANMELDER),
    (Hoedanigheid.INTAKEREGISSEUR, Weergave.AANMELDER),
)

SHIELD_READERS = frozenset({Rol.BEHEERDER, Rol.ARCHIEFBEHEERDER, Rol.CONTACTPUNT})


@dataclass(frozen=True, slots=True)
class Zicht:
    """What one caller sees of one case."""

    hoedanigheden: frozenset[Hoedanigheid]

    @property
    def onderdelen(self) -> frozenset[Onderdeel]:
        return frozenset(o for h in self.hoedanigheden for o in ZICHT[h])

    def toont(self, *onderdelen: Onderdeel) -> bool:
        """Whether the view shows at least one of `onderdelen`."""
        return not self.onderdelen.isdisjoint(onderdelen)

    @property
    def weergave(self) -> Weergave:
        for hoedanigheid, weergave in _WEERGAVE:
            if hoedanigheid in self.hoedanigheden:
                return weergave
        return Weergave.STATUS

    @property
    def toezicht(self) -> bool:
        return Hoedanigheid.TOEZICHT in self.hoedanigheden


GEEN_ZICHT = Zicht(frozenset())


def is_shielded(casus: CasusFeiten) -> bool:
    return casus.status in AFGESCHERMDE_STATUSSEN


def invited_incidental(caller: Caller, casus: CasusFeiten) -> bool:
    """An incidental participant the case currently invites (art. 2.31 lid 9 WGS)."""
    return caller.registratie is None and caller.deelnemer in casus.uitgenodigd_incidenteel


def admitted_incidental(caller: Caller, casus: CasusFeiten) -> bool:
    """The person who signed a statement for this case, while his organisation is invited.

    Model art. 8.1: "De medewerker die deelneemt namens een Incidentele Deelnemer [...]
    ondertekent daartoe een geheimhoudingsverklaring"; removed from the selection, the
    statement opens nothing any more.
    """
    return (
        invited_incidental(caller, casus)
        and (caller.deelnemer, caller.claims.sub) in casus.verklaringen
    )


def kan_gemandateerd_zijn(caller: Caller, bevoegdheid: Bevoegdheid) -> bool:
    """Whether any mandate could make the caller act for `bevoegdheid`: only a regular
    participant's employee in the mandated role (so, when not, no mandate need be read)."""
    return caller.is_vaste_deelnemer and caller.has_rol(ROL_VOOR[bevoegdheid])


def gemandateerd(caller: Caller, mandaten: Mandaten, bevoegdheid: Bevoegdheid) -> bool:
    """The caller acts under a mandate in force today: its organisation is the mandated
    one and the caller holds the mandated role there (model art. 12.2, 14.7, annex 4)."""
    return kan_gemandateerd_zijn(caller, bevoegdheid) and mandaten.gemandateerd(
        bevoegdheid, caller.deelnemer, ROL_VOOR[bevoegdheid]
    )


def mandated_intake(caller: Caller, casus: CasusFeiten) -> bool:
    """A process director where the partnership mandated it (model art. 12.2, option 1)."""
    return gemandateerd(caller, casus.mandaten, Bevoegdheid.INTAKE)


def hoedanigheden(caller: Caller, casus: CasusFeiten) -> frozenset[Hoedanigheid]:
    """Every capacity in which the caller stands towards the case."""
    h: set[Hoedanigheid] = set()
    if caller.houdt_toezicht:
        h.add(Hoedanigheid.TOEZICHT)
    eigen = caller.is_vaste_deelnemer and caller.deelnemer == casus.aanmelder
    if is_shielded(casus):
        # Shielded (art. 2.31 lid 6 WGS): not consulted again for its purpose; the
        # registrant of a rejected registration learns the outcome of its own registration.
        if any(caller.has_rol(rol) for rol in SHIELD_READERS):
            h.add(Hoedanigheid.AANGEWEZEN_FUNCTIE)
        if eigen and casus.status in AFGEWEZEN_STATUSSEN:
            h.add(Hoedanigheid.AANMELDER)
        return frozenset(h)
    if caller.is_gezamenlijk_verwerkingsverantwoordelijke:
        h.add(
            Hoedanigheid.VERANTWOORDELIJKE
            if casus.selectie_gemaakt
            else Hoedanigheid.VERANTWOORDELIJKE_VOOR_SELECTIE
        )
    if caller.is_vaste_deelnemer and caller.deelnemer in casus.geselecteerd:
        h.add(Hoedanigheid.GESELECTEERD)
    if admitted_incidental(caller, casus):
        h.add(Hoedanigheid.INCIDENTEEL)
    if eigen:
        h.add(Hoedanigheid.AANMELDER)
    if casus.status is Casusstatus.AANGEMELD and mandated_intake(caller, casus):
        h.add(Hoedanigheid.INTAKEREGISSEUR)
    return frozenset(h)


def zicht(caller: Caller, casus: CasusFeiten) -> Zicht | None:
    """The caller's view of the case, or None when it may not read it at all."""
    found = hoedanigheden(caller, casus)
    return Zicht(found) if found else None
