"""Domain errors. They carry a stable machine-readable code, never an HTTP status."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InvalidParam:
    """One problem with the input: where (dotted name), a stable code and a Dutch reason."""

    name: str
    code: str
    reason: str


class DomainError(Exception):
    """Base of every error the domain raises."""

    code: str = "domeinfout"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code


class InvalidInput(DomainError):
    """The input breaks one or more rules; every problem found is listed."""

    code = "ongeldige-invoer"

    def __init__(self, problems: list[InvalidParam], detail: str | None = None) -> None:
        super().__init__(detail or "De invoer voldoet niet aan de regels.")
        self.problems = problems


class NotFound(DomainError):
    """The resource does not exist, or the caller may not know that it does."""

    code = "niet-gevonden"


class Conflict(DomainError):
    """The request conflicts with the current state of the resource."""

    code = "conflict"


class InvalidTransition(Conflict):
    """A state change the state machine does not allow."""

    code = "ongeldige-statusovergang"


class PreconditionFailed(DomainError):
    """An If-Match precondition did not hold: the caller's copy is stale."""

    code = "verouderde-versie"
