"""The factsheet Bewaartermijnen's worked examples, as OpenAPI examples of the request."""

from typing import Any

from fastapi.openapi.models import Example


def _voorbeeld(summary: str, description: str, value: dict[str, Any]) -> Example:
    return Example(summary=summary, description=description, value=value)


VOORBEELDEN: dict[str, Example] = {
    "voorbeeld-1": _voorbeeld(
        "Factsheet voorbeeld 1: binnen vijf jaar afgesloten",
        "Aangemeld 5 juni 2025, afgesloten 23 december 2025: archiefdatum 23 december 2026.",
        {"aanmelddatum": "2025-06-05", "afsluitdatum": "2025-12-23"},
    ),
    "voorbeeld-2": _voorbeeld(
        "Factsheet voorbeeld 2: afgesloten op de maximale bewaardatum",
        "Aangemeld 5 juni 2025, afgesloten 5 juni 2030: archiefdatum 5 juni 2030, geen "
        "inzagetermijn meer.",
        {"aanmelddatum": "2025-06-05", "afsluitdatum": "2030-06-05"},
    ),
    "voorbeeld-3": _voorbeeld(
        "Factsheet voorbeeld 3: vijf maanden inzagetermijn",
        "Aangemeld 5 juni 2025, afgesloten 5 januari 2030: archiefdatum 5 juni 2030.",
        {"aanmelddatum": "2025-06-05", "afsluitdatum": "2030-01-05"},
    ),
    "voorbeeld-4": _voorbeeld(
        "Factsheet voorbeeld 4: afgesloten voor 1 maart 2025",
        "Aangemeld 3 maart 2024, afgesloten 1 december 2024: archiefdatum 1 december 2025.",
        {"aanmelddatum": "2024-03-03", "afsluitdatum": "2024-12-01"},
    ),
    "voorbeeld-5": _voorbeeld(
        "Factsheet voorbeeld 5: langer dan vijf jaar na verlenging",
        "Aangemeld 5 juni 2025, verlengd per 5 juni 2030 (situatie 1), afgesloten 23 februari "
        "2031: archiefdatum 23 februari 2032. De bron zonder instemming houdt 5 juni 2030.",
        {
            "aanmelddatum": "2025-06-05",
            "afsluitdatum": "2031-02-23",
            "afwijzingsdatum": None,
            "verlengingen": [
                {
                    "besluitdatum": "2030-06-01",
                    "maanden": 24,
                    "reden": "criteria-nog-van-toepassing",
                }
            ],
            "bronnen": [
                {
                    "id": "b1",
                    "deelnemer": "om",
                    "instemmingVerlenging": False,
                    "wettelijkeUiterlijkeBewaardatum": None,
                },
                {
                    "id": "b2",
                    "deelnemer": "gemeente-utrecht",
                    "instemmingVerlenging": True,
                    "wettelijkeUiterlijkeBewaardatum": None,
                },
            ],
            "peildatum": "2026-01-01",
        },
    ),
    "vervallen-verlenging": _voorbeeld(
        "Verlenging in situatie 1 vervalt bij afsluiting voor de maximale bewaardatum",
        "Aangemeld 10 december 2021 (maximum 10 december 2026), verlengd in situatie 1 op 1 "
        "oktober 2026, afgesloten 1 november 2026: de verlenging is vervallen, archiefdatum 10 "
        "december 2026; situatie 2 kan nog tot 10 december 2026 worden besloten.",
        {
            "aanmelddatum": "2021-12-10",
            "afsluitdatum": "2026-11-01",
            "verlengingen": [
                {
                    "besluitdatum": "2026-10-01",
                    "maanden": 24,
                    "reden": "criteria-nog-van-toepassing",
                }
            ],
            "peildatum": "2026-11-02",
        },
    ),
    "heropend-na-situatie-2": _voorbeeld(
        "Heropend na een verlenging in situatie 2",
        "Afgesloten 5 januari 2030, verlengd in situatie 2 op 1 mei 2030, heropend 1 juli 2030: "
        "de casus is open tot de verlengde maximale bewaardatum, 5 juni 2032; de verlenging "
        "gaat in op 5 juni 2030.",
        {
            "aanmelddatum": "2025-06-05",
            "verlengingen": [
                {"besluitdatum": "2030-05-01", "maanden": 24, "reden": "terugvalrisico"}
            ],
            "heropeningen": ["2030-07-01"],
            "peildatum": "2030-07-02",
        },
    ),
    "afgewezen": _voorbeeld(
        "Afgewezen aanmelding",
        "Een afgewezen aanmelding geldt als direct afgesloten: archiefdatum een jaar na de "
        "aanmelding (art. 1.16 lid 1 BGS).",
        {"aanmelddatum": "2025-06-05", "afwijzingsdatum": "2025-06-20"},
    ),
}
