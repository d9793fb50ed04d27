"""Art. 2.20 BGS: every criterion's pass and fail paths, each reason code, both phases."""

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.criteria import (
    Betreft,
    Criteria,
    CriteriumA,
    CriteriumB,
    CriteriumC,
    CriteriumD,
    Criteriumuitkomst,
    Domein,
    Fase,
    Gevolg,
    Leefgebied,
    Mate,
    Reden,
    Tijd,
    stored_uitkomst,
)
from app.rules.criteria import assess_a, assess_b, assess_c, assess_criteria, assess_d
from app.schemas.criteria import Toetsingsuitkomst

A = CriteriumA(Mate.VOLDAAN, (Betreft.BETROKKENE,), "Meerdere meldingen van huiselijk geweld.")
B = CriteriumB(
    Mate.VOLDAAN,
    (Leefgebied.HUISVESTING, Leefgebied.MIDDELENGEBRUIK),
    True,
    "Dakloos sinds 2024; verslaafd aan harddrugs.",
)
C = CriteriumC(
    Mate.VOLDAAN, (Gevolg.CRIMINALITEIT,), Tijd.HEEFT_GELEID, None, "Drie veroordelingen."
)
D = CriteriumD(Mate.VOLDAAN, (Domein.ZORG, Domein.VEILIGHEID), "GGZ en politie nodig.")
ALL_MET = Criteria(A, B, C, D)

NOT_MET_MATES = [Mate.DEELS, Mate.NIET_VOLDAAN, Mate.ONBEKEND]
BLANK = ["", " ", "\t\n  "]


def test_all_met_is_admissible() -> None:
    result = assess_criteria(ALL_MET, Fase.DEFINITIEF)
    assert result.toelaatbaar is True
    for uitkomst in (result.a, result.b, result.c, result.d):
        assert uitkomst.voldaan is True
        assert uitkomst.redenen == ()
        assert uitkomst.toelichting.startswith("Voldaan (art. 2.20 lid 1 onder ")


@pytest.mark.parametrize("fase", list(Fase))
def test_phase_is_recorded_with_the_result(fase: Fase) -> None:
    assert assess_criteria(ALL_MET, fase).fase is fase


def test_phase_changes_the_explanation_not_the_outcome() -> None:
    failing = replace(ALL_MET, d=replace(D, domeinen=(Domein.ZORG,)))
    intake = assess_criteria(failing, Fase.INTAKE)
    definitief = assess_criteria(failing, Fase.DEFINITIEF)
    assert intake.toelaatbaar is definitief.toelaatbaar is False
    assert intake.d == definitief.d
    assert intake.toelichting.startswith("Intake (art. 2.31 lid 2 WGS)")
    assert "aannemelijk" in intake.toelichting
    assert definitief.toelichting.startswith("Definitieve beoordeling")
    assert "niet voldaan: d" in intake.toelichting
    assert "niet voldaan: d" in definitief.toelichting
    assert "aannemelijk" in assess_criteria(ALL_MET, Fase.INTAKE).toelichting


@pytest.mark.parametrize(
    ("letter", "criteria"),
    [
        ("a", replace(ALL_MET, a=replace(A, betreft=()))),
        ("b", replace(ALL_MET, b=replace(B, criminogene_factoren=False))),
        ("c", replace(ALL_MET, c=replace(C, gevolgen=()))),
        ("d", replace(ALL_MET, d=replace(D, domeinen=()))),
    ],
)
@pytest.mark.parametrize("fase", list(Fase))
def test_one_failing_criterion_makes_the_case_inadmissible(
    letter: str, criteria: Criteria, fase: Fase
) -> None:
    result = assess_criteria(criteria, fase)
    assert result.toelaatbaar is False
    outcomes = {"a": result.a, "b": result.b, "c": result.c, "d": result.d}
    assert [k for k, v in outcomes.items() if not v.voldaan] == [letter]
    assert f"niet voldaan: {letter})" in result.toelichting


# --- the common conditions: mate voldaan and a non-blank onderbouwing ---------------------


def _changed(letter: str, **changes: object) -> Criteria:
    """ALL_MET with one criterion changed."""
    return replace(ALL_MET, **{letter: replace(getattr(ALL_MET, letter), **changes)})


def _outcome(criteria: Criteria, letter: str) -> Criteriumuitkomst:
    uitkomst: Criteriumuitkomst = getattr(assess_criteria(criteria, Fase.INTAKE), letter)
    return uitkomst


@pytest.mark.parametrize("letter", "abcd")
@pytest.mark.parametrize("mate", NOT_MET_MATES)
def test_only_mate_voldaan_counts(letter: str, mate: Mate) -> None:
    uitkomst = _outcome(_changed(letter, mate=mate), letter)
    assert uitkomst.voldaan is False
    assert uitkomst.redenen == (Reden(f"{letter}.mate-niet-voldaan"),)
    assert uitkomst.toelichting.startswith(f"Niet voldaan (art. 2.20 lid 1 onder {letter} BGS)")


@pytest.mark.parametrize("letter", "abcd")
@pytest.mark.parametrize("onderbouwing", BLANK)
def test_blank_onderbouwing_fails(letter: str, onderbouwing: str) -> None:
    uitkomst = _outcome(_changed(letter, onderbouwing=onderbouwing), letter)
    assert uitkomst.voldaan is False
    assert uitkomst.redenen == (Reden(f"{letter}.onderbouwing-ontbreekt"),)
    assert "art. 2.20 lid 3 BGS" in uitkomst.toelichting


def test_every_failure_is_listed_not_just_the_first() -> None:
    uitkomst = assess_c(CriteriumC(Mate.ONBEKEND, (), Tijd.ZOU_LEIDEN, "  ", ""))
    assert uitkomst.redenen == (
        Reden.C_MATE_NIET_VOLDAAN,
        Reden.C_ONDERBOUWING_ONTBREEKT,
        Reden.C_GEVOLG_ONTBREEKT,
        Reden.C_OBJECTIEVE_AANWIJZINGEN_ONTBREKEN,
    )
    assert "'onbekend'" in uitkomst.toelichting
    assert "objectieve aanwijzingen" in uitkomst.toelichting


# --- a: the data subject or the family situation ------------------------------------------


@pytest.mark.parametrize(
    "betreft",
    [
        (Betreft.BETROKKENE,),
        (Betreft.GEZINSSITUATIE,),
        (Betreft.GEZINSSITUATIE, Betreft.BETROKKENE),
    ],
)
def test_a_met_with_either_subject(betreft: tuple[Betreft, ...]) -> None:
    assert assess_a(replace(A, betreft=betreft)).voldaan is True


def test_a_needs_a_subject() -> None:
    uitkomst = assess_a(replace(A, betreft=()))
    assert uitkomst.redenen == (Reden.A_BETREFT_ONTBREEKT,)
    assert "gezinssituatie" in uitkomst.toelichting


# --- b: at least two distinct life domains, with criminogenic factors ---------------------


@pytest.mark.parametrize(
    ("leefgebieden", "voldaan"),
    [
        ((), False),
        ((Leefgebied.JUSTITIE,), False),
        ((Leefgebied.FINANCIEN, Leefgebied.FINANCIEN), False),
        ((Leefgebied.FINANCIEN, Leefgebied.FINANCIEN, Leefgebied.FINANCIEN), False),
        ((Leefgebied.FINANCIEN, Leefgebied.JUSTITIE), True),
        ((Leefgebied.FINANCIEN, Leefgebied.FINANCIEN, Leefgebied.JUSTITIE), True),
        (tuple(Leefgebied), True),
    ],
)
def test_b_counts_distinct_leefgebieden(
    leefgebieden: tuple[Leefgebied, ...], voldaan: bool
) -> None:
    uitkomst = assess_b(replace(B, leefgebieden=leefgebieden))
    assert uitkomst.voldaan is voldaan
    assert uitkomst.redenen == (() if voldaan else (Reden.B_TE_WEINIG_LEEFGEBIEDEN,))


def test_b_needs_criminogenic_factors() -> None:
    uitkomst = assess_b(replace(B, criminogene_factoren=False))
    assert uitkomst.redenen == (Reden.B_GEEN_CRIMINOGENE_FACTOREN,)
    assert "criminogene factoren" in uitkomst.toelichting


def test_b_lists_both_structural_failures() -> None:
    uitkomst = assess_b(
        replace(B, leefgebieden=(Leefgebied.HUISVESTING,), criminogene_factoren=False)
    )
    assert uitkomst.redenen == (Reden.B_TE_WEINIG_LEEFGEBIEDEN, Reden.B_GEEN_CRIMINOGENE_FACTOREN)


# --- c: a consequence, a time, and objective indications for a prediction -----------------


@pytest.mark.parametrize("gevolg", list(Gevolg))
@pytest.mark.parametrize("tijd", [Tijd.LEIDT, Tijd.HEEFT_GELEID])
def test_c_met_for_present_and_past(gevolg: Gevolg, tijd: Tijd) -> None:
    assert assess_c(replace(C, gevolgen=(gevolg,), tijd=tijd)).voldaan is True


def test_c_needs_a_consequence() -> None:
    assert assess_c(replace(C, gevolgen=())).redenen == (Reden.C_GEVOLG_ONTBREEKT,)


def test_c_needs_a_time() -> None:
    uitkomst = assess_c(replace(C, tijd=None))
    assert uitkomst.redenen == (Reden.C_TIJD_ONTBREEKT,)


@pytest.mark.parametrize("aanwijzingen", [None, *BLANK])
def test_c_prediction_needs_objective_indications(aanwijzingen: str | None) -> None:
    uitkomst = assess_c(replace(C, tijd=Tijd.ZOU_LEIDEN, objectieve_aanwijzingen=aanwijzingen))
    assert uitkomst.voldaan is False
    assert uitkomst.redenen == (Reden.C_OBJECTIEVE_AANWIJZINGEN_ONTBREKEN,)


def test_c_prediction_with_objective_indications_is_met() -> None:
    uitkomst = assess_c(
        replace(C, tijd=Tijd.ZOU_LEIDEN, objectieve_aanwijzingen="Dreigende taal op 3 mei.")
    )
    assert uitkomst.voldaan is True


# --- d: at least two distinct domains -----------------------------------------------------


@pytest.mark.parametrize(
    ("domeinen", "voldaan"),
    [
        ((), False),
        ((Domein.SOCIAAL,), False),
        ((Domein.ZORG, Domein.ZORG), False),
        ((Domein.ZORG, Domein.SOCIAAL), True),
        ((Domein.VEILIGHEID, Domein.VEILIGHEID, Domein.SOCIAAL), True),
        (tuple(Domein), True),
    ],
)
def test_d_counts_distinct_domeinen(domeinen: tuple[Domein, ...], voldaan: bool) -> None:
    uitkomst = assess_d(replace(D, domeinen=domeinen))
    assert uitkomst.voldaan is voldaan
    assert uitkomst.redenen == (() if voldaan else (Reden.D_TE_WEINIG_DOMEINEN,))


# --- properties ---------------------------------------------------------------------------

criteria_strategy = st.builds(
    Criteria,
    a=st.builds(
        CriteriumA,
        mate=st.sampled_from(Mate),
        betreft=st.lists(st.sampled_from(Betreft), max_size=3).map(tuple),
        onderbouwing=st.sampled_from(["", " ", "Onderbouwd."]),
    ),
    b=st.builds(
        CriteriumB,
        mate=st.sampled_from(Mate),
        leefgebieden=st.lists(st.sampled_from(Leefgebied), max_size=4).map(tuple),
        criminogene_factoren=st.booleans(),
        onderbouwing=st.sampled_from(["", "Onderbouwd."]),
    ),
    c=st.builds(
        CriteriumC,
        mate=st.sampled_from(Mate),
        gevolgen=st.lists(st.sampled_from(Gevolg), max_size=3).map(tuple),
        tijd=st.none() | st.sampled_from(Tijd),
        objectieve_aanwijzingen=st.sampled_from([None, "", "Aanwijzing."]),
        onderbouwing=st.sampled_from(["", "Onderbouwd."]),
    ),
    d=st.builds(
        CriteriumD,
        mate=st.sampled_from(Mate),
        domeinen=st.lists(st.sampled_from(Domein), max_size=4).map(tuple),
        onderbouwing=st.sampled_from(["\n", "Onderbouwd."]),
    ),
)


@given(criteria_strategy, st.sampled_from(Fase))
def test_admissible_iff_all_met_and_met_iff_no_reasons(criteria: Criteria, fase: Fase) -> None:
    result = assess_criteria(criteria, fase)
    outcomes = (result.a, result.b, result.c, result.d)
    assert result.toelaatbaar == all(u.voldaan for u in outcomes)
    for letter, uitkomst in zip("abcd", outcomes, strict=True):
        assert uitkomst.voldaan == (uitkomst.redenen == ())
        assert all(r.value.startswith(f"{letter}.") for r in uitkomst.redenen)
        assert len(set(uitkomst.redenen)) == len(uitkomst.redenen)


@given(criteria_strategy, st.sampled_from(Fase))
def test_met_implies_the_contract_minimums(criteria: Criteria, fase: Fase) -> None:
    """An independent restatement of the contract: a weakened rule breaks this."""
    result = assess_criteria(criteria, fase)
    a, b, c, d = criteria.a, criteria.b, criteria.c, criteria.d
    # "aannemelijk" is the intake's level of proof (art. 2.31 lid 2 WGS).
    met = {"voldaan", "aannemelijk"} if fase == "intake" else {"voldaan"}
    expected = {
        "a": a.mate in met and a.onderbouwing.strip() != "" and len(a.betreft) >= 1,
        "b": b.mate in met
        and b.onderbouwing.strip() != ""
        and len(set(b.leefgebieden)) >= 2
        and b.criminogene_factoren,
        "c": c.mate in met
        and c.onderbouwing.strip() != ""
        and len(c.gevolgen) >= 1
        and c.tijd is not None
        and (c.tijd != "zou-leiden" or (c.objectieve_aanwijzingen or "").strip() != ""),
        "d": d.mate in met and d.onderbouwing.strip() != "" and len(set(d.domeinen)) >= 2,
    }
    assert result.a.voldaan is expected["a"]
    assert result.b.voldaan is expected["b"]
    assert result.c.voldaan is expected["c"]
    assert result.d.voldaan is expected["d"]
    assert result.toelaatbaar is all(expected.values())


def test_every_reason_code_is_reachable() -> None:
    """Each Reden is produced by some input; a code no rule can produce is dead."""
    seen: set[Reden] = set()
    for letter in "abcd":
        seen.update(_outcome(_changed(letter, mate=Mate.DEELS, onderbouwing=""), letter).redenen)
        definitief = assess_criteria(_changed(letter, mate=Mate.AANNEMELIJK), Fase.DEFINITIEF)
        seen.update(getattr(definitief, letter).redenen)
    seen.update(assess_a(replace(A, betreft=())).redenen)
    seen.update(assess_b(replace(B, leefgebieden=(), criminogene_factoren=False)).redenen)
    seen.update(assess_c(replace(C, gevolgen=(), tijd=None)).redenen)
    seen.update(assess_c(replace(C, tijd=Tijd.ZOU_LEIDEN)).redenen)
    seen.update(assess_d(replace(D, domeinen=())).redenen)
    assert seen == set(Reden)


# --- the intake's level: "voldoende aannemelijk" (art. 2.31 lid 2 WGS) ------------------

AANNEMELIJK = Criteria(
    replace(A, mate=Mate.AANNEMELIJK),
    replace(B, mate=Mate.AANNEMELIJK),
    replace(C, mate=Mate.AANNEMELIJK),
    replace(D, mate=Mate.AANNEMELIJK),
)


def test_plausible_admits_at_intake() -> None:
    result = assess_criteria(AANNEMELIJK, Fase.INTAKE)
    assert result.toelaatbaar is True
    for uitkomst in (result.a, result.b, result.c, result.d):
        assert (uitkomst.voldaan, uitkomst.mate) == (True, Mate.AANNEMELIJK)
        assert uitkomst.toelichting.startswith("Voldoende aannemelijk (art. 2.20 lid 1 onder ")


@pytest.mark.parametrize("letter", "abcd")
def test_plausible_is_not_enough_at_the_definitive_assessment(letter: str) -> None:
    result = assess_criteria(_changed(letter, mate=Mate.AANNEMELIJK), Fase.DEFINITIEF)
    assert result.toelaatbaar is False
    uitkomst: Criteriumuitkomst = getattr(result, letter)
    assert uitkomst.redenen == (Reden(f"{letter}.alleen-aannemelijk"),)
    assert uitkomst.mate is Mate.AANNEMELIJK
    assert "art. 2.31 lid 3 WGS" in uitkomst.toelichting


def test_plausible_still_needs_the_substantiation_and_the_minimums() -> None:
    zonder = _changed("b", mate=Mate.AANNEMELIJK, onderbouwing="", leefgebieden=())
    uitkomst = assess_criteria(zonder, Fase.INTAKE).b
    assert uitkomst.redenen == (Reden.B_ONDERBOUWING_ONTBREEKT, Reden.B_TE_WEINIG_LEEFGEBIEDEN)


@given(criteria_strategy, st.sampled_from(Fase))
def test_stored_outcome_is_the_response_shape_byte_for_byte(criteria: Criteria, fase: Fase) -> None:
    """Stored assessments were written as the response schema's JSON: the domain's stored
    form must produce the same document, key order included, or old and new rows differ."""
    result = assess_criteria(criteria, fase)
    wire = Toetsingsuitkomst.of(result).model_dump(mode="json", by_alias=True)
    assert json.dumps(stored_uitkomst(result)) == json.dumps(wire)
