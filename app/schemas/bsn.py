"""The BSN on the wire: a string of nine digits passing the elfproef, never echoed back."""

from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from app.rules.bsn import Bsn
from app.schemas.fields import refuse_control_characters

BSN_ONGELDIG = "bsn-ongeldig"  # the invalidParams code


def _parse(value: Any) -> Bsn:
    if isinstance(value, Bsn):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("geen-tekst", "Verwacht een tekst.")
    refuse_control_characters(value)
    try:
        return Bsn(value)
    except ValueError as exc:
        # The message names the rule, never the number that broke it.
        raise PydanticCustomError(BSN_ONGELDIG, str(exc)) from None


BsnVeld = Annotated[
    Bsn,
    PlainValidator(_parse),
    PlainSerializer(lambda bsn: bsn.value, return_type=str, when_used="always"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-9]{9}$",
            "minLength": 9,
            "maxLength": 9,
            "description": (
                "Burgerservicenummer: negen cijfers (als tekst, met voorloopnullen) die "
                "voldoen aan de elfproef: 9×c1 + 8×c2 + … + 2×c8 − 1×c9 is deelbaar door 11 "
                "en niet 0. Een ongeldig nummer geeft 400 met code `bsn-ongeldig`."
            ),
            "example": "111222333",
        }
    ),
]
"""A BSN field for request and response models."""
