"""The processing log on the wire."""

from datetime import datetime

from pydantic import Field

from app.db.verwerkingen import Verwerking
from app.domain.verwerking import VERWERKINGSACTIVITEITEN, Handeling, Resultaat
from app.schemas.base import ApiModel


class VerwerkingSchema(ApiModel):
    """Eén verwerking van persoonsgegevens (Logboek Dataverwerkingen; art. 5.7 bestuurlijke afspraken)."""

    id: str = Field(description="Kenmerk van de logregel.")
    tijdstip: datetime = Field(description="Moment van de verwerking (UTC).")
    trace_id: str = Field(description="W3C trace-id van het verzoek.")
    span_id: str = Field(description="W3C span-id van het verzoek.")
    activiteit: str = Field(description="Code van de verwerkingsactiviteit.")
    activiteit_omschrijving: str = Field(description="Omschrijving van de verwerkingsactiviteit.")
    grondslag: str = Field(description="Wettelijke grondslag van de verwerkingsactiviteit.")
    handeling: Handeling = Field(description="Wat er met de persoonsgegevens gebeurde.")
    casus_id: str | None = Field(description="De casus, indien van toepassing.")
    betrokkene: str | None = Field(
        description="Pseudoniem van de betrokkene (nooit het BSN), indien van toepassing."
    )
    sub: str = Field(description="De persoon die handelde (pseudoniem bij de eigen organisatie).")
    deelnemer: str = Field(description="De organisatie van die persoon.")
    rollen: list[str] = Field(description="De rollen waarmee werd gehandeld.")
    resultaat: Resultaat = Field(description="Uitkomst: ook geweigerde pogingen worden vastgelegd.")
    reden: str | None = Field(
        description=(
            "De reden die de coördinerend functionaris gegevensbescherming opgaf voor een "
            "raadpleging voor toezicht (header `Reden` of queryparameter `reden`); anders null."
        )
    )

    @classmethod
    def of(cls, v: Verwerking) -> "VerwerkingSchema":
        omschrijving, grondslag = VERWERKINGSACTIVITEITEN[v.activiteit]
        return cls(
            id=v.id,
            tijdstip=v.tijdstip,
            trace_id=v.trace_id,
            span_id=v.span_id,
            activiteit=v.activiteit,
            activiteit_omschrijving=omschrijving,
            grondslag=grondslag,
            handeling=v.handeling,
            casus_id=v.casus_id,
            betrokkene=v.betrokkene,
            sub=v.sub,
            deelnemer=v.deelnemer,
            rollen=list(v.rollen),
            resultaat=v.resultaat,
            reden=v.reden,
        )


class VerwerkingenPagina(ApiModel):
    """Een pagina van het verwerkingenlog, oudste eerst."""

    verwerkingen: list[VerwerkingSchema]
    pagina: int = Field(description="Het paginanummer (vanaf 1).")
    pagina_grootte: int = Field(description="Het maximale aantal regels per pagina.")
    volgende: str | None = Field(description="URL van de volgende pagina, of null.")


class Verwerkingsactiviteit(ApiModel):
    """Een verwerkingsactiviteit uit het register (art. 30 AVG) waarnaar het log verwijst."""

    code: str = Field(description="De code in het verwerkingenlog en in de export.")
    omschrijving: str
    grondslag: str = Field(description="De wettelijke grondslag.")


class Verwerkingsactiviteiten(ApiModel):
    verwerkingsactiviteiten: list[Verwerkingsactiviteit]
