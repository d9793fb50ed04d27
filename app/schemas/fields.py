"""The input types every request uses: text, dates, booleans (contract v2, "Input").

FastAPI validates a JSON body with pydantic's *Python* mode, where a lax `date` takes the
integer 0 as 1970-01-01 and a lax `bool` takes "yes" and 1. Pydantic's strict mode is no
cure there: in Python mode it also refuses the strings JSON carries for dates and enums.
So each kind gets one type here, and every request model, query, path and header
parameter uses it; tests/api/test_invoertypen.py fails on a field that does not.
"""

import re
from datetime import date, datetime
from typing import Annotated, Any, cast

from pydantic import BeforeValidator, GetCoreSchemaHandler, Strict
from pydantic_core import PydanticCustomError, core_schema

# U+0000–U+001F except tab, LF and CR: they break storage (PostgreSQL refuses NUL in
# text) and logs, and no field of this API needs them. ECMA-262 reads the pattern too,
# so the OpenAPI document declares it to clients.
ZONDER_STUURTEKENS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# RFC 3339 with an explicit offset: a time without a zone is ambiguous.
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


STUURTEKEN_REDEN = (
    "De tekst bevat een stuurteken (U+0000–U+001F); alleen tab, CR en LF zijn toegestaan."
)


def has_control_characters(value: object) -> bool:
    return isinstance(value, str) and _STUURTEKENS.search(value) is not None


def refuse_control_characters(value: object) -> object:
    """For a validator of its own (the BSN's): refuse what `Tekst` refuses."""
    if has_control_characters(value):
        raise PydanticCustomError("stuurteken", STUURTEKEN_REDEN)
    return value


def _iso_date(value: object) -> object:
    """Only a JSON string `JJJJ-MM-DD` is a date here: no numbers, no times of day."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise PydanticCustomError("geen-datum", "Verwacht een datum als tekst JJJJ-MM-DD.")


def _iso_datetime(value: object) -> object:
    if isinstance(value, str) and _ISO_DATETIME.fullmatch(value):
        return value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    raise PydanticCustomError(
        "geen-tijdstip", "Verwacht een tijdstip als tekst, met tijdzone (RFC 3339)."
    )


def _query_boolean(value: object) -> object:
    """A query string carries text: only `true` and `false` are booleans."""
    if isinstance(value, bool):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    raise PydanticCustomError("geen-boolean", "Verwacht true of false.")


class _ZonderStuurtekens:
    """Adds the no-control-characters pattern to a text schema, unless the field has its own.

    A pattern runs inside pydantic-core, so a batch of a million lines pays no Python call
    per text. A field's own pattern (an identifier's) is kept: pydantic applies a
    `Field(pattern=...)` before or after this marker depending on how it is written, and
    each such pattern already refuses control characters, which the tests check.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        if schema["type"] == "str" and "pattern" not in schema:
            text = cast(core_schema.StringSchema, schema)
            text["pattern"] = ZONDER_STUURTEKENS
        return schema


class _IsoDatum:
    """JSON text `JJJJ-MM-DD` only, in both of pydantic's modes.

    Validated from JSON bytes (the batch check), pydantic's strict date is exactly that,
    at no Python cost; validated from parsed JSON (FastAPI's bodies and queries), the
    check runs first, since strict mode there would refuse the text itself.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        return core_schema.json_or_python_schema(
            json_schema={**schema, "strict": True},
            python_schema=core_schema.no_info_before_validator_function(_iso_date, schema),
        )


Tekst = Annotated[str, _ZonderStuurtekens()]
"""Every text of every request: control characters are refused with code `stuurteken`."""

Datum = Annotated[date, _IsoDatum()]
"""A date that exists (2025-02-30 does not), written `JJJJ-MM-DD`; in bodies and queries."""

Tijdstip = Annotated[datetime, BeforeValidator(_iso_datetime)]
"""A moment, written as RFC 3339 text with a time zone."""

JaNee = Annotated[bool, Strict()]
"""A boolean in a JSON body: `true` or `false`, nothing else."""

JaNeeQuery = Annotated[bool, BeforeValidator(_query_boolean)]
"""A boolean in a query string: the text `true` or `false`, nothing else."""
