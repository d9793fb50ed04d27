"""Who may do what with a case (art. 2.31 WGS; factsheet Werkprocessen; model art. 12).

One table: each action on a case names who may take it. A rule sees the verified caller
and what the service knows of the case (its status, registrant, selected and invited
participants, signed confidentiality statements, the partnership's mandates). What a
reader then sees is the declarative who-sees-what mapping beside it (case_views.py).
"""

from collections.abc import Callable, Mapping
from enum import StrEnum

from app.auth.case_views import (
    CasusFeiten,
    Hoedanigheid,
    Onderdeel,
    admitted_incidental,
    gemandateerd,
    invited_incidental,
    is_shielded,
    mandated_intake,
    zicht,
)
from app.auth.claims import Caller
from app.auth.errors import AccessDenied
from app.domain.deelnemer import Rol
from app.domain.mandaat import Bevoegdheid


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
    INFORMATIEPLICHT_OPHEFFEN = "informatieplicht-opheffen"
    PRIORITERINGSLIJST_PLAATSEN = "prioriteringslijst-plaatsen"
    BEWAARTERMIJN_LEZEN = "bewaartermijn-lezen"
    VERLENGEN = "bewaartermijn-verlengen"
    INSTEMMEN = "verlenging-instemmen"
    DERDEN_VERSTREKKEN = "derden-verstrekken"
    DERDENVERSTREKKINGEN_LEZEN = "derdenverstrekkingen-lezen"
    DERDEN_INSTEMMEN = "derdenverstrekking-instemmen"


def _gvv(caller: Caller, _casus: CasusFeiten) -> bool:
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke


def _open(casus: CasusFeiten) -> bool:
    return not is_shielded(casus)


def _intake(caller: Caller, casus: CasusFeiten) -> bool:
    # Joint controllers, or a process director where the partnership mandated it (model
    # art. 12.2, option 1).
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke or mandated_intake(caller, casus)


def _beheerder(caller: Caller, _casus: CasusFeiten) -> bool:
    # Caller.has_rol counts the role only from the designated organisation.
    return caller.has_rol(Rol.BEHEERDER)


def _asked(caller: Caller, casus: CasusFeiten) -> bool:
    return caller.is_vaste_deelnemer and caller.deelnemer in casus.gevraagd


def _leest(caller: Caller, casus: CasusFeiten, *onderdelen: Onderdeel) -> bool:
    view = zicht(caller, casus)
    return view is not None and view.toont(*onderdelen)


def may_supply(caller: Caller, casus: CasusFeiten) -> bool:
    """Who may supply data to an open case (art. 2.29, 2.31 lid 3, 5 and 10 WGS).

    The government participants gather what they hold themselves (lid 3); another fixed
    participant only when the joint controllers asked it, or once it is selected (lid 4-5);
    an incidental participant only while invited, by the person who signed its statement.
    """
    if not _open(casus):
        return False
    if caller.is_gezamenlijk_verwerkingsverantwoordelijke or _asked(caller, casus):
        return True
    if caller.registratie is None:
        return admitted_incidental(caller, casus)
    return caller.deelnemer in casus.geselecteerd


def may_read_supplies(caller: Caller, casus: CasusFeiten) -> bool:
    """Who may list supplied data: every reader of the case (each item filtered by its view
    and the supplier's conditions), and an asked participant (its own supplies only)."""
    return zicht(caller, casus) is not None or (_open(casus) and _asked(caller, casus))


def _may_report_error(caller: Caller, casus: CasusFeiten) -> bool:
    # Supervision reads, it does not take part: the coordinating FG reports nothing.
    if not _open(casus):
        return False
    view = zicht(caller, casus)
    meedoen = view is not None and view.hoedanigheden != {Hoedanigheid.TOEZICHT}
    return meedoen or _asked(caller, casus)


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

    The contact point: the role `contactpunt` at the municipality designated as contact
    point (art. 14.1; Caller.has_rol counts it only there); or the network manager, where
    the contact point mandated it (art. 14.7, annex 4).
    """
    return caller.has_rol(Rol.CONTACTPUNT) or gemandateerd(
        caller, casus.mandaten, Bevoegdheid.INFORMATIEPLICHT
    )


def may_read_retention(caller: Caller, _casus: CasusFeiten) -> bool:
    """The joint controllers, the designated archive manager and administrator, also once the
    case is shielded: they decide on extensions and act on the archive date (model art. 16);
    and the coordinating FG for supervision. Retention shows dates and suppliers, no content."""
    return (
        caller.is_gezamenlijk_verwerkingsverantwoordelijke
        or caller.houdt_toezicht
        or any(caller.has_rol(rol) for rol in (Rol.ARCHIEFBEHEERDER, Rol.BEHEERDER))
    )


def _may_answer_consent(caller: Caller, casus: CasusFeiten) -> bool:
    # Whether the caller's organisation supplied data and was asked is checked with the
    # extension itself; an incidental participant only while invited, by the signer.
    return caller.is_vaste_deelnemer or admitted_incidental(caller, casus)


Rule = Callable[[Caller, CasusFeiten], bool]


def _overleg_vastleggen(caller: Caller, casus: CasusFeiten) -> bool:
    return _open(casus) and (
        caller.is_gezamenlijk_verwerkingsverantwoordelijke or is_casusregisseur(caller, casus)
    )


def _informatieplicht_lezen(caller: Caller, casus: CasusFeiten) -> bool:
    return _leest(caller, casus, Onderdeel.INFORMATIEPLICHT) or is_informatieplichtige(
        caller, casus
    )


_LEZEN = (
    "Wat u van een casus ziet, hangt af van uw hoedanigheid (need to know): de aanmelder "
    "zijn eigen aanmelding; een gezamenlijk verwerkingsverantwoordelijke de hele casus tot "
    "de selectie van deelnemers, daarna de weergave verantwoordelijke; een geselecteerde "
    "deelnemer en een uitgenodigde incidentele deelnemer (alleen de persoon die de "
    "geheimhoudingsverklaring tekende) hun deel; een afgeschermde casus alleen de aangewezen "
    "beheerder, archiefbeheerder en contactpunt; de coördinerend functionaris "
    "gegevensbescherming alles, met een opgegeven reden."
)

POLICY: Mapping[CasusActie, tuple[Rule, str]] = {
    CasusActie.LEZEN: (lambda caller, casus: zicht(caller, casus) is not None, _LEZEN),
    CasusActie.INTAKE: (
        lambda caller, casus: _open(casus) and _intake(caller, casus),
        "De intake doen de gezamenlijk verwerkingsverantwoordelijken, of de procesregisseur "
        "als het samenwerkingsverband daartoe mandaat gaf (art. 2.31 lid 2 WGS).",
    ),
    CasusActie.DEFINITIEVE_BEOORDELING: (
        lambda caller, casus: _open(casus) and _gvv(caller, casus),
        "Alleen de gezamenlijk verwerkingsverantwoordelijken, en niet bij een afgeschermde "
        "casus (art. 2.31 lid 3 en 6 WGS).",
    ),
    CasusActie.DEELNEMERS_SELECTEREN: (
        _gvv,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken (art. 2.31 lid 4 WGS).",
    ),
    CasusActie.VERKLARING_ONDERTEKENEN: (
        lambda caller, casus: _open(casus) and invited_incidental(caller, casus),
        "Alleen een medewerker van de uitgenodigde incidentele deelnemer zelf, voor zichzelf "
        "(art. 2.31 lid 9 WGS, art. 2.21 BGS, art. 8.1 bestuurlijke afspraken).",
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
    CasusActie.HEROPENEN: (
        _beheerder,
        "Alleen de beheerder van de als beheerder aangewezen organisatie heropent een "
        "afgesloten casus (factsheet Bewaartermijnen).",
    ),
    CasusActie.GEGEVENS_VERZOEKEN: (
        lambda caller, casus: _open(casus) and _gvv(caller, casus),
        "Alleen de gezamenlijk verwerkingsverantwoordelijken vragen gegevens op, en niet bij "
        "een afgeschermde casus (art. 2.31 lid 3 WGS).",
    ),
    CasusActie.GEGEVENSVERZOEKEN_LEZEN: (
        lambda caller, casus: (
            _leest(caller, casus, Onderdeel.GEGEVENSVERZOEKEN)
            or (_open(casus) and _asked(caller, casus))
        ),
        "Alle gegevensverzoeken ziet wie de hele casus ziet; een gevraagde deelnemer alleen "
        "de verzoeken aan hem.",
    ),
    CasusActie.GEGEVENS_VERSTREKKEN: (
        may_supply,
        "Gegevens verstrekken de gezamenlijk verwerkingsverantwoordelijken, een deelnemer "
        "die zij erom vroegen, een geselecteerde deelnemer en een uitgenodigde incidentele "
        "deelnemer na ondertekening van de geheimhoudingsverklaring; niet bij een afgeschermde "
        "casus (art. 2.29 en 2.31 lid 3-5 en 10 WGS).",
    ),
    CasusActie.GEGEVENS_LEZEN: (
        may_read_supplies,
        "Verstrekte gegevens leest wie de casus mag lezen, en een gevraagde deelnemer zijn "
        "eigen verstrekkingen; ieder alleen wat zijn weergave toont en de voorwaarden van de "
        "verstrekker toelaten (art. 2.29 lid 3 WGS).",
    ),
    CasusActie.CORRECTIE_MELDEN: (
        _may_report_error,
        "Een onjuistheid meldt wie aan de casus deelneemt en de gegevens mag lezen, zolang de "
        "casus niet is afgeschermd (art. 1.6 BGS).",
    ),
    CasusActie.GEGEVENS_CORRIGEREN: (
        # Whether the caller supplied this very item is checked with the item itself; a
        # fixed supplier stays responsible for it even when it is no longer selected.
        lambda caller, casus: (
            _open(casus) and (caller.is_vaste_deelnemer or admitted_incidental(caller, casus))
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
        lambda caller, casus: _leest(
            caller, casus, Onderdeel.CASUSOVERLEGGEN, Onderdeel.EIGEN_CASUSOVERLEGGEN
        ),
        "Casusoverleggen lezen wie de hele casus ziet, en geselecteerde deelnemers en "
        "toegelaten incidentele deelnemers de overleggen waarbij zij aanwezig waren; niet de "
        "weergave verantwoordelijke.",
    ),
    CasusActie.PLAN_VASTSTELLEN: (
        lambda caller, casus: _open(casus) and _gvv(caller, casus),
        "Het plan van aanpak, zoals afgesproken in het casusoverleg, leggen de gezamenlijk "
        "verwerkingsverantwoordelijken vast (art. 2.31 lid 5 WGS, art. 8.5 bestuurlijke "
        "afspraken); niet meer na afsluiting.",
    ),
    CasusActie.PLAN_LEZEN: (
        lambda caller, casus: _leest(
            caller,
            casus,
            Onderdeel.PLAN_VAN_AANPAK,
            Onderdeel.EIGEN_PLAN_VAN_AANPAK,
            Onderdeel.PLAN_OPZET,
        ),
        "Het plan van aanpak lezen wie de hele casus ziet, de casusregisseur, iedere "
        "geselecteerde deelnemer zijn eigen deel, en de weergave verantwoordelijke alleen de "
        "opzet (need to know).",
    ),
    CasusActie.INFORMATIEPLICHT_LEZEN: (
        _informatieplicht_lezen,
        "De informatieplicht lezen wie de hele casus ziet, het aangewezen contactpunt en de "
        "daartoe gemandateerde netwerkmanager (art. 14 bestuurlijke afspraken).",
    ),
    CasusActie.INFORMATIEPLICHT_VASTLEGGEN: (
        is_informatieplichtige,
        "De informatieplicht voert het aangewezen contactpunt uit (een gemeente), of de "
        "netwerkmanager die daartoe gemandateerd is (art. 1.3 BGS; art. 14.1, 14.2 en 14.7 en "
        "bijlage 4 bestuurlijke afspraken).",
    ),
    CasusActie.INFORMATIEPLICHT_OPHEFFEN: (
        # Whether the caller's organisation invoked the exception is checked with the duty.
        lambda caller, casus: is_informatieplichtige(caller, casus) or caller.is_vaste_deelnemer,
        "Een uitzondering van art. 41 UAVG op de informatieplicht heft de deelnemer op die zich "
        "erop beriep, of het aangewezen contactpunt (art. 14.4 bestuurlijke afspraken).",
    ),
    CasusActie.BEWAARTERMIJN_LEZEN: (
        may_read_retention,
        "De bewaartermijn zien de gezamenlijk verwerkingsverantwoordelijken, de aangewezen "
        "archiefbeheerder en beheerder (art. 1.8 lid 7 WGS, art. 16 bestuurlijke afspraken) "
        "en de coördinerend functionaris gegevensbescherming.",
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
    CasusActie.DERDEN_VERSTREKKEN: (
        lambda caller, casus: _open(casus) and _gvv(caller, casus),
        "Resultaten van een casus verstrekken aan een derde doen alleen de gezamenlijk "
        "verwerkingsverantwoordelijken, na advies van de Rechtmatigheidsadviescommissie, en "
        "niet bij een afgeschermde casus (art. 1.7 WGS).",
    ),
    CasusActie.DERDENVERSTREKKINGEN_LEZEN: (
        lambda caller, _casus: (
            caller.is_gezamenlijk_verwerkingsverantwoordelijke
            or caller.houdt_toezicht
            or caller.is_vaste_deelnemer
        ),
        "Verstrekkingen aan derden zien de gezamenlijk verwerkingsverantwoordelijken en de "
        "coördinerend functionaris gegevensbescherming (met reden); een verstrekker alleen "
        "die waarvoor zijn instemming is gevraagd.",
    ),
    CasusActie.DERDEN_INSTEMMEN: (
        _may_answer_consent,
        "Alleen een verstrekker van bijzondere of strafrechtelijke gegevens stemt in, voor "
        "zijn eigen organisatie (art. 1.7 WGS).",
    ),
}


def authorize_casus(caller: Caller, actie: CasusActie, casus: CasusFeiten) -> None:
    rule, explanation = POLICY[actie]
    if not rule(caller, casus):
        raise AccessDenied(f"Deze actie ({actie.value}) is niet toegestaan. {explanation}")
