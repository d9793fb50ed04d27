"""Turn framework validation errors into the API's invalidParams: every problem, in Dutch."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.domain.errors import InvalidParam
from app.problem_codes import PROBLEEMCODES
from app.tekst import STUURTEKEN_REDEN, has_control_characters


class MalformedJson:
    """Stands in for a body that is not JSON, so authorisation is still decided first."""

    __slots__ = ("message", "position")

    def __init__(self, message: str, position: int) -> None:
        self.message = message
        self.position = position


# Pydantic's error types are its internals; the API speaks stable Dutch codes
# (app/problem_codes.py lists them). A type missing here becomes GENERIC.
_CODES: dict[str, tuple[str, str]] = {
    "missing": ("verplicht", "Dit veld is verplicht."),
    "extra_forbidden": ("onbekend-veld", "Dit veld is onbekend."),
    "string_type": ("geen-tekst", "Verwacht een tekst."),
    "string_too_short": ("te-kort", "De tekst is te kort (ten minste {min_length} tekens)."),
    "string_too_long": ("te-lang", "De tekst is te lang (ten hoogste {max_length} tekens)."),
    "string_pattern_mismatch": ("ongeldige-vorm", "De tekst heeft niet de juiste vorm."),
    "int_type": ("geen-geheel-getal", "Verwacht een geheel getal."),
    "int_parsing": ("geen-geheel-getal", "Verwacht een geheel getal."),
    "int_from_float": ("geen-geheel-getal", "Verwacht een geheel getal."),
    "bool_type": ("geen-boolean", "Verwacht true of false."),
    "bool_parsing": ("geen-boolean", "Verwacht true of false."),
    "greater_than_equal": ("te-klein", "De waarde is te klein (ten minste {ge})."),
    "greater_than": ("te-klein", "De waarde is te klein (groter dan {gt})."),
    "less_than_equal": ("te-groot", "De waarde is te groot (ten hoogste {le})."),
    "less_than": ("te-groot", "De waarde is te groot (kleiner dan {lt})."),
    "enum": ("onbekende-waarde", "Onbekende waarde; toegestaan: {expected}."),
    "literal_error": ("onbekende-waarde", "Onbekende waarde; toegestaan: {expected}."),
    "list_type": ("geen-lijst", "Verwacht een lijst."),
    "too_short": ("te-weinig", "De lijst is te kort (ten minste {min_length})."),
    "too_long": ("te-veel", "De lijst is te lang (ten hoogste {max_length})."),
    "dict_type": ("geen-object", "Verwacht een object."),
    "model_type": ("geen-object", "Verwacht een object."),
    "model_attributes_type": ("geen-object", "Verwacht een object."),
    "date_type": ("geen-datum", "Verwacht een datum als tekst JJJJ-MM-DD."),
    "date_parsing": ("geen-datum", "Geen bestaande datum in de vorm JJJJ-MM-DD."),
    "date_from_datetime_parsing": ("geen-datum", "Geen bestaande datum in de vorm JJJJ-MM-DD."),
    "date_from_datetime_inexact": ("geen-datum", "Verwacht een datum zonder tijd."),
    "datetime_type": ("geen-tijdstip", "Verwacht een tijdstip met tijdzone (RFC 3339)."),
    "datetime_parsing": ("geen-tijdstip", "Verwacht een tijdstip met tijdzone (RFC 3339)."),
    "datetime_from_date_parsing": ("geen-tijdstip", "Verwacht een tijdstip met tijdzone."),
    "uuid_type": ("geen-uuid", "Geen geldige UUID."),
    "uuid_parsing": ("geen-uuid", "Geen geldige UUID."),
    "json_invalid": ("json-ongeldig", "Het verzoek is geen geldige JSON."),
    "value_error": ("ongeldige-waarde", "Ongeldige waarde."),
    "assertion_error": ("ongeldige-waarde", "Ongeldige waarde."),
}
GENERIC = ("ongeldige-waarde", "Ongeldige waarde.")
VALIDATION_CODES = frozenset(code for code, _ in _CODES.values()) | {GENERIC[0]}


def code_and_reason(error: Mapping[str, Any]) -> tuple[str, str]:
    """The Dutch code and reason of one pydantic error, never pydantic's own words."""
    error_type = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if error_type.startswith("string_") and has_control_characters(error.get("input")):
        # Whichever check of the text caught it first (Tekst's pattern, an identifier's
        # pattern, a length), the control character is what the caller must fix.
        return "stuurteken", STUURTEKEN_REDEN
    if error_type in PROBLEEMCODES:
        # Raised by our own validators (app/schemas/fields.py, bsn.py) with a catalogued
        # code and a Dutch message.
        return error_type, str(error.get("msg") or PROBLEEMCODES[error_type])
    code, reason = _CODES.get(error_type, GENERIC)
    if error_type == "value_error" and "error" in ctx:
        return code, str(ctx["error"])
    try:
        return code, reason.format(**ctx)
    except KeyError:  # a pydantic version without that context
        return code, GENERIC[1]


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
        ctx = error.get("ctx") or {}
        if isinstance(ctx.get("problems"), list):
            # A rule that found several problems in one field (the priority-list criteria).
            params.extend(p for p in ctx["problems"] if isinstance(p, InvalidParam))
            continue
        code, reason = code_and_reason(error)
        params.append(InvalidParam(name=_name(error.get("loc", ())), code=code, reason=reason))
    return params
