"""The case aggregate: its decisions move it only as the state machine allows, a closed
case comes back only by reopening, and each decision records what the rest must follow."""

from datetime import date

import pytest

from app.domain.casus import Casus, Casusstatus, Intakebesluit
from app.domain.criteria import Criteriumuitkomst, Fase, Reden, Toetsingsuitkomst
from app.domain.errors import Conflict, InvalidInput, InvalidTransition
from app.domain.events import CasusToegelaten, CasusVerlietProces

S = Casusstatus
VANDAAG = date(2026, 3, 1)
VOLDAAN = Criteriumuitkomst(voldaan=True, redenen=(), toelichting="Voldaan.")


def uitkomst(*, toelaatbaar: bool = True) -> Toetsingsuitkomst:
    a = (
        VOLDAAN
        if toelaatbaar
        else Criteriumuitkomst(False, (Reden.A_MATE_NIET_VOLDAAN,), "Niet voldaan.")
    )
    return Toetsingsuitkomst(Fase.INTAKE, toelaatbaar, "", a, VOLDAAN, VOLDAAN, VOLDAAN)


def casus(
    status: Casusstatus = S.AANGEMELD,
    *,
    afsluitdatum: date | None = None,
    maximale_bewaardatum: date | None = None,
) -> Casus:
    return Casus(
        id="c-1",
        status=status,
        aanmelddatum=date(2026, 1, 5),
        afsluitdatum=afsluitdatum,
        maximale_bewaardatum=maximale_bewaardatum,
    )


@pytest.mark.parametrize(
    ("status", "besluit", "definitief", "target", "events"),
    [
        (S.AANGEMELD, Intakebesluit.TOEGELATEN, False, S.GEGEVENSVERZAMELING, [CasusToegelaten("c-1")]),
        (S.AANGEMELD, Intakebesluit.AFGEWEZEN, False, S.INTAKE_AFGEWEZEN, [CasusVerlietProces("c-1", S.INTAKE_AFGEWEZEN)]),
        (S.GEGEVENSVERZAMELING, Intakebesluit.TOEGELATEN, True, S.IN_BEHANDELING, []),
        (S.GEGEVENSVERZAMELING, Intakebesluit.AFGEWEZEN, True, S.AFGEWEZEN, [CasusVerlietProces("c-1", S.AFGEWEZEN)]),
    ],
)  # fmt: skip
def test_decisions_move_the_case_and_record_events(
    status: Casusstatus,
    besluit: Intakebesluit,
    definitief: bool,
    target: Casusstatus,
    events: list[object],
) -> None:
    c = casus(status)
    c.decide(besluit, uitkomst(), definitief=definitief, vandaag=VANDAAG)
    assert c.status is target
    assert c.events == events
    rejected = besluit is Intakebesluit.AFGEWEZEN
    assert c.afwijzingsdatum == (VANDAAG if rejected else None)


def test_admission_needs_the_criteria_and_changes_nothing_without() -> None:
    c = casus()
    with pytest.raises(InvalidInput) as refused:
        c.decide(Intakebesluit.TOEGELATEN, uitkomst(toelaatbaar=False), definitief=False, vandaag=VANDAAG)  # fmt: skip
    assert [(p.name, p.code) for p in refused.value.problems] == [
        ("criteria.a", "a.mate-niet-voldaan")
    ]
    assert (c.status, c.events) == (S.AANGEMELD, [])
    # Rejecting never needs the criteria.
    c.decide(Intakebesluit.AFGEWEZEN, uitkomst(toelaatbaar=False), definitief=False, vandaag=VANDAAG)  # fmt: skip
    assert c.status is S.INTAKE_AFGEWEZEN


@pytest.mark.parametrize("status", [S.AANGEMELD, S.IN_BEHANDELING, S.AFGESLOTEN, S.AFGEWEZEN])
def test_the_definitive_assessment_only_after_intake(status: Casusstatus) -> None:
    c = casus(status)
    with pytest.raises(InvalidTransition):
        c.decide(Intakebesluit.TOEGELATEN, uitkomst(), definitief=True, vandaag=VANDAAG)
    assert (c.status, c.events) == (status, [])


def test_closing_records_that_the_case_left_the_process() -> None:
    c = casus(S.IN_BEHANDELING)
    c.close(date(2026, 2, 1), vandaag=VANDAAG)
    assert (c.status, c.afsluitdatum) == (S.AFGESLOTEN, date(2026, 2, 1))
    assert c.events == [CasusVerlietProces("c-1", S.AFGESLOTEN)]


@pytest.mark.parametrize(
    ("datum", "codes"),
    [
        (date(2026, 1, 4), ["datum-voor-aanmelddatum"]),
        (date(2026, 3, 2), ["datum-in-toekomst"]),
    ],
)
def test_a_closure_date_between_registration_and_today(datum: date, codes: list[str]) -> None:
    c = casus(S.IN_BEHANDELING)
    with pytest.raises(InvalidInput) as refused:
        c.close(datum, vandaag=VANDAAG)
    assert [p.code for p in refused.value.problems] == codes
    assert (c.status, c.events) == (S.IN_BEHANDELING, [])


@pytest.mark.parametrize("status", [S.AANGEMELD, S.GEGEVENSVERZAMELING, S.AFGESLOTEN, S.AFGEWEZEN])
def test_only_a_case_in_treatment_is_closed(status: Casusstatus) -> None:
    with pytest.raises(InvalidTransition):
        casus(status).close(date(2026, 2, 1), vandaag=VANDAAG)


@pytest.mark.parametrize("definitief", [False, True])
@pytest.mark.parametrize("besluit", list(Intakebesluit))
def test_no_decision_revives_a_closed_case(besluit: Intakebesluit, definitief: bool) -> None:
    c = casus(S.AFGESLOTEN, afsluitdatum=date(2026, 2, 1))
    with pytest.raises(InvalidTransition):
        c.decide(besluit, uitkomst(), definitief=definitief, vandaag=VANDAAG)
    assert (c.status, c.afsluitdatum, c.events) == (S.AFGESLOTEN, date(2026, 2, 1), [])


def test_reopening_clears_the_closure() -> None:
    c = casus(S.AFGESLOTEN, afsluitdatum=date(2026, 2, 1), maximale_bewaardatum=date(2031, 1, 5))
    c.reopen(vandaag=VANDAAG)
    assert (c.status, c.afsluitdatum, c.events) == (S.IN_BEHANDELING, None, [])


def test_a_case_past_its_maximum_date_is_never_reopened() -> None:
    c = casus(S.AFGESLOTEN, afsluitdatum=date(2026, 2, 1), maximale_bewaardatum=date(2026, 2, 28))
    with pytest.raises(Conflict) as refused:
        c.reopen(vandaag=VANDAAG)
    assert (refused.value.code, c.status) == ("maximale-bewaardatum-verstreken", S.AFGESLOTEN)
    # On the maximum date itself it may still come back.
    c.reopen(vandaag=date(2026, 2, 28))
    assert c.status == S.IN_BEHANDELING


@pytest.mark.parametrize("status", [S.AANGEMELD, S.IN_BEHANDELING, S.INTAKE_AFGEWEZEN, S.AFGEWEZEN])
def test_only_a_closed_case_is_reopened(status: Casusstatus) -> None:
    with pytest.raises(InvalidTransition):
        casus(status).reopen(vandaag=VANDAAG)
