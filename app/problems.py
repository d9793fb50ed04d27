"""The one table that turns every error into an application/problem+json response."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from starlette.responses import Response

from app.auth.errors import AccessDenied, NotAuthenticated
from app.domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    InvalidParam,
    InvalidTransition,
    NotFound,
    PreconditionFailed,
)
from app.observability import request_id_var
from app.schemas.problem import InvalidParamSchema, Problem

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:nl:zvh-wgs:probleem:"


@dataclass(frozen=True, slots=True)
class ProblemSpec:
    status: int
    title: str


# Most specific first: the first class in an exception's MRO that is listed wins.
ERROR_TABLE: Mapping[type[Exception], ProblemSpec] = {
    InvalidInput: ProblemSpec(400, "Ongeldige invoer"),
    NotAuthenticated: ProblemSpec(401, "Niet geauthenticeerd"),
    AccessDenied: ProblemSpec(403, "Geen toegang"),
    NotFound: ProblemSpec(404, "Niet gevonden"),
    InvalidTransition: ProblemSpec(409, "Ongeldige statusovergang"),
    Conflict: ProblemSpec(409, "Conflict"),
    PreconditionFailed: ProblemSpec(412, "Verouderde versie"),
    DomainError: ProblemSpec(400, "Ongeldige invoer"),
}


def spec_for(exc: Exception) -> ProblemSpec | None:
    for cls in type(exc).__mro__:
        spec = ERROR_TABLE.get(cls)
        if spec is not None:
            return spec
    return None


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    code: str,
    invalid_params: Iterable[InvalidParam] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    request_id = request_id_var.get()
    problem = Problem(
        type=TYPE_PREFIX + code,
        title=title,
        status=status,
        detail=detail,
        instance=f"urn:uuid:{request_id}" if request_id else None,
        code=code,
        invalid_params=(
            [InvalidParamSchema(name=p.name, code=p.code, reason=p.reason) for p in invalid_params]
            if invalid_params is not None
            else None
        ),
    )
    body = problem.model_dump_json(by_alias=True, exclude_none=True)
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def error_response(exc: Exception) -> Response | None:
    """The problem response for a known error, or None when the error is unknown."""
    spec = spec_for(exc)
    if spec is None:
        return None
    detail = str(getattr(exc, "detail", "")) or HTTPStatus(spec.status).phrase
    code = str(getattr(exc, "code", "fout"))
    headers = {"WWW-Authenticate": 'Bearer realm="zvh-wgs"'} if spec.status == 401 else None
    params = exc.problems if isinstance(exc, InvalidInput) else None
    return problem_response(
        spec.status, spec.title, detail, code=code, invalid_params=params, headers=headers
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: each status documented with the Problem schema."""
    descriptions = {
        400: "Ongeldige invoer: alle problemen staan in `invalidParams`.",
        401: "Geen geldig token.",
        403: "Het token is geldig, maar deze deelnemer of rol mag dit niet.",
        404: "Niet gevonden, of niet zichtbaar voor deze deelnemer.",
        409: "Conflict met de huidige toestand.",
        412: "De meegestuurde `If-Match` is verouderd.",
        413: "Het verzoek is te groot.",
        415: "Het mediatype van het verzoek wordt niet ondersteund.",
    }
    return {s: {"model": Problem, "description": descriptions[s]} for s in statuses}
