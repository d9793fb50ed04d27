"""Art. 2.32 WGS / 2.22 BGS: the criteria language, its window and its refusals."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.prioritering import CATEGORIEEN, Alle, EenVan, Expressie, Feit, Soort, Telling
from app.rules.prioritering import (
    MAX_DIEPTE,
    compile_criteria,
    evaluate,
    minus_months,
    parse_criteria,
    problems_in_feit,
    to_json,
    window,
)
from app.rules.prioritering_tekst import describe_criteria

PEILDATUM = date(2026, 3, 31)


def feit(soort: str, datum: date, categorie: str = "geweld", bron: str = "politie") -> Feit:
    return Feit(soort=Soort(soort), categorie=categorie, datum=datum, bron=bron)


def telling(
    soort: str, maanden: int, minimaal: int, categorieen: list[str] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"soort": soort, "periodeMaanden": maanden}
    if categorieen is not None:
        body["categorieen"] = categorieen
    return {"telling": body, "minimaal": minimaal}


def problems(raw: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        parse_criteria(raw)
    return [(p.name, p.code) for p in caught.value.problems]


# --- months and the window -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 1, date(2026, 2, 28)),  # the 31st → last day of February
        (date(2024, 3, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2023, 2, 28)),  # 29 February a year back
        (date(2024, 2, 29), 48, date(2020, 2, 29)),  # ... four years back it exists
        (date(2026, 5, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),  # across the year boundary
        (date(2026, 1, 15), 24, date(2024, 1, 15)),
        (date(2026, 7, 1), 6, date(2026, 1, 1)),
        (date(1, 3, 1), 12, date.min),
    ],
)
def test_minus_months(day: date, months: int, expected: date) -> None:
    assert minus_months(day, months) == expected


def test_window_is_inclusive_at_both_ends() -> None:
    assert window(date(2026, 3, 31), 1) == (date(2026, 2, 28), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("datum", "counts"),
    [
        (date(2025, 3, 31), True),  # first day of a 12-month window
        (date(2025, 3, 30), False),  # the day before
        (PEILDATUM, True),  # the peildatum itself
        (PEILDATUM + timedelta(days=1), False),  # after the peildatum: never
        (date(2030, 1, 1), False),
    ],
)
def test_window_boundaries(datum: date, counts: bool) -> None:
    expr = parse_criteria(telling("veroordeling", 12, 1))
    uitkomst = evaluate(expr, [feit("veroordeling", datum)], PEILDATUM)
    assert uitkomst.voldoet is counts
    assert uitkomst.clausules[0].gevonden == int(counts)


@pytest.mark.parametrize(
    ("peildatum", "datum", "counts"),
    [
        (date(2024, 2, 29), date(2023, 2, 28), True),  # 29 Feb − 12 months = 28 Feb
        (date(2024, 2, 29), date(2023, 2, 27), False),
        (date(2026, 3, 31), date(2026, 2, 28), True),  # 31 Mar − 1 month = 28 Feb
        (date(2026, 3, 31), date(2026, 2, 27), False),
    ],
)
def test_window_start_on_days_the_month_lacks(peildatum: date, datum: date, counts: bool) -> None:
    maanden = 12 if peildatum.month == 2 else 1
    expr = parse_criteria(telling("aanhouding", maanden, 1))
    assert evaluate(expr, [feit("aanhouding", datum)], peildatum).voldoet is counts


# --- counting ----------------------------------------------------------------------------


def test_minimum_is_at_least() -> None:
    expr = parse_criteria(telling("veroordeling", 24, 2))
    one = [feit("veroordeling", date(2025, 1, 1))]
    two = [*one, feit("veroordeling", date(2025, 6, 1))]
    assert not evaluate(expr, one, PEILDATUM).voldoet
    uitkomst = evaluate(expr, two, PEILDATUM)
    assert uitkomst.voldoet
    assert uitkomst.clausules[0].feiten == (0, 1)


@pytest.mark.parametrize("categorieen", [None, []])
def test_empty_or_absent_categories_mean_all(categorieen: list[str] | None) -> None:
    expr = parse_criteria(telling("veroordeling", 24, 3, categorieen))
    feiten = [
        feit("veroordeling", date(2025, 1, 1), "geweld"),
        feit("veroordeling", date(2025, 2, 1), "drugs"),
        feit("veroordeling", date(2025, 3, 1), "verkeer"),
    ]
    assert evaluate(expr, feiten, PEILDATUM).voldoet


def test_only_listed_categories_and_kind_count() -> None:
    expr = parse_criteria(telling("veroordeling", 24, 1, ["woninginbraak", "overval"]))
    feiten = [
        feit("veroordeling", date(2025, 1, 1), "geweld"),
        feit("aanhouding", date(2025, 1, 1), "woninginbraak"),  # other kind
        feit("veroordeling", date(2025, 2, 1), "overval"),
    ]
    uitkomst = evaluate(expr, feiten, PEILDATUM)
    assert uitkomst.voldoet
    assert uitkomst.clausules[0].feiten == (2,)


def _nested() -> Expressie:
    return parse_criteria(
        {
            "alle": [
                telling("veroordeling", 24, 2, ["geweld"]),
                {
                    "eenVan": [
                        telling("aanhouding", 12, 3),
                        {
                            "alle": [
                                telling("overlastmelding", 6, 1, ["woonoverlast"]),
                                telling("detentie", 36, 1),
                            ]
                        },
                    ]
                },
            ]
        }
    )


def test_parse_builds_typed_nodes() -> None:
    expr = _nested()
    assert isinstance(expr, Alle)
    assert isinstance(expr.delen[0], Telling)
    assert expr.delen[0] == Telling(Soort.VEROORDELING, ("geweld",), 24, 2)
    assert isinstance(expr.delen[1], EenVan)
    assert isinstance(expr.delen[1].delen[1], Alle)


G1 = feit("veroordeling", date(2025, 1, 1))
G2 = feit("veroordeling", date(2025, 5, 1))
A = [feit("aanhouding", date(2025, 9, d)) for d in (1, 2, 3)]
OV = feit("overlastmelding", date(2026, 1, 1), "woonoverlast")
D = feit("detentie", date(2024, 1, 1), "gevangenisstraf")


@pytest.mark.parametrize(
    ("feiten", "voldoet"),
    [
        ([G1, G2, *A], True),  # alle: convictions, and eenVan via the arrests
        ([G1, G2, OV, D], True),  # ... or via the nested alle
        ([G1, G2, OV], False),  # nested alle needs detention too
        ([G1, *A, OV, D], False),  # one conviction is not enough
        ([G1, G2, *A[:2]], False),  # two arrests are not three
        ([], False),
    ],
)
def test_nesting(feiten: list[Feit], voldoet: bool) -> None:
    uitkomst = evaluate(_nested(), feiten, PEILDATUM)
    assert uitkomst.voldoet is voldoet
    assert [c.pad for c in uitkomst.clausules] == [
        "/alle/0",
        "/alle/1/eenVan/0",
        "/alle/1/eenVan/1/alle/0",
        "/alle/1/eenVan/1/alle/1",
    ]


def test_every_clause_is_counted_in_full() -> None:
    uitkomst = evaluate(_nested(), [G1, G2, *A, OV, D], PEILDATUM)
    assert [(c.gevonden, c.voldaan) for c in uitkomst.clausules] == [
        (2, True),
        (3, True),
        (1, True),
        (1, True),
    ]
    assert uitkomst.clausules[1].feiten == (2, 3, 4)


def test_top_level_count_has_the_empty_pointer() -> None:
    uitkomst = evaluate(parse_criteria(telling("detentie", 12, 1)), [], PEILDATUM)
    assert uitkomst.clausules[0].pad == ""


def test_canonical_json_round_trips() -> None:
    expr = _nested()
    assert parse_criteria(to_json(expr)) == expr
    assert to_json(parse_criteria(telling("aanhouding", 3, 1)))["telling"]["categorieen"] == []


def test_duplicate_categories_count_once() -> None:
    expr = parse_criteria(telling("veroordeling", 3, 1, ["geweld", "geweld"]))
    assert isinstance(expr, Telling)
    assert expr.categorieen == ("geweld",)


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        {"nationaliteit": "NL"},
        {"alle": [telling("veroordeling", 12, 1), {"herkomst": "x"}]},
        {"telling": {"soort": "religie", "periodeMaanden": 12}, "minimaal": 1},
        {"telling": {"soort": "veroordeling", "periodeMaanden": 12, "leeftijd": 18}, "minimaal": 1},
        {"alle": [telling("veroordeling", 12, 1)], "geslacht": "m"},
        {"eenVan": [{"telling": {"soort": "gezondheid", "periodeMaanden": 1}, "minimaal": 1}]},
        {"telling": {"soort": "woonwijk", "periodeMaanden": 1}, "minimaal": 1},
    ],
)
def test_personal_characteristics_cannot_be_expressed(raw: object) -> None:
    found = problems(raw)
    assert "criterium-niet-objectief" in {code for _name, code in found}


def test_refusal_names_the_rule_and_the_characteristic() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_criteria({"alle": [{"nationaliteit": "NL"}]})
    [problem] = caught.value.problems
    assert problem.name == "criteria.alle.0.nationaliteit"
    assert "persoonskenmerk" in problem.reason
    assert "art. 2.32 lid 1 WGS" in problem.reason


def test_unknown_category_per_kind() -> None:
    # `woonoverlast` is a category of nuisance reports, not of convictions.
    assert problems(telling("veroordeling", 12, 1, ["geweld", "woonoverlast"])) == [
        ("criteria.telling.categorieen.1", "categorie-onbekend")
    ]


def test_all_problems_at_once() -> None:
    found = problems(
        {
            "alle": [
                {"telling": {"soort": "veroordeling", "periodeMaanden": 0}, "minimaal": 0},
                {"eenVan": []},
                "x",
                {"alle": [], "eenVan": []},
                {},
            ]
        }
    )
    assert found == [
        ("criteria.alle.0.minimaal", "waarde-buiten-bereik"),
        ("criteria.alle.0.telling.periodeMaanden", "waarde-buiten-bereik"),
        ("criteria.alle.1.eenVan", "lijstlengte-ongeldig"),
        ("criteria.alle.2", "expressie-ongeldig"),
        ("criteria.alle.3", "expressie-ongeldig"),
        ("criteria.alle.4", "expressie-ongeldig"),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"telling": {"soort": "detentie"}}, "verplicht"),
        ({"telling": {"soort": "detentie", "periodeMaanden": "12"}, "minimaal": 1}, "geen-geheel-getal"),
        ({"telling": {"soort": "detentie", "periodeMaanden": True}, "minimaal": 1}, "geen-geheel-getal"),
        ({"telling": {"soort": 3, "periodeMaanden": 1}, "minimaal": 1}, "geen-tekst"),
        ({"telling": {"soort": "detentie", "periodeMaanden": 241}, "minimaal": 1}, "waarde-buiten-bereik"),
        ({"telling": "detentie", "minimaal": 1}, "geen-object"),
        ({"alle": {"telling": {}}}, "geen-lijst"),
        ({"telling": {"soort": "detentie", "periodeMaanden": 1, "categorieen": "x"}, "minimaal": 1}, "geen-lijst"),
        ({"alle": [telling("detentie", 1, 1)], "minimaal": 2}, "expressie-ongeldig"),
    ],
)  # fmt: skip
def test_structure_errors(raw: object, expected: str) -> None:
    assert expected in {code for _name, code in problems(raw)}


def test_nesting_depth_is_bounded() -> None:
    raw: dict[str, Any] = telling("detentie", 1, 1)
    for _ in range(MAX_DIEPTE):
        raw = {"alle": [raw]}
    assert ("expressie-te-diep") in {code for _name, code in problems(raw)}


# --- sources and categories of facts -------------------------------------------------------


def test_fact_from_a_fixed_participant_with_a_known_category_passes() -> None:
    assert problems_in_feit(feit("veroordeling", PEILDATUM), {"politie": 1}, "f") == []


def test_fact_from_a_third_party_and_with_a_foreign_category_is_refused() -> None:
    bad = feit("veroordeling", PEILDATUM, categorie="woonoverlast", bron="cjib")
    found = problems_in_feit(bad, {"politie": 1}, "kandidaten.0.feiten.3")
    assert [(p.name, p.code) for p in found] == [
        ("kandidaten.0.feiten.3.categorie", "categorie-onbekend"),
        ("kandidaten.0.feiten.3.bron", "bron-niet-toegestaan"),
    ]
    assert "Art. 2.32 WGS" in found[1].reason


# --- plain Dutch -----------------------------------------------------------------------------


def test_plain_dutch() -> None:
    text = describe_criteria(_nested())
    assert (
        "minstens 2 veroordelingen in de categorie geweld in de laatste 2 jaar tot en met de "
        "peildatum en (minstens 3 aanhoudingen in het laatste jaar tot en met de peildatum of "
        "(minstens 1 overlastmelding in de categorie woonoverlast in de laatste 6 maanden tot "
        "en met de peildatum en minstens 1 periode van detentie in de laatste 3 jaar tot en "
        "met de peildatum))."
    ) in text
    assert "art. 2.20 BGS" in text


def test_plain_dutch_lists_categories_and_single_month() -> None:
    text = describe_criteria(
        parse_criteria(telling("veroordeling", 1, 1, ["zeden", "overval", "wapens"]))
    )
    assert (
        "minstens 1 veroordeling in de categorie zeden, overval of wapens in de laatste maand"
        in text
    )


# --- properties ------------------------------------------------------------------------------

_soorten = st.sampled_from(list(Soort))


@st.composite
def feiten_st(draw: st.DrawFn) -> Feit:
    soort = draw(_soorten)
    return feit(
        soort.value,
        draw(st.dates(date(2020, 1, 1), date(2027, 12, 31))),
        draw(st.sampled_from(sorted(CATEGORIEEN[soort]))),
    )


@st.composite
def tellingen_st(draw: st.DrawFn) -> Expressie:
    soort = draw(_soorten)
    categorieen = draw(st.lists(st.sampled_from(sorted(CATEGORIEEN[soort])), max_size=3))
    return Telling(
        soort,
        tuple(dict.fromkeys(categorieen)),
        draw(st.integers(1, 60)),
        draw(st.integers(1, 4)),
    )


expressies = st.recursive(
    tellingen_st(),
    lambda kinderen: st.one_of(
        st.builds(lambda d: Alle(tuple(d)), st.lists(kinderen, min_size=1, max_size=3)),
        st.builds(lambda d: EenVan(tuple(d)), st.lists(kinderen, min_size=1, max_size=3)),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    expressies,
    st.lists(feiten_st(), max_size=15),
    feiten_st(),
    st.dates(date(2021, 1, 1), date(2027, 12, 31)),
)
def test_adding_a_fact_never_turns_a_match_into_a_non_match(
    expr: Expressie, feiten: list[Feit], extra: Feit, peildatum: date
) -> None:
    assess = compile_criteria(expr, peildatum)
    before = assess(feiten)
    after = assess([*feiten, extra])
    if before.voldoet:
        assert after.voldoet
    for was, wordt in zip(before.clausules, after.clausules, strict=True):
        assert wordt.gevonden >= was.gevonden


@settings(max_examples=200, deadline=None)
@given(
    expressies, st.lists(feiten_st(), max_size=15), st.dates(date(2021, 1, 1), date(2027, 12, 31))
)
def test_counts_agree_with_a_plain_reading(
    expr: Expressie, feiten: list[Feit], peildatum: date
) -> None:
    uitkomst = compile_criteria(expr, peildatum)(feiten)
    for clausule in uitkomst.clausules:
        t = clausule.telling
        start = minus_months(peildatum, t.periode_maanden)
        expected = [
            i
            for i, f in enumerate(feiten)
            if f["soort"] == t.soort
            and start <= f["datum"] <= peildatum
            and (not t.categorieen or f["categorie"] in t.categorieen)
        ]
        assert clausule.feiten == tuple(expected)
        assert clausule.voldaan is (len(expected) >= t.minimaal)
    assert parse_criteria(to_json(expr)) == expr
