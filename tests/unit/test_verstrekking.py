"""Who may read supplied data under the supplier's conditions (art. 2.29 lid 3 WGS)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.verstrekking import (
    GEEN_VOORWAARDEN,
    Lezer,
    Lezersrol,
    Voorwaarden,
    conflicting_conditions,
    may_read,
    sees_correction_request,
    sees_history,
)

R = Lezersrol
NIET_INCIDENTEEL = Voorwaarden(niet_voor_incidentele_deelnemers=True)
ALLEEN_SVG = Voorwaarden(alleen_voor_deelnemers=frozenset({"svg"}))
NIEMAND = Voorwaarden(alleen_voor_deelnemers=frozenset())
NIET_AAN_DERDEN = Voorwaarden(niet_aan_derden=True)


@pytest.mark.parametrize(
    ("lezer", "voorwaarden", "expected"),
    [
        # Issue 10: the conditions bind the joint controllers (and administrators and
        # archivists) too; only the supplier and the supervising coordinating FG are free.
        (Lezer("gemeente-utrecht", R.VERANTWOORDELIJK), NIEMAND, False),
        (Lezer("dji", R.VERANTWOORDELIJK), ALLEEN_SVG, False),
        (Lezer("dji", R.VERANTWOORDELIJK), GEEN_VOORWAARDEN, True),
        (Lezer("gemeente-utrecht", R.TOEZICHT), NIEMAND, True),
        (Lezer("dji", R.OVERIG), GEEN_VOORWAARDEN, False),
        (Lezer("om", R.OVERIG), NIEMAND, True),  # the supplier, even when not selected
        (Lezer("svg", R.GESELECTEERD), GEEN_VOORWAARDEN, True),
        (Lezer("svg", R.GESELECTEERD), ALLEEN_SVG, True),
        (Lezer("reclassering-nederland", R.GESELECTEERD), ALLEEN_SVG, False),
        (Lezer("svg", R.GESELECTEERD), NIEMAND, False),
        (Lezer("svg", R.GESELECTEERD), NIET_INCIDENTEEL, True),
        (Lezer("cjib", R.INCIDENTEEL), GEEN_VOORWAARDEN, True),
        (Lezer("cjib", R.INCIDENTEEL), NIET_INCIDENTEEL, False),
        (Lezer("cjib", R.INCIDENTEEL), ALLEEN_SVG, False),
        (
            Lezer("cjib", R.INCIDENTEEL),
            Voorwaarden(alleen_voor_deelnemers=frozenset({"cjib"})),
            True,
        ),
        # Incidental participants are no third parties (art. 2.31 lid 10 WGS).
        (Lezer("cjib", R.INCIDENTEEL), NIET_AAN_DERDEN, True),
        (Lezer("politie", R.OVERIG), GEEN_VOORWAARDEN, False),
    ],
)
def test_may_read(lezer: Lezer, voorwaarden: Voorwaarden, expected: bool) -> None:
    assert may_read(lezer, "om", voorwaarden) is expected


rollen = st.sampled_from(list(Lezersrol))
namen = st.sampled_from(["om", "svg", "cjib", "ggz"])
voorwaarden = st.builds(
    Voorwaarden,
    niet_voor_incidentele_deelnemers=st.booleans(),
    alleen_voor_deelnemers=st.none() | st.frozensets(namen),
    niet_aan_derden=st.booleans(),
)


@given(lezer=st.builds(Lezer, namen, rollen), extra=voorwaarden)
def test_a_condition_never_widens_what_is_seen(lezer: Lezer, extra: Voorwaarden) -> None:
    if may_read(lezer, "om", extra):
        assert may_read(lezer, "om", GEEN_VOORWAARDEN)


@given(rol=rollen, extra=voorwaarden)
def test_the_supplier_always_sees_its_own(rol: Lezersrol, extra: Voorwaarden) -> None:
    assert may_read(Lezer("om", rol), "om", extra)


def test_history_and_correction_requests() -> None:
    assert sees_history(Lezer("om", R.OVERIG), "om")
    assert sees_history(Lezer("politie", R.VERANTWOORDELIJK), "om")
    assert sees_history(Lezer("gemeente-utrecht", R.TOEZICHT), "om")
    assert not sees_history(Lezer("svg", R.GESELECTEERD), "om")
    assert sees_correction_request(Lezer("svg", R.GESELECTEERD), "om", "svg")
    assert not sees_correction_request(Lezer("ggz", R.GESELECTEERD), "om", "svg")


def test_naming_an_incidental_participant_contradicts_excluding_them() -> None:
    both = Voorwaarden(
        niet_voor_incidentele_deelnemers=True, alleen_voor_deelnemers=frozenset({"cjib", "svg"})
    )
    assert conflicting_conditions(both, frozenset({"cjib"})) == {"cjib"}
    assert conflicting_conditions(ALLEEN_SVG, frozenset({"svg"})) == frozenset()
