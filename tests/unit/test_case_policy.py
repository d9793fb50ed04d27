"""The case policy and the who-sees-what mapping over plain case facts: no HTTP, no database.

Every action × every kind of caller × every case state. The expectations are written out
by hand per action (who may, in which states), independently of the policy's code, so a
change to the policy that lets anyone else in fails here. Issue 10's reproductions are
rows of their own (marked `issue-10`).
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import pytest

from app.auth.case_policy import POLICY, CasusActie
from app.auth.case_views import CasusFeiten, Hoedanigheid, Onderdeel, Weergave, zicht
from app.auth.claims import Caller, Claims
from app.auth.errors import AccessDenied
from app.auth.policy import Actie, authorize
from app.domain.aanwijzing import Aanwijzingen
from app.domain.casus import Casusstatus
from app.domain.deelnemer import Beroepsgeheim, Categorie, Deelnemer, Deelnemertype, Rol
from app.domain.mandaat import Bevoegdheid, Mandaten

A = CasusActie
S = Casusstatus
H = Hoedanigheid
O_ = Onderdeel

# The demo partnership's designations: gemeente-utrecht holds every function.
AANWIJZINGEN = Aanwijzingen(
    beheerder="gemeente-utrecht",
    contactpunt="gemeente-utrecht",
    archiefbeheerder="gemeente-utrecht",
    coordinerende_fg="gemeente-utrecht",
)

REGISTER: Mapping[str, tuple[Deelnemertype, Categorie, Beroepsgeheim | None]] = {
    "gemeente-utrecht": (Deelnemertype.OVERHEID, Categorie.GEMEENTE, None),
    "gemeente-zeist": (Deelnemertype.OVERHEID, Categorie.GEMEENTE, None),
    "politie": (Deelnemertype.OVERHEID, Categorie.POLITIE, None),
    "om": (Deelnemertype.OVERHEID, Categorie.OM, None),
    "dji": (Deelnemertype.OVERHEID, Categorie.DJI, None),
    "reclassering-nederland": (Deelnemertype.PRIVAAT, Categorie.RECLASSERING, None),
    "svg": (Deelnemertype.PRIVAAT, Categorie.RECLASSERING, None),
    "leger-des-heils": (Deelnemertype.PRIVAAT, Categorie.RECLASSERING, None),
    "ggz": (Deelnemertype.PRIVAAT, Categorie.GGZ, Beroepsgeheim.WGBO),
    "veilig-thuis": (Deelnemertype.PRIVAAT, Categorie.VEILIG_THUIS, None),
    "wijkteam": (Deelnemertype.PRIVAAT, Categorie.SOCIAAL_DOMEIN, None),
}


def caller(deelnemer: str, *rollen: str, sub: str = "p1", reden: str | None = None) -> Caller:
    registered = REGISTER.get(deelnemer)
    soort = registered[0] if registered else Deelnemertype.INCIDENTEEL
    claims = Claims.model_validate(
        {
            "sub": sub,
            "zvh": "zvh-demo",
            "deelnemer": deelnemer,
            "deelnemertype": soort.value,
            "gezamenlijkVerwerkingsverantwoordelijke": soort is Deelnemertype.OVERHEID,
            "rollen": list(rollen) or ["medewerker"],
        }
    )
    registratie = (
        Deelnemer("zvh-demo", deelnemer, deelnemer, *registered, date(2025, 3, 1))
        if registered
        else None
    )
    return Caller(claims, registratie, AANWIJZINGEN, reden)


# Kinds of caller, by what they are towards the case below.
CALLERS: Mapping[str, Caller] = {
    "gvv": caller("om"),  # a joint controller, not selected, no designated function
    "gvv-geselecteerd": caller("politie"),
    "aanmelder": caller("reclassering-nederland"),  # private registrant
    "geselecteerd": caller("ggz"),
    "gevraagd": caller("veilig-thuis"),  # asked for data in step 3
    "niet-geselecteerd": caller("wijkteam"),
    "casusregisseur": caller("ggz", "casusregisseur"),
    "procesregisseur": caller("wijkteam", "procesregisseur"),  # mandated for intake
    "incidenteel": caller("cjib", sub="ondertekenaar"),
    "incidenteel-collega": caller("cjib", sub="collega"),  # never signed
    "incidenteel-niet-uitgenodigd": caller("belastingdienst", sub="ondertekenaar"),
    "beheerder": caller("gemeente-utrecht", "beheerder"),
    "archiefbeheerder": caller("gemeente-utrecht", "archiefbeheerder"),
    "contactpunt": caller("gemeente-utrecht", "contactpunt"),
    # Designated roles claimed by organisations that are not designated (issue 10).
    "beheerder-privaat": caller("svg", "beheerder"),
    "archiefbeheerder-privaat": caller("leger-des-heils", "archiefbeheerder"),
    "contactpunt-privaat": caller("wijkteam", "contactpunt"),
    "beheerder-overheid": caller("dji", "beheerder", "archiefbeheerder", "contactpunt"),
    "fg-toezicht": caller("gemeente-utrecht", "functionaris-gegevensbescherming", reden="Audit."),
    "fg-andere-gvv": caller("om", "functionaris-gegevensbescherming", reden="Audit."),
    "fg-privaat": caller("wijkteam", "functionaris-gegevensbescherming", reden="Audit."),
}

# Stages of the case (art. 2.31 WGS): before and after the selection of participants.
BASIS = CasusFeiten(
    status=S.AANGEMELD,
    aanmelder="reclassering-nederland",
    geselecteerd=frozenset(),
    uitgenodigd_incidenteel=frozenset(),
    verklaringen=frozenset(),
    mandaten=Mandaten(frozenset({(Bevoegdheid.INTAKE, "wijkteam", Rol.PROCESREGISSEUR)})),
    gevraagd=frozenset({"veilig-thuis"}),
)
GESELECTEERD = replace(
    BASIS,
    status=S.IN_BEHANDELING,
    geselecteerd=frozenset({"ggz", "politie"}),
    uitgenodigd_incidenteel=frozenset({"cjib"}),
    verklaringen=frozenset({("cjib", "ondertekenaar")}),
    casusregisseur="ggz",
)
STAGES: Mapping[str, CasusFeiten] = {
    "aangemeld": BASIS,
    "gegevensverzameling": replace(BASIS, status=S.GEGEVENSVERZAMELING),
    "in-behandeling-voor-selectie": replace(BASIS, status=S.IN_BEHANDELING),
    "in-behandeling": GESELECTEERD,
    "afgesloten": replace(GESELECTEERD, status=S.AFGESLOTEN),
    "intake-afgewezen": replace(BASIS, status=S.INTAKE_AFGEWEZEN),
    "afgewezen": replace(BASIS, status=S.AFGEWEZEN),
}

OPEN = ("aangemeld", "gegevensverzameling", "in-behandeling-voor-selectie", "in-behandeling")
VOOR = OPEN[:3]
AFGEWEZEN = ("intake-afgewezen", "afgewezen")
ALLE = (*OPEN, "afgesloten", *AFGEWEZEN)
GVV = ("gvv", "gvv-geselecteerd", "beheerder", "archiefbeheerder", "contactpunt")
GVV_ALLE = (*GVV, "beheerder-overheid", "fg-toezicht", "fg-andere-gvv")
AANGEWEZEN = ("beheerder", "archiefbeheerder", "contactpunt")
VAST = (
    *GVV_ALLE,
    "aanmelder",
    "geselecteerd",
    "gevraagd",
    "niet-geselecteerd",
    "casusregisseur",
    "procesregisseur",
    "beheerder-privaat",
    "archiefbeheerder-privaat",
    "contactpunt-privaat",
    "fg-privaat",
)
DEELNEMERS = ("geselecteerd", "casusregisseur", "gvv-geselecteerd", "incidenteel")


def _in(states: tuple[str, ...], kinds: tuple[str, ...]) -> set[tuple[str, str]]:
    return {(state, kind) for state in states for kind in kinds}


# For each action: every (stage, caller) that may take it. Everything else is refused.
ALLOWED: Mapping[CasusActie, set[tuple[str, str]]] = {
    A.LEZEN: (
        _in(OPEN, GVV_ALLE)
        | _in(ALLE, ("fg-toezicht",))
        | _in((*OPEN, *AFGEWEZEN), ("aanmelder",))
        | _in(("in-behandeling",), ("geselecteerd", "casusregisseur", "incidenteel"))
        | _in(("aangemeld",), ("procesregisseur",))
        | _in(("afgesloten", *AFGEWEZEN), AANGEWEZEN)
    ),
    A.INTAKE: _in(OPEN, GVV_ALLE) | _in(OPEN, ("procesregisseur",)),
    A.DEFINITIEVE_BEOORDELING: _in(OPEN, GVV_ALLE),
    A.DEELNEMERS_SELECTEREN: _in(ALLE, GVV_ALLE),
    A.AFSLUITEN: _in(ALLE, GVV_ALLE),
    A.PRIORITERINGSLIJST_PLAATSEN: _in(ALLE, GVV_ALLE),
    A.VERLENGEN: _in(ALLE, GVV_ALLE),
    A.GEGEVENS_VERZOEKEN: _in(OPEN, GVV_ALLE),
    A.PLAN_VASTSTELLEN: _in(OPEN, GVV_ALLE),
    A.VERKLARING_ONDERTEKENEN: _in(("in-behandeling",), ("incidenteel", "incidenteel-collega")),
    A.HEROPENEN: _in(ALLE, ("beheerder",)),
    A.GEGEVENSVERZOEKEN_LEZEN: (
        _in(VOOR, GVV_ALLE)
        | _in(ALLE, ("fg-toezicht",))
        | _in(OPEN, ("gevraagd",))
        | _in(("afgesloten", *AFGEWEZEN), AANGEWEZEN)
    ),
    A.GEGEVENS_VERSTREKKEN: (
        _in(OPEN, GVV_ALLE)
        | _in(OPEN, ("gevraagd",))
        | _in(("in-behandeling",), ("geselecteerd", "casusregisseur", "incidenteel"))
    ),
    A.GEGEVENS_LEZEN: set(),  # filled in below: every reader, and the asked participant
    A.CORRECTIE_MELDEN: set(),
    A.GEGEVENS_CORRIGEREN: _in(OPEN, VAST) | _in(("in-behandeling",), ("incidenteel",)),
    A.CASUSOVERLEG_VASTLEGGEN: _in(OPEN, GVV_ALLE) | _in(("in-behandeling",), ("casusregisseur",)),
    A.CASUSOVERLEG_LEZEN: (
        _in(VOOR, GVV_ALLE)
        | _in(ALLE, ("fg-toezicht",))
        | _in(("in-behandeling",), DEELNEMERS)
        | _in(("afgesloten", *AFGEWEZEN), AANGEWEZEN)
    ),
    A.PLAN_LEZEN: (
        _in(OPEN, GVV_ALLE)
        | _in(ALLE, ("fg-toezicht",))
        | _in(("in-behandeling",), DEELNEMERS)
        | _in(("afgesloten", *AFGEWEZEN), AANGEWEZEN)
    ),
    A.INFORMATIEPLICHT_LEZEN: (
        _in(VOOR, GVV_ALLE)
        | _in(ALLE, ("fg-toezicht", "contactpunt"))
        | _in(("afgesloten", *AFGEWEZEN), AANGEWEZEN)
    ),
    A.INFORMATIEPLICHT_VASTLEGGEN: _in(ALLE, ("contactpunt",)),
    # Whether the caller's organisation invoked the art. 41 UAVG exception is checked with
    # the duty itself: every fixed participant passes the case policy (issue 12).
    A.INFORMATIEPLICHT_OPHEFFEN: _in(
        ALLE, tuple(k for k, c in CALLERS.items() if c.is_vaste_deelnemer)
    ),
    A.BEWAARTERMIJN_LEZEN: _in(ALLE, GVV_ALLE),
    # Consent concerns the supplier's own data, also after closure (situation 2 extensions);
    # an incidental participant still invited, by the person who signed.
    A.INSTEMMEN: _in(ALLE, VAST) | _in(("in-behandeling", "afgesloten"), ("incidenteel",)),
}
ALLOWED[A.GEGEVENS_LEZEN].update(ALLOWED[A.LEZEN] | _in(OPEN, ("gevraagd",)))
# Reporting an error: whoever takes part and may read supplied data, while the case is open.
ALLOWED[A.CORRECTIE_MELDEN].update({(s, k) for s, k in ALLOWED[A.GEGEVENS_LEZEN] if s in OPEN})


def test_every_action_has_expectations() -> None:
    assert set(ALLOWED) == set(POLICY) == set(CasusActie)


CASES = [(actie, stage, kind) for actie in CasusActie for stage in STAGES for kind in CALLERS]


@pytest.mark.parametrize(
    ("actie", "stage", "kind"), CASES, ids=[f"{a.value}-{s}-{k}" for a, s, k in CASES]
)
def test_policy(actie: CasusActie, stage: str, kind: str) -> None:
    rule, _ = POLICY[actie]
    assert rule(CALLERS[kind], STAGES[stage]) is ((stage, kind) in ALLOWED[actie])


# --- What each reader sees (the contract's who-sees-what table) ---------------------------

ZONDER_INHOUD = {
    O_.BETROKKENE,
    O_.BSN,
    O_.AANMELDING,
    O_.VERSTREKKINGEN,
    O_.CASUSOVERLEGGEN,
    O_.EIGEN_CASUSOVERLEGGEN,
    O_.PLAN_VAN_AANPAK,
    O_.EIGEN_PLAN_VAN_AANPAK,
}


@pytest.mark.parametrize(
    ("stage", "kind", "weergave", "toont", "toont_niet"),
    [
        # A joint controller sees the whole case until the participants are selected.
        ("gegevensverzameling", "gvv", Weergave.VOLLEDIG, set(Onderdeel), set()),
        # issue-10: "every government participant sees every open case in full".
        (
            "in-behandeling",
            "gvv",
            Weergave.VERANTWOORDELIJKE,
            {O_.STATUS, O_.BEOORDELINGEN, O_.SELECTIE, O_.BEWAARTERMIJN, O_.PLAN_OPZET},
            ZONDER_INHOUD,
        ),
        # Selected as well: its part as a participant on top of the controller's view.
        (
            "in-behandeling",
            "gvv-geselecteerd",
            Weergave.DEELNEMER,
            {O_.BETROKKENE, O_.VERSTREKKINGEN, O_.SELECTIE, O_.EIGEN_PLAN_VAN_AANPAK},
            {O_.BSN, O_.AANMELDING, O_.CASUSOVERLEGGEN, O_.PLAN_VAN_AANPAK},
        ),
        (
            "in-behandeling",
            "geselecteerd",
            Weergave.DEELNEMER,
            {O_.BETROKKENE, O_.EIGEN_SELECTIE, O_.VERSTREKKINGEN},
            {O_.BSN, O_.AANMELDING, O_.SELECTIE, O_.BEWAARTERMIJN, O_.GEBEURTENISSEN},
        ),
        (
            "in-behandeling",
            "aanmelder",
            Weergave.AANMELDER,
            {O_.BETROKKENE, O_.BSN, O_.AANMELDING},
            {O_.VERSTREKKINGEN, O_.BEOORDELINGEN, O_.SELECTIE},
        ),
        ("in-behandeling", "incidenteel", Weergave.DEELNEMER, {O_.VERSTREKKINGEN}, {O_.BSN}),
        ("afgesloten", "archiefbeheerder", Weergave.VOLLEDIG, set(Onderdeel), set()),
        ("afgesloten", "fg-toezicht", Weergave.TOEZICHT, set(Onderdeel), set()),
        ("in-behandeling", "fg-toezicht", Weergave.TOEZICHT, set(Onderdeel), set()),
        ("intake-afgewezen", "aanmelder", Weergave.AANMELDER, {O_.AANMELDING}, {O_.BEOORDELINGEN}),
        ("aangemeld", "procesregisseur", Weergave.AANMELDER, {O_.AANMELDING}, {O_.BEOORDELINGEN}),
    ],
)
def test_views(
    stage: str, kind: str, weergave: Weergave, toont: set[Onderdeel], toont_niet: set[Onderdeel]
) -> None:
    view = zicht(CALLERS[kind], STAGES[stage])
    assert view is not None
    assert view.weergave is weergave
    assert toont <= view.onderdelen
    assert not (toont_niet & view.onderdelen)


def test_a_registering_joint_controller_keeps_its_registration_after_selection() -> None:
    politie = replace(GESELECTEERD, aanmelder="politie", geselecteerd=frozenset({"ggz"}))
    view = zicht(CALLERS["gvv-geselecteerd"], politie)
    assert view is not None
    assert view.hoedanigheden == {H.VERANTWOORDELIJKE, H.AANMELDER}
    assert {O_.AANMELDING, O_.BSN, O_.SELECTIE} <= view.onderdelen
    assert O_.VERSTREKKINGEN not in view.onderdelen


@pytest.mark.parametrize("stage", ALLE)
def test_the_coordinating_fg_needs_a_reason(stage: str) -> None:
    zonder = replace(CALLERS["fg-toezicht"], reden=None)
    view = zicht(zonder, STAGES[stage])
    # Without a reason it is just a person of its organisation (a joint controller here).
    assert view is None or H.TOEZICHT not in view.hoedanigheden


def test_an_fg_elsewhere_supervises_nothing() -> None:
    for kind in ("fg-andere-gvv", "fg-privaat"):
        assert CALLERS[kind].reden == "Audit."
        assert not CALLERS[kind].houdt_toezicht
        assert zicht(CALLERS[kind], STAGES["afgesloten"]) is None


# --- Issue 10's reproductions at the level of the policy ----------------------------------


@pytest.mark.parametrize(
    "kind",
    ["beheerder-privaat", "archiefbeheerder-privaat", "contactpunt-privaat", "beheerder-overheid"],
)
def test_issue_10_a_claimed_designated_role_reads_no_closed_case(kind: str) -> None:
    for stage in ("afgesloten", *AFGEWEZEN):
        assert zicht(CALLERS[kind], STAGES[stage]) is None


def test_issue_10_a_removed_or_unsigned_incidental_person_reads_nothing() -> None:
    verwijderd = replace(GESELECTEERD, uitgenodigd_incidenteel=frozenset())
    assert zicht(CALLERS["incidenteel"], verwijderd) is None
    assert zicht(CALLERS["incidenteel-collega"], GESELECTEERD) is None
    assert zicht(CALLERS["incidenteel"], GESELECTEERD) is not None


def test_issue_10_a_claimed_beheerder_manages_nothing() -> None:
    for actie in (Actie.DEELNEMERS_BEHEREN, Actie.INSTELLINGEN_BEHEREN):
        authorize(CALLERS["beheerder"], actie)
        for kind in ("beheerder-privaat", "beheerder-overheid", "gvv"):
            with pytest.raises(AccessDenied):
                authorize(CALLERS[kind], actie)


def test_issue_10_a_designation_moves_the_roles() -> None:
    anders = Aanwijzingen(beheerder="politie", archiefbeheerder="om", contactpunt="gemeente-zeist")
    utrecht = replace(CALLERS["beheerder"], aanwijzingen=anders)
    politie = replace(caller("politie", "beheerder"), aanwijzingen=anders)
    afgesloten = STAGES["afgesloten"]
    assert zicht(utrecht, afgesloten) is None
    assert zicht(politie, afgesloten) is not None
    assert POLICY[A.HEROPENEN][0](politie, afgesloten)
    assert not POLICY[A.HEROPENEN][0](utrecht, afgesloten)


def test_incidental_roles_count_for_nothing() -> None:
    fake = caller("cjib", "beheerder", "contactpunt", "archiefbeheerder", sub="ondertekenaar")
    assert fake.claims.rollen
    assert not any(fake.has_rol(r) for r in fake.claims.rollen)


def test_supervision_only_reads() -> None:
    """A coordinating FG at a participant that is nothing else to the case only reads."""
    fg = replace(
        caller("ggz", "functionaris-gegevensbescherming", reden="Klacht."),
        aanwijzingen=replace(AANWIJZINGEN, coordinerende_fg="ggz"),
    )
    basis = STAGES["in-behandeling-voor-selectie"]
    assert POLICY[A.LEZEN][0](fg, basis)
    assert POLICY[A.GEGEVENS_LEZEN][0](fg, basis)
    for actie in (A.CORRECTIE_MELDEN, A.GEGEVENS_VERSTREKKEN, A.INTAKE, A.CASUSOVERLEG_VASTLEGGEN):
        assert not POLICY[actie][0](fg, basis)
