"""The handler table: every domain event has its handlers, and placements end only there."""

import re
from pathlib import Path
from typing import get_args

from app.domain.events import (
    CasussenGeanonimiseerd,
    CasusToegelaten,
    CasusVerlietProces,
    Gebeurtenis,
    LijstIngetrokken,
)
from app.services import handlers


def test_every_event_type_has_its_handlers() -> None:
    assert set(handlers.HANDLERS) == set(get_args(Gebeurtenis))
    assert all(handlers.HANDLERS[soort] for soort in get_args(Gebeurtenis))


def test_what_follows_from_which_event() -> None:
    assert handlers.HANDLERS[CasusToegelaten] == (handlers.ask_information_duty,)
    assert handlers.HANDLERS[CasusVerlietProces] == (handlers.end_placements_of_casus,)
    assert handlers.HANDLERS[LijstIngetrokken] == (handlers.end_placements_of_lijst,)
    assert handlers.HANDLERS[CasussenGeanonimiseerd] == (handlers.end_placements_of_anonymised,)


def test_placements_end_for_other_aggregates_only_in_the_handlers(repo_root: Path) -> None:
    """Only the handlers end placements because something else happened (the placement
    service itself ends one on removal or re-evaluation, with its own reasons)."""
    why = re.compile(r"CASUS_NIET_MEER_TOEGELATEN|LIJST_INGETROKKEN")
    users = sorted(
        str(path.relative_to(repo_root))
        for path in (repo_root / "app").rglob("*.py")
        if why.search(path.read_text()) and "domain" not in path.parts
    )
    assert users == ["app/services/handlers.py"]
