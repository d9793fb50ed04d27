"""Checking a case against art. 2.20 BGS without storing anything."""

from app.domain.criteria import Criteria, Fase, Toetsingsuitkomst
from app.rules.criteria import assess_criteria


def check_criteria(criteria: Criteria, fase: Fase) -> Toetsingsuitkomst:
    """The rule's outcome for a check sent over the API; stateless, so no session or log."""
    return assess_criteria(criteria, fase)
