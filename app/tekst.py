"""Text without control characters: the one text type of every input, the request
models' (app/schemas/fields.py) and the token claims' (app/auth/claims.py) alike."""

import re
from typing import Annotated, Any, cast

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

# U+0000–U+001F except tab, LF and CR: they break storage (PostgreSQL refuses NUL in
# text) and logs, and no field of this API needs them. ECMA-262 reads the pattern too,
# so the OpenAPI document declares it to clients.
ZONDER_STUURTEKENS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


Tekst = Annotated[str, _ZonderStuurtekens()]
"""Every text of every request: control characters are refused with code `stuurteken`."""
