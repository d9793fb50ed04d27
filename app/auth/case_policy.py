"""Who may do what with a case (art. 2.31 WGS; factsheet Werkprocessen; model art. 12).

One table: each action on a case names who may take it. A rule sees the verified caller
and what the service knows of the case (its status, registrant, selected and invited
participants, signed confidentiality statements, the partnership's mandates).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.auth.claims import Caller
from app.auth.errors import AccessDenied
from app.domain.casus import AFGESCHERMDE_STATUSSEN, AFGEWEZEN_STATUSSEN, Casusstatus
from app.domain.deelnemer import Categorie, Rol


class CasusActie(StrEnum):
    LEZEN = "casus-lezen"
    INTAKE = "intake"
    DEFINITIEVE_BEOORDELING = "definitieve-beoordeling"
    DEELNEMERS_SELECTEREN = "deelnemers-selecteren"
    VERKLARING_ONDERTEKENEN = "geheimhoudingsverklaring-ondertekenen"
    AFSLUITEN = "afsluiten"
    HEROPENEN = "heropenen"
    GEGEVENS_VERZOEKEN = "gegevens-verzoeken"
    GEGEVENSVERZOEKEN_LEZEN = "gegevensverzoeken-lezen"
    GEGEVENS_VERSTREKKEN = "gegevens-verstrekken"
    GEGEVENS_LEZEN = "gegevens-lezen"
    CORRECTIE_MELDEN = "correctie-melden"
    GEGEVENS_CORRIGEREN = "gegevens-corrigeren"
    CASUSOVERLEG_VASTLEGGEN = "casusoverleg-vastleggen"
    CASUSOVERLEG_LEZEN = "casusoverleg-lezen"
    PLAN_VASTSTELLEN = "plan-van-aanpak-vaststellen"
    PLAN_LEZEN = "plan-van-aanpak-lezen"
    INFORMATIEPLICHT_LEZEN = "informatieplicht-lezen"
    INFORMATIEPLICHT_VASTLEGGEN = "informatieplicht-vastleggen"
    PRIORITERINGSLIJST_PLAATSEN = "prioriteringslijst-plaatsen"
    BEWAARTERMIJN_LEZEN = "bewaartermijn-lezen"
    VERLENGEN = "bewaartermijn-verlengen"
    INSTEMMEN = "verlenging-instemmen"


@dataclass(frozen=True, slots=True)
class CasusFeiten:
    """What the policy needs to know about one case."""

    status: Casusstatus
    aanmelder: str
    geselecteerd: frozenset[str]
    uitgenodigd_incidenteel: frozenset[str]
    verklaring_getekend: frozenset[str]
    mandaat_procesregisseur_intake: bool
    # Fixed participants the joint controllers asked for data (step 3, art. 2.31 lid 3 WGS).
    gevraagd: frozenset[str] = frozenset()
    # The participant the current plan of approach names as case director (model art. 8a).
    casusregisseur: str | None = None
    # Model art. 14.7 and annex 4: the network manager carries out the information duty.
    mandaat_netwerkmanager_informatieplicht: bool = False


class Weergave(StrEnum):
    """Which view of a case a reader gets: only what its part needs (need to know)."""

    VOLLEDIG = "volledig"
    AANMELDER = "aanmelder"
    DEELNEMER = "deelnemer"
    # Someone who may take a decision without reading the case (a mandated process
    # director at intake) learns the outcome: the status, nothing personal.
    STATUS = "status"


SHIELD_READERS = frozenset({Rol.BEHEERDER, Rol.ARCHIEFBEHEERDER, Rol.CONTACTPUNT})


def _gvv(caller: Caller, _casus: CasusFeiten) -> bool:
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke


def _open(casus: CasusFeiten) -> bool:
    return casus.status not in AFGESCHERMDE_STATUSSEN


def _intake(caller: Caller, casus: CasusFeiten) -> bool:
    # Joint controllers, or a process director where the partnership mandated it (model
    # art. 12.2, option 1).
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke or (
        casus.mandaat_procesregisseur_intake
        and caller.is_vaste_deelnemer
        and caller.has_rol(Rol.PROCESREGISSEUR)
    )


def _invited_incidental(caller: Caller, casus: CasusFeiten) -> bool:
    return caller.registratie is None and caller.deelnemer in casus.uitgenodigd_incidenteel


def _beheerder(caller: Caller, _casus: CasusFeiten) -> bool:
    return caller.has_rol(Rol.BEHEERDER)


def _asked(caller: Caller, casus: CasusFeiten) -> bool:
    return caller.is_vaste_deelnemer and caller.deelnemer in casus.gevraagd


def may_supply(caller: Caller, casus: CasusFeiten) -> bool:
    """Who may supply data to an open case (art. 2.29, 2.31 lid 3, 5 and 10 WGS).

    The government participants gather what they hold themselves (lid 3); another fixed
    participant only when the joint controllers asked it, or once it is selected (lid 4-5);
    an incidental participant only after signing its confidentiality statement.
    """
    if not _open(casus):
        return False
    if caller.is_gezamenlijk_verwerkingsverantwoordelijke or _asked(caller, casus):
        return True
    if caller.registratie is None:
        return caller.deelnemer in casus.verklaring_getekend
    return caller.deelnemer in casus.geselecteerd


def may_read_supplies(caller: Caller, casus: CasusFeiten) -> bool:
    """Who may list supplied data: every reader of the case, and an asked participant (which
    sees only what it supplied itself)."""
    return view_for(caller, casus) is not None or (_open(casus) and _asked(caller, casus))


def is_casusregisseur(caller: Caller, casus: CasusFeiten) -> bool:
    """The appointed case director: a person with that role at the selected participant the
    plan of approach names (model art. 8a.1: an employee of one of the participants)."""
    return (
        casus.casusregisseur is not None
        and caller.deelnemer == casus.casusregisseur
        and caller.deelnemer in casus.geselecteerd
        and caller.has_rol(Rol.CASUSREGISSEUR)
    )


def is_informatieplichtige(caller: Caller, casus: CasusFeiten) -> bool:
    """Who carries out the information duty (art. 1.3 BGS; model art. 14.1, 14.2 onder b).

    The contact point is a municipality the joint controllers designated (art. 14.1), so:
    the role `contactpunt` at a municipality that is a joint controller; or the network
    manager, where the contact point mandated it (art. 14.7, annex 4).
    """
    contactpunt = (
        caller.is_gezamenlijk_verwerkingsverantwoordelijke
        and caller.registratie is not None
        and caller.registratie.categorie is Categorie.GEMEENTE
        and caller.has_rol(Rol.CONTACTPUNT)
    )
    netwerkmanager = casus.mandaat_netwerkmanager_informatieplicht and caller.has_rol(
        Rol.NETWERKMANAGER
    )
    return contactpunt or netwerkmanager


def view_for(caller: Caller, casus: CasusFeiten) -> Weergave | None:
    """The view the caller may have of the case, or None when it may not read it at all."""
    if casus.status is Casusstatus.AFGESLOTEN or casus.status in AFGEWEZEN_STATUSSEN:
        # Shielded (art. 2.31(6) WGS): not consulted again for its purpose.
        if any(caller.has_rol(rol) for rol in SHIELD_READERS):
            return Weergave.VOLLEDIG
        if casus.status in AFGEWEZEN_STATUSSEN and caller.deelnemer == casus.aanmelder:
            # The registrant learns the outcome of its own registration.
            return Weergave.AANMELDER
        return None
    if caller.is_gezamenlijk_verwerkingsverantwoordelijke:
        return Weergave.VOLLEDIG
    if caller.registratie is None:
        # Incidental participants: only once the statement is signed (art. 2.21 BGS).
        if caller.deelnemer in casus.verklaring_getekend:
            return Weergave.DEELNEMER
        return None
    if caller.deelnemer in casus.geselecteerd:
        return Weergave.DEELNEMER
    if caller.deelnemer == casus.aanmelder:
        return Weergave.AANMELDER
    if casus.status is Casusstatus.AANGEMELD and _intake(caller, casus):
        # A mandated process director judges the registration alone (model art. 12.2
        # option 1; factsheet step 2): it reads what the registrant reads, nothing more.
        return Weergave.AANMELDER
    return None


def may_read_retention(caller: Caller, _casus: CasusFeiten) -> bool:
    """The joint controllers, the archive manager and the administrator, also once the
    case is shielded: they decide on extensions and act on the archive date (model art. 16)."""
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke or any(
        caller.has_rol(rol) for rol in (Rol.ARCHIEFBEHEERDER, Rol.BEHEERDER)
    )


def _may_answer_consent(caller: Caller, casus: CasusFeiten) -> bool:
    # Whether the caller's organisation supplied data and was asked is checked with the
    # extension itself; an incidental participant only after signing its statement.
    return caller.is_vaste_deelnemer or caller.deelnemer in casus.verklaring_getekend


Rule = Callable[[Caller, CasusFeiten], bool]


def _in_casus(caller: Caller, casus: CasusFeiten) -> bool:
    # Step 5 is for those taking part: the full view, or a participant's own part.
    return view_for(caller, casus) in (Weergave.VOLLEDIG, Weergave.DEELNEMER)


def _overleg_vastleggen(caller: Caller, casus: CasusFeiten) -> bool:
    return _open(casus) and (
        caller.is_gezamenlijk_verwerkingsverantwoordelijke or is_casusregisseur(caller, casus)
    )


def _informatieplicht_lezen(caller: Caller, casus: CasusFeiten) -> bool:
    return view_for(caller, casus) is Weergave.VOLLEDIG or is_informatieplichtige(caller, casus)


POLICY: Mapping[CasusActie, tuple[Rule, str]] = {
    CasusActie.LEZEN: (
        lambda caller, casus: view_for(caller, casus) is not None,
        "Lezen mogen de gezamenlijk verwerkingsverantwoordelijken, de aanmelder, de "
        "geselecteerde deelnemers en een incidentele deelnemer na ondertekening van de "
        "geheimhoudingsverklaring; een afgeschermde casus alleen beheerder, archiefbeheerder "
        "en contactpunt.",
    ),
    CasusActie.INTAKE: (
        lambda caller, casus: _open(casus) and _intake(caller, casus),
        "De intake doen de gezamenlijk verwerkingsverantwoordelijken, of de procesregisseur "
        "als het samenwerkingsverband daartoe mandaat gaf (art. 2.31 lid 2 WGS).",
    ),
    CasusActie.DEFINITIEVE_BEOORDELING: (
        _gvv,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken (art. 2.31 lid 3 WGS).",
    ),
    CasusActie.DEELNEMERS_SELECTEREN: (
        _gvv,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken (art. 2.31 lid 4 WGS).",
    ),
    CasusActie.VERKLARING_ONDERTEKENEN: (
        lambda caller, casus: _open(casus) and _invited_incidental(caller, casus),
        "Alleen de uitgenodigde incidentele deelnemer zelf (art. 2.31 lid 9 WGS, art. 2.21 BGS).",
    ),
    CasusActie.AFSLUITEN: (
        _gvv,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken (art. 2.31 lid 6 WGS).",
    ),
    CasusActie.PRIORITERINGSLIJST_PLAATSEN: (
        _gvv,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken plaatsen een casus op een "
        "prioriteringslijst (art. 2.32 lid 2 WGS).",
    ),
    CasusActie.HEROPENEN: (_beheerder, "Alleen de beheerder heropent een afgesloten casus."),
    CasusActie.GEGEVENS_VERZOEKEN: (
        lambda caller, casus: _open(casus) and _gvv(caller, casus),
        "Alleen de gezamenlijk verwerkingsverantwoordelijken vragen gegevens op, en niet bij "
        "een afgeschermde casus (art. 2.31 lid 3 WGS).",
    ),
    CasusActie.GEGEVENSVERZOEKEN_LEZEN: (
        lambda caller, casus: (
            view_for(caller, casus) is Weergave.VOLLEDIG or (_open(casus) and _asked(caller, casus))
        ),
        "Gegevensverzoeken zien de gezamenlijk verwerkingsverantwoordelijken en de gevraagde "
        "deelnemer (alleen de verzoeken aan hem).",
    ),
    CasusActie.GEGEVENS_VERSTREKKEN: (
        may_supply,
        "Gegevens verstrekken de gezamenlijk verwerkingsverantwoordelijken, een deelnemer "
        "die zij erom vroegen, een geselecteerde deelnemer en een incidentele deelnemer na "
        "ondertekening van de geheimhoudingsverklaring; niet bij een afgeschermde casus "
        "(art. 2.29 en 2.31 lid 3-5 en 10 WGS).",
    ),
    CasusActie.GEGEVENS_LEZEN: (
        may_read_supplies,
        "Verstrekte gegevens leest wie de casus mag lezen, en een gevraagde deelnemer zijn "
        "eigen verstrekkingen; ieder alleen wat zijn deel vraagt en de voorwaarden van de "
        "verstrekker toelaten (art. 2.29 lid 3 WGS).",
    ),
    CasusActie.CORRECTIE_MELDEN: (
        lambda caller, casus: _open(casus) and may_read_supplies(caller, casus),
        "Een onjuistheid meldt wie de gegevens mag lezen, zolang de casus niet is "
        "afgeschermd (art. 1.6 BGS).",
    ),
    CasusActie.GEGEVENS_CORRIGEREN: (
        # Whether the caller supplied this very item is checked with the item itself; a
        # supplier stays responsible for it even when it is no longer selected.
        lambda caller, casus: (
            _open(casus)
            and (caller.is_vaste_deelnemer or caller.deelnemer in casus.verklaring_getekend)
        ),
        "Alleen de verstrekker corrigeert zijn gegevens, zolang de casus niet is afgeschermd "
        "(art. 1.6 BGS).",
    ),
    CasusActie.CASUSOVERLEG_VASTLEGGEN: (
        _overleg_vastleggen,
        "Een casusoverleg leggen de gezamenlijk verwerkingsverantwoordelijken vast, of de in "
        "het plan van aanpak aangewezen casusregisseur (art. 2.31 lid 5 WGS, art. 8a "
        "bestuurlijke afspraken); niet meer na afsluiting.",
    ),
    CasusActie.CASUSOVERLEG_LEZEN: (
        _in_casus,
        "Casusoverleggen lezen de gezamenlijk verwerkingsverantwoordelijken, en geselecteerde "
        "deelnemers en incidentele deelnemers met een ondertekende geheimhoudingsverklaring "
        "de overleggen waarbij zij aanwezig waren.",
    ),
    CasusActie.PLAN_VASTSTELLEN: (
        lambda caller, casus: _open(casus) and _gvv(caller, casus),
        "Het plan van aanpak, zoals afgesproken in het casusoverleg, leggen de gezamenlijk "
        "verwerkingsverantwoordelijken vast (art. 2.31 lid 5 WGS, art. 8.5 bestuurlijke "
        "afspraken); niet meer na afsluiting.",
    ),
    CasusActie.PLAN_LEZEN: (
        _in_casus,
        "Het plan van aanpak lezen de gezamenlijk verwerkingsverantwoordelijken, de "
        "casusregisseur, en iedere geselecteerde deelnemer zijn eigen deel (need to know).",
    ),
    CasusActie.INFORMATIEPLICHT_LEZEN: (
        _informatieplicht_lezen,
        "De informatieplicht lezen wie de volledige casus mag zien, het contactpunt en de "
        "daartoe gemandateerde netwerkmanager (art. 14 bestuurlijke afspraken).",
    ),
    CasusActie.INFORMATIEPLICHT_VASTLEGGEN: (
        is_informatieplichtige,
        "De informatieplicht voert het contactpunt uit (een gemeente die gezamenlijk "
        "verwerkingsverantwoordelijke is), of de netwerkmanager die daartoe gemandateerd is "
        "(art. 1.3 BGS; art. 14.2 en 14.7 en bijlage 4 bestuurlijke afspraken).",
    ),
    CasusActie.BEWAARTERMIJN_LEZEN: (
        may_read_retention,
        "De bewaartermijn zien de gezamenlijk verwerkingsverantwoordelijken, de "
        "archiefbeheerder en de beheerder (art. 1.8 lid 7 WGS, art. 16 bestuurlijke afspraken).",
    ),
    CasusActie.VERLENGEN: (
        _gvv,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken besluiten tot verlenging "
        "(art. 1.16 BGS).",
    ),
    CasusActie.INSTEMMEN: (
        _may_answer_consent,
        "Alleen een deelnemer die gegevens in deze casus verstrekte, stemt in voor zijn eigen "
        "organisatie (art. 1.16 BGS, factsheet Bewaartermijnen).",
    ),
}


def authorize_casus(caller: Caller, actie: CasusActie, casus: CasusFeiten) -> None:
    rule, explanation = POLICY[actie]
    if not rule(caller, casus):
        raise AccessDenied(f"Deze actie ({actie.value}) is niet toegestaan. {explanation}")
