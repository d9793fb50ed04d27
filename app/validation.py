"""Turn framework validation errors into the API's invalidParams: every problem, in Dutch."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.domain.errors import InvalidParam


class MalformedJson:
    """Stands in for a body that is not JSON, so authorisation is still decided first."""

    __slots__ = ("message", "position")

    def __init__(self, message: str, position: int) -> None:
        self.message = message
        self.position = position


_REASONS: dict[str, str] = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Dit veld is onbekend.",
    "string_type": "Verwacht een tekst.",
    "string_too_short": "De tekst is te kort.",
    "string_too_long": "De tekst is te lang.",
    "string_pattern_mismatch": "De tekst heeft niet de juiste vorm.",
    "int_type": "Verwacht een geheel getal.",
    "int_parsing": "Verwacht een geheel getal.",
    "int_from_float": "Verwacht een geheel getal.",
    "bool_type": "Verwacht true of false.",
    "bool_parsing": "Verwacht true of false.",
    "greater_than_equal": "De waarde is te klein.",
    "greater_than": "De waarde is te klein.",
    "less_than_equal": "De waarde is te groot.",
    "less_than": "De waarde is te groot.",
    "enum": "Onbekende waarde.",
    "literal_error": "Onbekende waarde.",
    "list_type": "Verwacht een lijst.",
    "too_short": "De lijst is te kort.",
    "too_long": "De lijst is te lang.",
    "dict_type": "Verwacht een object.",
    "model_type": "Verwacht een object.",
    "model_attributes_type": "Verwacht een object.",
    "date_type": "Verwacht een datum (JJJJ-MM-DD).",
    "date_parsing": "Geen bestaande datum in de vorm JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Geen bestaande datum in de vorm JJJJ-MM-DD.",
    "date_from_datetime_inexact": "Verwacht een datum zonder tijd.",
    "datetime_parsing": "Geen geldig tijdstip.",
    "datetime_from_date_parsing": "Geen geldig tijdstip.",
    "uuid_parsing": "Geen geldige UUID.",
    "uuid_type": "Geen geldige UUID.",
    "json_invalid": "Het verzoek is geen geldige JSON.",
    "value_error": "Ongeldige waarde.",
    "assertion_error": "Ongeldige waarde.",
}


def _code(error_type: str) -> str:
    return error_type.replace("_", "-")


def _name(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or "body"


def invalid_params_from(errors: Iterable[Mapping[str, Any]]) -> list[InvalidParam]:
    """One InvalidParam per framework error; a non-JSON body is one problem, not many."""
    params: list[InvalidParam] = []
    for error in errors:
        if isinstance(error.get("input"), MalformedJson):
            malformed: MalformedJson = error["input"]
            return [
                InvalidParam(
                    name="body",
                    code="json-ongeldig",
                    reason=f"Het verzoek is geen geldige JSON (positie {malformed.position}).",
                )
            ]
        error_type = str(error.get("type", "value_error"))
        reason = _REASONS.get(error_type)
        ctx = error.get("ctx") or {}
        if isinstance(ctx.get("problems"), list):
            # A rule that found several problems in one field (the priority-list criteria).
            params.extend(p for p in ctx["problems"] if isinstance(p, InvalidParam))
            continue
        if error_type in ("enum", "literal_error") and "expected" in ctx:
            reason = f"Onbekende waarde; toegestaan: {ctx['expected']}."
        elif error_type == "value_error" and "error" in ctx:
            reason = str(ctx["error"])
        params.append(
            InvalidParam(
                name=_name(error.get("loc", ())),
                code=_code(error_type),
                reason=reason or str(error.get("msg", "Ongeldige waarde.")),
            )
        )
    return params
