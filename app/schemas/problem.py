"""RFC 9457 problem details, as the NL GOV API Design Rules ask (/core/error-handling)."""

from pydantic import Field

from app.schemas.base import ApiModel


class InvalidParamSchema(ApiModel):
    """Eén probleem met de invoer."""

    name: str = Field(
        description="Het veld of de parameter, als pad met punten (bijv. `criteria.a.mate`)."
    )
    code: str = Field(
        description="Stabiele, machineleesbare code van het probleem; zie `Probleemcode`."
    )
    reason: str = Field(description="Uitleg in het Nederlands.")


class Problem(ApiModel):
    """Foutmelding volgens RFC 9457 (application/problem+json)."""

    type: str = Field(description="URI die het soort probleem aanduidt.")
    title: str = Field(description="Korte, vaste omschrijving van het soort probleem.")
    status: int = Field(description="De HTTP-statuscode.")
    detail: str = Field(description="Uitleg van dit specifieke geval.")
    instance: str | None = Field(default=None, description="URI van dit voorkomen (request-id).")
    code: str | None = Field(
        default=None,
        description=(
            "Stabiele, machineleesbare code; ook het laatste deel van `type`. De mogelijke "
            "waarden en hun betekenis staan in `Probleemcode`."
        ),
    )
    invalid_params: list[InvalidParamSchema] | None = Field(
        default=None, description="Alle gevonden problemen met de invoer (alleen bij 400)."
    )
