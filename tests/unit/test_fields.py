"""The shared input types on their own, in both of pydantic's modes."""

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from app.schemas.fields import Datum, JaNee, JaNeeQuery, Tekst, Tijdstip
from app.validation import invalid_params_from


def _codes(adapter: TypeAdapter[Any], value: object) -> set[str]:
    """The codes in Python mode (FastAPI) and in JSON mode (the batch check): they agree."""
    found: list[set[str]] = []
    for json_mode in (False, True):
        try:
            if json_mode:
                adapter.validate_json(json.dumps(value))
            else:
                adapter.validate_python(value)
        except ValidationError as exc:
            found.append({p.code for p in invalid_params_from(exc.errors())})
        else:
            found.append(set())
    assert found[0] == found[1], (value, found)
    return found[0]


@pytest.mark.parametrize(
    ("kind", "value", "codes"),
    [
        (Tekst, "gewoon", set()),
        (Tekst, "tab\tcr\rlf\n", set()),
        (Tekst, "é ü € 中 \x7f", set()),  # outside U+0000–U+001F
        (Tekst, "A\x00B", {"stuurteken"}),
        (Tekst, "\x1f", {"stuurteken"}),
        (Tekst, 12, {"geen-tekst"}),
        (Datum, "2024-02-29", set()),
        (Datum, "2025-02-29", {"geen-datum"}),
        (Datum, 0, {"geen-datum"}),
        (Datum, "2025-01-01T00:00:00", {"geen-datum"}),
        (Datum, "2025-1-1", {"geen-datum"}),
        (Tijdstip, "2025-01-01T10:00:00Z", set()),
        (Tijdstip, "2025-01-01T10:00:00+01:00", set()),
        (Tijdstip, "2025-01-01T10:00:00", {"geen-tijdstip"}),
        (Tijdstip, 1_700_000_000, {"geen-tijdstip"}),
        (JaNee, True, set()),
        (JaNee, "true", {"geen-boolean"}),
        (JaNee, 1, {"geen-boolean"}),
    ],
)
def test_the_types_refuse_with_their_code(kind: Any, value: object, codes: set[str]) -> None:
    assert _codes(TypeAdapter(kind), value) == codes


def test_values_come_out_typed() -> None:
    assert TypeAdapter(Datum).validate_python("2024-02-29") == date(2024, 2, 29)
    assert TypeAdapter(Datum).validate_json('"2024-02-29"') == date(2024, 2, 29)
    moment = TypeAdapter(Tijdstip).validate_python("2025-01-01T10:00:00Z")
    assert moment == datetime(2025, 1, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [("true", True), ("false", False)])
def test_a_query_boolean_is_the_text_true_or_false(text: str, expected: bool) -> None:
    assert TypeAdapter(JaNeeQuery).validate_python(text) is expected


@pytest.mark.parametrize("text", ["True", "1", "yes", "on", "", "false "])
def test_other_query_booleans_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        TypeAdapter(JaNeeQuery).validate_python(text)
    assert {p.code for p in invalid_params_from(refused.value.errors())} == {"geen-boolean"}


def test_the_text_pattern_is_published_for_clients() -> None:
    schema = TypeAdapter(Tekst).json_schema()
    assert schema == {"type": "string", "pattern": "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]*$"}
    assert TypeAdapter(Datum).json_schema() == {"type": "string", "format": "date"}
