"""Base models for the API: Dutch lowerCamelCase members, unknown members refused.

`hide_input_in_errors` keeps personal data (a BSN, a name) out of the text of a validation
error, should one ever be logged; the structured errors still carry it for the mapping.
"""

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class ApiModel(BaseModel):
    """A response model: snake_case in Python, lowerCamelCase on the wire."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, frozen=True, hide_input_in_errors=True
    )


class RequestModel(ApiModel):
    """A request model: unknown members are an error, not silently dropped."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=False,
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
    )
