"""Checking a case against art. 2.20 BGS without storing anything."""

from app.domain.criteria import Toetsingsuitkomst
from app.rules.criteria import assess_criteria
from app.schemas.criteria import CriteriaToetsing


def check_criteria(toetsing: CriteriaToetsing) -> Toetsingsuitkomst:
    """The rule's outcome for a check sent over the API; stateless, so no session or log."""
    return assess_criteria(toetsing.criteria.to_domain(), toetsing.fase)
