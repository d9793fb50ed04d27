"""The work queue of the caller's organisation on the wire: `/v1/werkvoorraad`."""

from datetime import date
from enum import StrEnum

from pydantic import ConfigDict, Field

from app.db.werkvoorraad import Werk
from app.schemas.base import ApiModel


class Werksoort(StrEnum):
    """Wat er van uw organisatie gevraagd wordt."""

    GEGEVENSVERZOEK = "gegevensverzoek"
    INSTEMMINGSVERZOEK = "instemmingsverzoek"
    GEHEIMHOUDINGSVERKLARING = "geheimhoudingsverklaring"
    INFORMATIEPLICHT = "informatieplicht"
    BETROKKENENVERZOEK = "betrokkenenverzoek"
    DATALEK = "datalek"


_SOORT = (
    "`gegevensverzoek`: de gezamenlijk verwerkingsverantwoordelijken vragen uw organisatie om "
    "gegevens (art. 2.31 lid 3 WGS) en u verstrekte nog niets op dit verzoek; "
    "`instemmingsverzoek`: een verlenging van de bewaartermijn wacht op uw instemming als "
    "verstrekker (art. 1.16 BGS); `geheimhoudingsverklaring`: uw organisatie is als "
    "incidentele deelnemer uitgenodigd en nog niemand van haar tekende de verklaring "
    "(art. 2.31 lid 9 WGS, art. 2.21 BGS); `informatieplicht`: de betrokkene van een "
    "toegelaten casus moet nog worden geïnformeerd (art. 14 AVG), voor het aangewezen "
    "contactpunt en de daartoe gemandateerde netwerkmanager; `betrokkenenverzoek`: een "
    "verzoek van een betrokkene (art. 15-21 AVG) waarbij uw organisatie betrokken is, wacht "
    "op uw reactie (art. 14.3-14.4 bestuurlijke afspraken); `datalek`: een gemeld datalek "
    "wacht op beoordeling (art. 33 AVG), voor het contactpunt en de daartoe gemandateerde "
    "netwerkmanager."
)


class Werkitem(ApiModel):
    """Eén ding dat op uw organisatie wacht: soort, casus, uiterste datum en waar het ligt."""

    soort: Werksoort = Field(description=_SOORT)
    casus_id: str | None = Field(description="De casus waarover het gaat (null als er geen is).")
    vervaldatum: date | None = Field(
        description=(
            "De uiterste datum: bij `informatieplicht` de uiterlijke datum van art. 14 lid 3 "
            "AVG (na opheffing van een uitzondering een maand daarna), bij "
            "`betrokkenenverzoek` de uiterlijke beslisdatum (art. 12 lid 3 AVG), bij `datalek` "
            "de dag (Nederlandse tijd) waarop de 72 uur van art. 33 lid 1 AVG verstrijken; "
            "null als wet en afspraken geen termijn stellen."
        )
    )
    link: str = Field(
        description=(
            "Waar het werk ligt: het gegevensverzoek (GET), de instemmingen van de verlenging "
            "(POST), de geheimhoudingsverklaringen van de casus (POST), de informatieplicht "
            "(GET en POST), het verzoek van de betrokkene (GET; reageren met POST "
            "`.../reacties`) of het datalek (GET; beoordelen met POST `.../beoordeling`)."
        )
    )

    @classmethod
    def of(cls, werk: Werk) -> "Werkitem":
        return cls(
            soort=Werksoort(werk.soort),
            casus_id=werk.casus_id,
            vervaldatum=werk.vervaldatum,
            link=_link(werk),
        )


def _link(werk: Werk) -> str:
    casus = f"/v1/casussen/{werk.casus_id}"
    match Werksoort(werk.soort):
        case Werksoort.GEGEVENSVERZOEK:
            return f"{casus}/gegevensverzoeken/{werk.ref}"
        case Werksoort.INSTEMMINGSVERZOEK:
            return f"{casus}/verlengingen/{werk.ref}/instemmingen"
        case Werksoort.GEHEIMHOUDINGSVERKLARING:
            return f"{casus}/geheimhoudingsverklaringen"
        case Werksoort.INFORMATIEPLICHT:
            return f"{casus}/informatieplicht"
        case Werksoort.BETROKKENENVERZOEK:
            return f"/v1/betrokkenenverzoeken/{werk.ref}"
        case Werksoort.DATALEK:
            return f"/v1/datalekken/{werk.ref}"


class WerkvoorraadPagina(ApiModel):
    """Een pagina van de werkvoorraad van uw organisatie, de vroegste uiterste datum eerst."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "werkvoorraad": [
                        {
                            "soort": "informatieplicht",
                            "casusId": "5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70",
                            "vervaldatum": "2026-04-01",
                            "link": "/v1/casussen/5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70"
                            "/informatieplicht",
                        },
                        {
                            "soort": "gegevensverzoek",
                            "casusId": "9a1f2b3c-4d5e-4f70-8c1e-2a4b7d4c8e5f",
                            "vervaldatum": None,
                            "link": "/v1/casussen/9a1f2b3c-4d5e-4f70-8c1e-2a4b7d4c8e5f"
                            "/gegevensverzoeken/0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
                        },
                    ],
                    "pagina": 1,
                    "paginaGrootte": 50,
                    "volgende": None,
                }
            ]
        }
    )

    werkvoorraad: list[Werkitem]
    pagina: int
    pagina_grootte: int
    volgende: str | None = Field(description="Link naar de volgende pagina, of null.")
