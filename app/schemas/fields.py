"""The input types every request uses: text, dates, booleans (contract v2, "Input").

FastAPI validates a JSON body with pydantic's *Python* mode, where a lax `date` takes the
integer 0 as 1970-01-01 and a lax `bool` takes "yes" and 1. Pydantic's strict mode is no
cure there: in Python mode it also refuses the strings JSON carries for dates and enums.
So each kind gets one type here, and every request model, query, path and header
parameter uses it; tests/api/test_invoertypen.py fails on a field that does not.
"""

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, GetCoreSchemaHandler, Strict
from pydantic_core import PydanticCustomError, core_schema

from app.tekst import STUURTEKEN_REDEN as STUURTEKEN_REDEN
from app.tekst import ZONDER_STUURTEKENS as ZONDER_STUURTEKENS
from app.tekst import Tekst as Tekst
from app.tekst import has_control_characters as has_control_characters
from app.tekst import refuse_control_characters as refuse_control_characters

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# RFC 3339 with an explicit offset: a time without a zone is ambiguous.
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


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


Datum = Annotated[date, _IsoDatum()]
"""A date that exists (2025-02-30 does not), written `JJJJ-MM-DD`; in bodies and queries."""

Tijdstip = Annotated[datetime, BeforeValidator(_iso_datetime)]
"""A moment, written as RFC 3339 text with a time zone."""

JaNee = Annotated[bool, Strict()]
"""A boolean in a JSON body: `true` or `false`, nothing else."""

JaNeeQuery = Annotated[bool, BeforeValidator(_query_boolean)]
"""A boolean in a query string: the text `true` or `false`, nothing else."""
