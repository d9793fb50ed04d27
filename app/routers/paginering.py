"""One way to page a list endpoint: `pagina` and `paginaGrootte` in, a `volgende` link out.

Every paginated endpoint reads its page with these parameters and builds its next link
with `volgende`; the service gets a `Paginering` (app/domain/paginering.py).
"""

from collections.abc import Mapping
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query

from app.domain.paginering import Paginering

MAX_PAGINA = 100_000

Pagina = Annotated[int, Query(ge=1, le=MAX_PAGINA)]
PaginaGrootte = Annotated[int, Query(alias="paginaGrootte", ge=1, le=200)]
# The processing log is read in bulk by the data protection officer: larger pages.
LogPaginaGrootte = Annotated[int, Query(alias="paginaGrootte", ge=1, le=500)]
# The same parameters, described in the document (the work queue's).
BeschrevenPagina = Annotated[int, Query(ge=1, le=MAX_PAGINA, description="Paginanummer, vanaf 1.")]
BeschrevenPaginaGrootte = Annotated[
    int, Query(alias="paginaGrootte", ge=1, le=200, description="Aantal per pagina (1–200).")
]

Querywaarden = Mapping[str, str | int | None]


def volgende(
    pad: str,
    paginering: Paginering,
    meer: bool,
    *,
    voor: Querywaarden | None = None,
    na: Querywaarden | None = None,
) -> str | None:
    """The next page's link (None on the last page): the same query, the next page number.

    `voor` and `na` are the list's other query members, written before and after the page
    members (links keep the order they always had); members that are None are left out."""
    if not meer:
        return None
    query: dict[str, str | int] = {k: v for k, v in (voor or {}).items() if v is not None}
    query["pagina"] = paginering.pagina + 1
    query["paginaGrootte"] = paginering.grootte
    query.update({k: v for k, v in (na or {}).items() if v is not None})
    return f"{pad}?{urlencode(query)}"
