"""The retention rules (art. 1.8 lid 7 WGS, art. 1.16 BGS, factsheet Bewaartermijnen)."""

from datetime import date

import pytest

from app.config import ConfigurationError, Settings
from app.rules.bewaartermijn_toelichting import (
    ANDERE_WET,
    BGS_VERLENGING,
    BGS_VERWIJDEREN,
    FACTSHEET,
    WGS_MAXIMUM,
)
from app.rules.bewaartermijn_typen import Bewaarbeleid, BronGrens, Status
from tests.factories.bewaartermijn import (
    S1,
    S2,
    bron,
    calculate,
    casus,
    dd,
    verlenging,
)

# The factsheet's five worked examples (BRIEF.md section 6): registered, closed, extension
# taking effect on, archive date.
GOLDEN = [
    ("2025-06-05", "2025-12-23", None, "2026-12-23"),
    ("2025-06-05", "2030-06-05", None, "2030-06-05"),
    ("2025-06-05", "2030-01-05", None, "2030-06-05"),
    ("2024-03-03", "2024-12-01", None, "2025-12-01"),
    ("2025-06-05", "2031-02-23", "2030-06-05", "2032-02-23"),
]


@pytest.mark.parametrize(("aanmelddatum", "afsluitdatum", "verlengd", "archiefdatum"), GOLDEN)
def test_factsheet_worked_examples(
    aanmelddatum: str, afsluitdatum: str, verlengd: str | None, archiefdatum: str
) -> None:
    verlengingen = (verlenging(verlengd, 24, S1),) if verlengd else ()
    uitkomst = calculate(casus(aanmelddatum, afsluitdatum, verlengingen=verlengingen))
    assert uitkomst.archiefdatum == dd(archiefdatum)
    assert uitkomst.status is Status.AFGESLOTEN
    if verlengd:
        assert uitkomst.verlengingen[0].ingangsdatum == dd(verlengd)


def test_example_2_leaves_no_inspection_period() -> None:
    uitkomst = calculate(casus("2025-06-05", "2030-06-05"))
    assert uitkomst.maximale_bewaardatum == dd("2030-06-05")
    assert uitkomst.inzagetermijn is not None
    assert (uitkomst.inzagetermijn.maanden, uitkomst.inzagetermijn.dagen) == (0, 0)
    assert uitkomst.inzagetermijn.ingekort


def test_example_3_leaves_five_months() -> None:
    uitkomst = calculate(casus("2025-06-05", "2030-01-05"))
    termijn = uitkomst.inzagetermijn
    assert termijn is not None
    assert (termijn.vanaf, termijn.tot) == (dd("2030-01-05"), dd("2030-06-05"))
    assert (termijn.maanden, termijn.dagen, termijn.ingekort) == (5, 0, True)
    assert "5 maanden" in uitkomst.toelichting


def test_example_1_keeps_the_full_year() -> None:
    termijn = calculate(casus("2025-06-05", "2025-12-23")).inzagetermijn
    assert termijn is not None
    assert (termijn.maanden, termijn.dagen, termijn.ingekort) == (12, 0, False)


def test_example_5_derives_the_extension() -> None:
    uitkomst = calculate(
        casus("2025-06-05", "2031-02-23", verlengingen=(verlenging("2030-06-01"),))
    )
    (toegepast,) = uitkomst.verlengingen
    assert (toegepast.ingangsdatum, toegepast.einddatum) == (dd("2030-06-05"), dd("2032-06-05"))
    assert uitkomst.oorspronkelijke_maximale_bewaardatum == dd("2030-06-05")
    assert uitkomst.maximale_bewaardatum == dd("2032-06-05")


@pytest.mark.parametrize(
    ("aanmelddatum", "afsluitdatum", "afwijzingsdatum", "status", "maximum", "archiefdatum"),
    [
        # Open: the archive date is the maximum.
        ("2025-06-05", None, None, Status.OPEN, "2030-06-05", "2030-06-05"),
        # Leap days: plus five years from 29 February lands on 28 February.
        ("2024-02-29", None, None, Status.OPEN, "2029-02-28", "2029-02-28"),
        ("2024-02-29", "2024-02-29", None, Status.AFGESLOTEN, "2029-02-28", "2025-02-28"),
        ("2023-03-01", "2027-02-28", None, Status.AFGESLOTEN, "2028-03-01", "2028-02-28"),
        ("2023-02-28", "2028-02-29", None, Status.AFGESLOTEN, "2028-02-28", "2028-02-28"),
        # Closed exactly one year before the maximum: the whole year fits.
        ("2025-06-05", "2029-06-05", None, Status.AFGESLOTEN, "2030-06-05", "2030-06-05"),
        # Closed one day later: the year is cut off by the maximum.
        ("2025-06-05", "2029-06-06", None, Status.AFGESLOTEN, "2030-06-05", "2030-06-05"),
        # Closed on the day of registration.
        ("2025-06-05", "2025-06-05", None, Status.AFGESLOTEN, "2030-06-05", "2026-06-05"),
        # Closed after the maximum (no extension): the maximum still wins.
        ("2025-06-05", "2031-01-01", None, Status.AFGESLOTEN, "2030-06-05", "2030-06-05"),
        # Rejected: one year after the registration, whenever the rejection was.
        ("2025-06-05", None, "2025-06-20", Status.AFGEWEZEN, "2030-06-05", "2026-06-05"),
        ("2025-06-05", None, "2025-06-05", Status.AFGEWEZEN, "2030-06-05", "2026-06-05"),
        ("2024-02-29", None, "2024-03-10", Status.AFGEWEZEN, "2029-02-28", "2025-02-28"),
    ],
)
def test_case_archive_dates(
    aanmelddatum: str,
    afsluitdatum: str | None,
    afwijzingsdatum: str | None,
    status: Status,
    maximum: str,
    archiefdatum: str,
) -> None:
    uitkomst = calculate(casus(aanmelddatum, afsluitdatum, afwijzingsdatum))
    assert uitkomst.status is status
    assert uitkomst.maximale_bewaardatum == dd(maximum)
    assert uitkomst.archiefdatum == dd(archiefdatum)


def test_closure_one_day_inside_the_last_year_cuts_the_period() -> None:
    exact = calculate(casus("2025-06-05", "2029-06-05")).inzagetermijn
    later = calculate(casus("2025-06-05", "2029-06-06")).inzagetermijn
    assert exact is not None
    assert later is not None
    assert (exact.maanden, exact.dagen, exact.ingekort) == (12, 0, False)
    assert (later.maanden, later.dagen, later.ingekort) == (11, 30, True)


def test_rejection_period_runs_from_the_rejection() -> None:
    uitkomst = calculate(casus("2025-06-05", afwijzingsdatum="2025-07-05"))
    termijn = uitkomst.inzagetermijn
    assert termijn is not None
    assert (termijn.vanaf, termijn.tot, termijn.maanden, termijn.dagen) == (
        dd("2025-07-05"),
        dd("2026-06-05"),
        11,
        0,
    )
    assert calculate(casus("2025-06-05")).inzagetermijn is None


@pytest.mark.parametrize(
    ("afsluitdatum", "verlengingen", "ranges", "maximum", "archiefdatum"),
    [
        # One full extension of an open case.
        (
            None,
            (("2030-06-05", 24, S1),),
            [("2030-06-05", "2032-06-05")],
            "2032-06-05",
            "2032-06-05",
        ),
        # Repeated: the second starts where the first ended.
        (
            None,
            (("2030-06-01", 24, S1), ("2032-06-05", 24, S1)),
            [("2030-06-05", "2032-06-05"), ("2032-06-05", "2034-06-05")],
            "2034-06-05",
            "2034-06-05",
        ),
        # Partial extensions need not use the two years in full.
        (
            None,
            (("2030-05-01", 6, S1), ("2030-12-01", 3, S1)),
            [("2030-06-05", "2030-12-05"), ("2030-12-05", "2031-03-05")],
            "2031-03-05",
            "2031-03-05",
        ),
        # Situation 2: closed five months before the maximum; the year after closure returns.
        (
            "2030-01-05",
            (("2030-05-01", 12, S2),),
            [("2030-06-05", "2031-06-05")],
            "2031-06-05",
            "2031-01-05",
        ),
        # Situation 2, partly used: the new maximum still caps the year after closure.
        (
            "2030-01-05",
            (("2030-06-05", 3, S2),),
            [("2030-06-05", "2030-09-05")],
            "2030-09-05",
            "2030-09-05",
        ),
        # Situation 2 for a case closed on the maximum itself (example 2).
        (
            "2030-06-05",
            (("2030-06-05", 24, S2),),
            [("2030-06-05", "2032-06-05")],
            "2032-06-05",
            "2031-06-05",
        ),
        # Situation 1, then the case closes during the extension.
        (
            "2031-02-23",
            (("2030-06-05", 24, S1),),
            [("2030-06-05", "2032-06-05")],
            "2032-06-05",
            "2032-02-23",
        ),
        # Situation 1, then situation 2 in the extended period.
        (
            "2032-01-10",
            (("2030-06-05", 24, S1), ("2032-04-01", 24, S2)),
            [("2030-06-05", "2032-06-05"), ("2032-06-05", "2034-06-05")],
            "2034-06-05",
            "2033-01-10",
        ),
    ],
)
def test_extensions(
    afsluitdatum: str | None,
    verlengingen: tuple[tuple[str, int, object], ...],
    ranges: list[tuple[str, str]],
    maximum: str,
    archiefdatum: str,
) -> None:
    besluiten = tuple(verlenging(b, m, r) for b, m, r in verlengingen)  # type: ignore[arg-type]
    uitkomst = calculate(casus("2025-06-05", afsluitdatum, verlengingen=besluiten))
    assert [(v.ingangsdatum, v.einddatum) for v in uitkomst.verlengingen] == [
        (dd(a), dd(b)) for a, b in ranges
    ]
    assert uitkomst.maximale_bewaardatum == dd(maximum)
    assert uitkomst.archiefdatum == dd(archiefdatum)
    assert uitkomst.oorspronkelijke_maximale_bewaardatum == dd("2030-06-05")


def test_extension_from_a_month_end_lands_on_the_last_day() -> None:
    besluiten = (verlenging("2030-08-31", 6), verlenging("2031-02-28", 6))
    uitkomst = calculate(casus("2025-08-31", verlengingen=besluiten))
    assert [v.einddatum for v in uitkomst.verlengingen] == [dd("2031-02-28"), dd("2031-08-28")]


@pytest.mark.parametrize(
    ("afsluitdatum", "verlengd", "bronkenmerken", "archiefdatum", "grens"),
    [
        # Without consent, the maximum before any extension caps the source.
        (None, True, {}, "2030-06-05", BronGrens.GEEN_INSTEMMING),
        # With consent, the source follows the case.
        (None, True, {"instemming": True}, "2032-06-05", BronGrens.CASUS),
        # Without an extension, consent makes no difference.
        (None, False, {}, "2030-06-05", BronGrens.CASUS),
        ("2025-12-23", False, {}, "2026-12-23", BronGrens.CASUS),
        # A statutory limit (Wvggz, Wzd) is never passed, extension or not.
        (
            None,
            True,
            {"instemming": True, "wettelijk": "2029-01-01"},
            "2029-01-01",
            BronGrens.WETTELIJKE_BEWAARDATUM,
        ),
        (None, False, {"wettelijk": "2027-03-01"}, "2027-03-01", BronGrens.WETTELIJKE_BEWAARDATUM),
        # A statutory limit after the case's archive date does not lengthen anything.
        ("2025-12-23", False, {"wettelijk": "2029-01-01"}, "2026-12-23", BronGrens.CASUS),
        # Statutory limit between the old and the new maximum, without consent: old maximum.
        (None, True, {"wettelijk": "2031-01-01"}, "2030-06-05", BronGrens.GEEN_INSTEMMING),
        # Closed during the extension, no consent: the old maximum is earlier than the case's.
        ("2031-02-23", True, {}, "2030-06-05", BronGrens.GEEN_INSTEMMING),
        ("2031-02-23", True, {"instemming": True}, "2032-02-23", BronGrens.CASUS),
    ],
)
def test_source_archive_dates(
    afsluitdatum: str | None,
    verlengd: bool,
    bronkenmerken: dict[str, object],
    archiefdatum: str,
    grens: BronGrens,
) -> None:
    verlengingen = (verlenging("2030-06-01"),) if verlengd else ()
    data = casus(
        "2025-06-05",
        afsluitdatum,
        verlengingen=verlengingen,
        bronnen=(bron("b1", **bronkenmerken), bron("b2", instemming=True)),  # type: ignore[arg-type]
    )
    uitkomst = calculate(data)
    b1, b2 = uitkomst.bronnen
    assert (b1.id, b1.deelnemer) == ("b1", "om")
    assert b1.archiefdatum == dd(archiefdatum)
    assert b1.begrensd_door is grens
    assert b2.archiefdatum == uitkomst.archiefdatum


@pytest.mark.parametrize(
    ("peildatum", "verlopen"),
    [("2026-12-22", False), ("2026-12-23", False), ("2026-12-24", True)],
)
def test_expired_only_after_the_archive_date(peildatum: str, verlopen: bool) -> None:
    data = casus("2025-06-05", "2025-12-23", bronnen=(bron(wettelijk="2026-12-23"),))
    uitkomst = calculate(data, dd(peildatum))
    assert uitkomst.peildatum == dd(peildatum)
    assert uitkomst.verlopen is verlopen
    assert uitkomst.bronnen[0].verlopen is verlopen


def test_a_source_can_expire_before_the_case() -> None:
    data = casus("2025-06-05", bronnen=(bron(wettelijk="2026-06-01"),))
    uitkomst = calculate(data, dd("2026-07-01"))
    assert not uitkomst.verlopen
    assert uitkomst.bronnen[0].verlopen


def test_policy_lengthens_the_period_after_closure() -> None:
    beleid = Bewaarbeleid(na_afsluiting_maanden=24, na_afwijzing_maanden=6)
    assert calculate(casus("2025-06-05", "2025-12-23"), beleid=beleid).archiefdatum == dd(
        "2027-12-23"
    )
    assert calculate(casus("2025-06-05", "2029-01-01"), beleid=beleid).archiefdatum == dd(
        "2030-06-05"
    )
    afgewezen = calculate(casus("2025-06-05", afwijzingsdatum="2025-06-06"), beleid=beleid)
    assert afgewezen.archiefdatum == dd("2025-12-05")


def test_policy_shortens_the_maximum() -> None:
    beleid = Bewaarbeleid(maximum_jaren=3)
    assert calculate(casus("2025-06-05"), beleid=beleid).maximale_bewaardatum == dd("2028-06-05")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"maximum_jaren": 6},  # art. 1.8 lid 7 WGS: at the latest five years
        {"maximum_jaren": 0},
        {"verlenging_maximum_maanden": 25},  # art. 1.16 BGS: at most two years
        {"verlenging_maximum_maanden": 0},
        {"na_afsluiting_maanden": -1},
        {"na_afwijzing_maanden": 61},
    ],
)
def test_policy_cannot_exceed_the_law(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="must lie between"):
        Bewaarbeleid(**kwargs)


@pytest.mark.parametrize(
    ("data", "grondslag"),
    [
        (casus("2025-06-05"), (WGS_MAXIMUM,)),
        (casus("2025-06-05", "2025-12-23"), (WGS_MAXIMUM, FACTSHEET)),
        (
            casus("2025-06-05", afwijzingsdatum="2025-06-06"),
            (WGS_MAXIMUM, BGS_VERWIJDEREN, FACTSHEET),
        ),
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01"),)),
            (WGS_MAXIMUM, BGS_VERLENGING, FACTSHEET),
        ),
        (casus("2025-06-05", bronnen=(bron(wettelijk="2027-01-01"),)), (WGS_MAXIMUM, ANDERE_WET)),
    ],
)
def test_grondslag_names_the_articles_applied(data: object, grondslag: tuple[str, ...]) -> None:
    assert calculate(data).grondslag == grondslag  # type: ignore[arg-type]


def test_toelichting_explains_each_step() -> None:
    data = casus(
        "2025-06-05",
        "2031-02-23",
        verlengingen=(verlenging("2030-06-01"),),
        bronnen=(bron(),),
    )
    tekst = calculate(data, date(2032, 3, 1)).toelichting
    for fragment in (
        "5 juni 2025",
        "5 juni 2030 (art. 1.8 lid 7 WGS)",
        "Verlengd met 24 maanden van 5 juni 2030 tot 5 juni 2032",
        "situatie 1",
        "afgesloten op 23 februari 2031",
        "23 februari 2032",
        "is de archiefdatum verstreken",
        "1 van de 1 bronnen",
    ):
        assert fragment in tekst


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bewaartermijn_maximum_jaren": 3, "bewaartermijn_na_afsluiting_maanden": 37},
        {"bewaartermijn_maximum_jaren": 1, "bewaartermijn_na_afwijzing_maanden": 13},
    ],
)
def test_settings_refuse_a_period_longer_than_the_maximum(kwargs: dict[str, int]) -> None:
    with pytest.raises(ConfigurationError, match="maximum term"):
        Settings(**kwargs)  # type: ignore[arg-type]


def test_settings_build_the_policy() -> None:
    settings = Settings(bewaartermijn_na_afsluiting_maanden=18, verlenging_maximum_maanden=12)
    assert settings.bewaarbeleid() == Bewaarbeleid(
        na_afsluiting_maanden=18, verlenging_maximum_maanden=12
    )
    assert Settings().bewaarbeleid() == Bewaarbeleid()
