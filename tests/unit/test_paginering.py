"""One page of a list: offset, one row more than the page (limit), the cut, the next link."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.datum import DATUM_IN_TOEKOMST, datum_in_toekomst
from app.domain.paginering import Paginering
from app.routers.paginering import volgende


@pytest.mark.parametrize(
    ("pagina", "grootte", "offset", "limit"),
    [(1, 50, 0, 51), (2, 50, 50, 51), (3, 1, 2, 2), (100_000, 200, 19_999_800, 201)],
)
def test_offset_and_limit(pagina: int, grootte: int, offset: int, limit: int) -> None:
    p = Paginering(pagina, grootte)
    assert (p.offset, p.limit) == (offset, limit)


@given(
    st.lists(st.integers(), max_size=60),
    st.integers(min_value=1, max_value=10),
    st.integers(min_value=1, max_value=10),
)
def test_pages_cover_the_list_once_in_order(alles: list[int], grootte: int, pagina: int) -> None:
    p = Paginering(pagina, grootte)
    rows, meer = p.uit(alles)
    assert rows == alles[p.offset : p.offset + grootte]
    assert meer is (len(alles) > p.offset + grootte)
    # Reading `limit` rows from the store and cutting gives the same page.
    assert p.knip(alles[p.offset : p.offset + p.limit]) == (rows, meer)


def test_next_link_keeps_the_query_order() -> None:
    p = Paginering(1, 2)
    assert volgende("/v1/werkvoorraad", p, True) == "/v1/werkvoorraad?pagina=2&paginaGrootte=2"
    assert volgende("/v1/werkvoorraad", p, False) is None
    assert (
        volgende("/v1/bewaartermijnen/verlopen", p, True, voor={"peildatum": "2025-01-02"})
        == "/v1/bewaartermijnen/verlopen?peildatum=2025-01-02&pagina=2&paginaGrootte=2"
    )
    assert (
        volgende("/v1/verwerkingen", p, True, na={"casusId": None})
        == "/v1/verwerkingen?pagina=2&paginaGrootte=2"
    )
    assert (
        volgende("/v1/verwerkingen", p, True, na={"casusId": "c-1"})
        == "/v1/verwerkingen?pagina=2&paginaGrootte=2&casusId=c-1"
    )


@pytest.mark.parametrize(
    ("datum", "in_toekomst"),
    [(date(2026, 12, 2), False), (date(2026, 12, 3), False), (date(2026, 12, 4), True)],
)
def test_datum_in_toekomst(datum: date, in_toekomst: bool) -> None:
    problem = datum_in_toekomst("datum", datum, date(2026, 12, 3), "Het ligt in de toekomst.")
    assert (problem is not None) is in_toekomst
    if problem is not None:
        assert (problem.name, problem.code, problem.reason) == (
            "datum",
            DATUM_IN_TOEKOMST,
            "Het ligt in de toekomst.",
        )
