"""Who may do what: one table of actions and the callers allowed to take them."""

from collections.abc import Callable, Mapping
from enum import StrEnum

from app.auth.claims import Caller
from app.auth.errors import AccessDenied
from app.domain.deelnemer import Rol


class Actie(StrEnum):
    """An action a caller asks to take, independent of any case."""

    DEELNEMERS_LEZEN = "deelnemers-lezen"
    DEELNEMERS_BEHEREN = "deelnemers-beheren"
    REGELS_TOEPASSEN = "regels-toepassen"
    VERWERKINGEN_LEZEN = "verwerkingen-lezen"
    CASUS_AANMELDEN = "casus-aanmelden"
    CASUSSEN_ZOEKEN = "casussen-zoeken"
    INSTELLINGEN_LEZEN = "instellingen-lezen"
    INSTELLINGEN_BEHEREN = "instellingen-beheren"
    PRIORITERINGSLIJSTEN_LEZEN = "prioriteringslijsten-lezen"
    PRIORITERINGSLIJSTEN_BEHEREN = "prioriteringslijsten-beheren"
    PRIORITERINGSLIJST_TOETSEN = "prioriteringslijst-toetsen"
    PRIORITERINGSLIJST_PLAATSEN = "prioriteringslijst-plaatsen"
    PRIORITERINGSLIJST_VERWIJDEREN = "prioriteringslijst-verwijderen"
    PRIORITERINGSPLAATSINGEN_LEZEN = "prioriteringsplaatsingen-lezen"
    BEWAARTERMIJNEN_BEWAKEN = "bewaartermijnen-bewaken"
    INSTEMMINGSVERZOEKEN_LEZEN = "instemmingsverzoeken-lezen"
    WERKVOORRAAD_LEZEN = "werkvoorraad-lezen"
    RAC_ADVIEZEN_BEHEREN = "rac-adviezen-beheren"
    RAC_AFWIJKINGEN_LEZEN = "rac-afwijkingen-lezen"
    JAARVERSLAG_LEZEN = "jaarverslag-lezen"
    MANDATEN_LEZEN = "mandaten-lezen"
    MANDATEN_BEHEREN = "mandaten-beheren"
    ABONNEMENTEN_BEHEREN = "abonnementen-beheren"


def _any_participant(_caller: Caller) -> bool:
    return True


def _vaste_deelnemer(caller: Caller) -> bool:
    return caller.is_vaste_deelnemer


def _beheerder(caller: Caller) -> bool:
    # Caller.has_rol counts the role only from the organisation designated as beheerder.
    return caller.has_rol(Rol.BEHEERDER)


def _joint_controller(caller: Caller) -> bool:
    # The government participants set the objective criteria and check cases against
    # them (art. 2.32(1)-(2) WGS); whatever roles their people hold inside it.
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke


def _fg_of_joint_controller_or_beheerder(caller: Caller) -> bool:
    # The data protection officer of any joint controller (the coordinating one included:
    # it is a government participant), and the designated system administrator.
    return caller.has_rol(Rol.BEHEERDER) or (
        caller.is_gezamenlijk_verwerkingsverantwoordelijke
        and caller.has_rol(Rol.FUNCTIONARIS_GEGEVENSBESCHERMING)
    )


def _archiefbeheerder_or_beheerder(caller: Caller) -> bool:
    # Designated roles only (Caller.has_rol): the archive manager appointed under art. 16.2
    # of the model agreement, and the system administrator.
    return caller.has_rol(Rol.ARCHIEFBEHEERDER) or caller.has_rol(Rol.BEHEERDER)


def _joint_controller_or_coordinating_fg(caller: Caller) -> bool:
    # Deviations from the RAC's advice are reported to the coordinating FG (model art.
    # 4.11, 15); the joint controllers who decided them see them too.
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke or caller.is_coordinerend_fg


def _joint_controller_fg_or_beheerder(caller: Caller) -> bool:
    return (
        caller.is_gezamenlijk_verwerkingsverantwoordelijke
        or caller.is_coordinerend_fg
        or caller.has_rol(Rol.BEHEERDER)
    )


_GVV = (
    "Alleen de gezamenlijk verwerkingsverantwoordelijken (overheidsdeelnemers, art. 2.32 "
    "WGS) beheren en toetsen prioriteringslijsten en plaatsen en verwijderen casussen."
)

POLICY: Mapping[Actie, tuple[Callable[[Caller], bool], str]] = {
    Actie.DEELNEMERS_LEZEN: (_any_participant, "Iedere geauthenticeerde deelnemer."),
    Actie.DEELNEMERS_BEHEREN: (
        _beheerder,
        "Alleen de beheerder van de als beheerder aangewezen deelnemer beheert het register.",
    ),
    # Stateless rule endpoints (bewaartermijn, criteria): any authenticated participant.
    Actie.REGELS_TOEPASSEN: (_any_participant, "Iedere geauthenticeerde deelnemer."),
    Actie.CASUS_AANMELDEN: (
        _vaste_deelnemer,
        "Aanmelden doet een vaste deelnemer (overheid of privaat), nooit een incidentele "
        "deelnemer of derde (art. 2.31 lid 1 WGS).",
    ),
    # The list shows only the cases the caller may read (case_views.zicht).
    Actie.CASUSSEN_ZOEKEN: (_any_participant, "Iedere geauthenticeerde deelnemer."),
    Actie.INSTELLINGEN_LEZEN: (
        _vaste_deelnemer,
        "De instellingen lezen de vaste deelnemers van het samenwerkingsverband.",
    ),
    Actie.INSTELLINGEN_BEHEREN: (
        _beheerder,
        "Alleen de beheerder van de als beheerder aangewezen deelnemer beheert de instellingen "
        "en de aanwijzingen.",
    ),
    Actie.VERWERKINGEN_LEZEN: (
        _fg_of_joint_controller_or_beheerder,
        "Alleen de functionaris gegevensbescherming van een gezamenlijk "
        "verwerkingsverantwoordelijke, of de aangewezen beheerder.",
    ),
    Actie.PRIORITERINGSLIJSTEN_LEZEN: (_joint_controller, _GVV),
    Actie.PRIORITERINGSLIJSTEN_BEHEREN: (_joint_controller, _GVV),
    Actie.PRIORITERINGSLIJST_TOETSEN: (_joint_controller, _GVV),
    # Placement, the list of placements, removal and re-evaluation (art. 2.32(2)-(4) WGS).
    Actie.PRIORITERINGSLIJST_PLAATSEN: (_joint_controller, _GVV),
    Actie.PRIORITERINGSLIJST_VERWIJDEREN: (_joint_controller, _GVV),
    Actie.PRIORITERINGSPLAATSINGEN_LEZEN: (_joint_controller, _GVV),
    Actie.BEWAARTERMIJNEN_BEWAKEN: (
        _archiefbeheerder_or_beheerder,
        "Alleen de aangewezen archiefbeheerder en beheerder (art. 16 bestuurlijke afspraken).",
    ),
    # Each organisation sees only the consent requests addressed to itself.
    Actie.INSTEMMINGSVERZOEKEN_LEZEN: (_any_participant, "Iedere geauthenticeerde deelnemer."),
    Actie.WERKVOORRAAD_LEZEN: (
        _any_participant,
        "Iedere geauthenticeerde deelnemer, ook een incidentele: alleen het eigen werk.",
    ),
    Actie.RAC_ADVIEZEN_BEHEREN: (
        _joint_controller,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken houden het register van adviezen "
        "van de Rechtmatigheidsadviescommissie bij (art. 4.9-4.11 bestuurlijke afspraken).",
    ),
    Actie.RAC_AFWIJKINGEN_LEZEN: (
        _joint_controller_or_coordinating_fg,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken en de coördinerend functionaris "
        "gegevensbescherming (art. 15 bestuurlijke afspraken).",
    ),
    Actie.JAARVERSLAG_LEZEN: (
        _joint_controller_fg_or_beheerder,
        "Alleen de gezamenlijk verwerkingsverantwoordelijken, de coördinerend functionaris "
        "gegevensbescherming en de aangewezen beheerder.",
    ),
    Actie.MANDATEN_LEZEN: (
        _vaste_deelnemer,
        "De mandaten lezen de vaste deelnemers van het samenwerkingsverband.",
    ),
    Actie.MANDATEN_BEHEREN: (
        _beheerder,
        "Alleen de beheerder van de als beheerder aangewezen deelnemer legt mandaten vast.",
    ),
    # Notifications (contract v2, "Integration"): for the caller's own organisation.
    Actie.ABONNEMENTEN_BEHEREN: (
        _vaste_deelnemer,
        "Abonnementen op notificaties nemen de gezamenlijk verwerkingsverantwoordelijken en de "
        "vaste deelnemers, voor hun eigen organisatie; een incidentele deelnemer neemt aan één "
        "casus deel (art. 2.31 lid 9 WGS) en neemt geen abonnement.",
    ),
}


def authorize(caller: Caller, actie: Actie) -> None:
    rule, explanation = POLICY[actie]
    if not rule(caller):
        raise AccessDenied(f"Deze actie ({actie.value}) is niet toegestaan. {explanation}")
